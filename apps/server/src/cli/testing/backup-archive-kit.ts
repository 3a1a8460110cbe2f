import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";

/** The entry names of a tar archive, in order. */
export async function archiveEntries(file: string): Promise<string[]> {
  const names: string[] = [];
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    names.push(header.name);
    stream.on("end", () => next());
    stream.resume();
  });
  await pipeline(createReadStream(file), extract);
  return names;
}

export interface ArchiveEntry {
  name: string;
  body?: string | Uint8Array;
  type?: "file" | "directory" | "symlink";
  linkname?: string;
}

/** Writes a tar archive holding exactly `entries`, names as given (a crafted backup). */
export async function writeArchive(file: string, entries: ArchiveEntry[]): Promise<void> {
  const pack = tar.pack();
  for (const { name, body, type = "file", linkname } of entries)
    pack.entry({ name, type, linkname, mode: 0o644 }, body === undefined ? undefined : Buffer.from(body));
  pack.finalize();
  await pipeline(pack, createWriteStream(file));
}

/** Every folder and file under `dir` with its mode (and a file's bytes); `{}` when there is no `dir`. */
export function mediaTree(dir: string): Record<string, { mode: number; bytes?: Uint8Array }> {
  if (!existsSync(dir)) return {};
  const tree: Record<string, { mode: number; bytes?: Uint8Array }> = { ".": { mode: statSync(dir).mode & 0o777 } };
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    const info = statSync(path);
    tree[name] = info.isDirectory() ? { mode: info.mode & 0o777 } : { mode: info.mode & 0o777, bytes: new Uint8Array(readFileSync(path)) };
  }
  return tree;
}

/** What a restore may leave beside the database in DATA_DIR: only the database and MEDIA_DIR themselves. */
export function leftovers(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((name) => /^(pglite|media|restore-)/.test(name))
    .sort();
}
