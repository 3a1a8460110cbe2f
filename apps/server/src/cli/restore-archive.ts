import { createReadStream, createWriteStream, existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { mediaEntryPath } from "./archive-entry-path.ts";
import { type BackupManifest, DATABASE_ENTRY, MANIFEST_ENTRY } from "./backup-file.ts";
import { CommandFailure } from "./command.ts";

export interface UnpackTargets {
  /** Where the database dump is written (mode 0600), for PGlite or pg_restore to read. */
  databaseFile: string;
  /** A new folder that receives the media files, or null to skip them (`--no-media`, or none in the backup). */
  mediaDir: string | null;
}

/**
 * Reads a `confirma backup` archive entry by entry (streamed: no file is held in memory) into
 * `databaseFile` and `mediaDir`. The whole archive is checked while it is read: an entry outside
 * `media/`, a link or device, a duplicate, or a missing dump is refused with a `CommandFailure`,
 * and the caller then removes both targets, so nothing the archive holds lands anywhere else.
 * Folders are made 0700 and files 0600, whatever the archive says.
 */
export async function unpackBackupArchive(file: string, manifest: BackupManifest, { databaseFile, mediaDir }: UnpackTargets): Promise<{ mediaFiles: number }> {
  const databaseEntry = DATABASE_ENTRY[manifest.database];
  let seen = 0;
  let dumped = false;
  let mediaFiles = 0;
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    const position = seen++;
    const place = async (): Promise<void> => {
      if (position === 0) {
        if (header.name !== MANIFEST_ENTRY) refuse(`its first entry is ${JSON.stringify(header.name)}, not the manifest`);
        return drain(stream);
      }
      if (header.name === databaseEntry && header.type === "file" && !dumped) {
        dumped = true;
        return pipeline(stream, createWriteStream(databaseFile, { mode: 0o600, flags: "wx" }));
      }
      const below = mediaEntryPath(header.name);
      if (below === null) refuse(`its entry ${JSON.stringify(header.name)} would be written outside MEDIA_DIR`);
      if (header.type !== "file" && header.type !== "directory") refuse(`its entry ${JSON.stringify(header.name)} is a ${header.type}, not a file or folder`);
      if (below === "" && header.type !== "directory") refuse(`its entry ${JSON.stringify(header.name)} is a file where MEDIA_DIR's folder belongs`);
      if (mediaDir === null) return drain(stream);
      const target = below === "" ? mediaDir : join(mediaDir, below);
      if (target !== mediaDir && !target.startsWith(`${mediaDir}${sep}`)) refuse(`its entry ${JSON.stringify(header.name)} would be written outside MEDIA_DIR`);
      if (header.type === "directory") {
        await mkdir(target, { recursive: true, mode: 0o700 });
        await chmod(target, 0o700);
        return drain(stream);
      }
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      mediaFiles += 1;
      // "wx": a second entry with the same name is refused rather than silently replacing the first.
      return pipeline(stream, createWriteStream(target, { mode: 0o600, flags: "wx" }));
    };
    place().then(
      () => next(),
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  });
  try {
    await pipeline(createReadStream(file), extract);
  } catch (error) {
    if (error instanceof CommandFailure) throw error;
    if ((error as NodeJS.ErrnoException).code === "EEXIST") refuse("it holds the same entry twice");
    throw new CommandFailure(`${file} could not be read as a backup archive: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!dumped) refuse(`it holds no ${databaseEntry}`);
  return { mediaFiles };
}

function refuse(reason: string): never {
  throw new CommandFailure(`this backup archive is refused, nothing was changed: ${reason}`);
}

async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await new Promise<void>((resolve, reject) => stream.on("end", resolve).on("error", reject));
}

/** True when MEDIA_DIR holds anything (restore then wants --force to replace it). */
export function holdsMedia(mediaDir: string): boolean {
  return existsSync(mediaDir) && readdirSync(mediaDir).length > 0;
}

/**
 * Puts the unpacked `incoming` folder in MEDIA_DIR's place (0700), after the database has been
 * restored: the previous files are removed only once the new ones are in place.
 */
export async function replaceMediaDir(mediaDir: string, incoming: string): Promise<void> {
  if (existsSync(mediaDir)) {
    const replaced = `${mediaDir}.replaced-${process.pid}`;
    renameSync(mediaDir, replaced);
    renameSync(incoming, mediaDir);
    rmSync(replaced, { recursive: true, force: true });
  } else {
    renameSync(incoming, mediaDir);
  }
  await chmod(mediaDir, 0o700);
}
