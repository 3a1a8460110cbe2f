/** The folder of a backup archive that holds MEDIA_DIR's files. */
export const MEDIA_FOLDER = "media";

/**
 * Where an archive entry goes inside MEDIA_DIR: the path below `media/` (`""` for the folder
 * itself), or null when the entry is not under `media/` or could leave it (`..`, `.`, empty
 * segments, backslashes, NUL). Restore refuses the whole archive on a null, before it changes
 * anything, so a crafted backup can never write outside MEDIA_DIR.
 *
 * @example mediaEntryPath("media/2026/a.ogg") === "2026/a.ogg"; mediaEntryPath("media/../x") === null
 */
export function mediaEntryPath(name: string): string | null {
  if (name === MEDIA_FOLDER || name === `${MEDIA_FOLDER}/`) return "";
  if (!name.startsWith(`${MEDIA_FOLDER}/`)) return null;
  const below = name.slice(MEDIA_FOLDER.length + 1).replace(/\/$/, "");
  const segments = below.split("/");
  const unsafe = (segment: string) => segment === "" || segment === "." || segment === ".." || /[\\\0]/.test(segment);
  return segments.some(unsafe) ? null : segments.join("/");
}
