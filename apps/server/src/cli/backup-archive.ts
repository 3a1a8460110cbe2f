import { createReadStream, createWriteStream } from "node:fs";
import { type FileHandle, open, readdir } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { MEDIA_FOLDER } from "./archive-entry-path.ts";
import { type BackupManifest, DATABASE_ENTRY, type DatabaseKind, MANIFEST_ENTRY } from "./backup-file.ts";

export interface BackupContents {
  database: DatabaseKind;
  /** The database dump: a file (pg_dump's) or the bytes already in memory (PGlite's tarball). */
  dump: string | Blob;
  /** MEDIA_DIR, or null for `--no-media`. */
  mediaDir: string | null;
}

/**
 * Writes one backup archive to `file` (mode 0600): an uncompressed tar holding the manifest, the
 * database dump, then MEDIA_DIR's files under `media/`. Each file is streamed from disk, so media
 * of any size never sits in memory; the tar is not compressed again (the dump is compressed, and
 * voice notes and photos are). Files written while it runs (PostgreSQL: the server keeps going)
 * may or may not be in it; the dump is taken first, so every file it names that still exists is.
 */
export async function writeBackupArchive(file: string, { database, dump, mediaDir }: BackupContents): Promise<{ mediaFiles: number; mediaBytes: number }> {
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(file, { mode: 0o600 }));
  written.catch(() => {}); // awaited below; an early failure must not go unhandled meanwhile
  const totals = { mediaFiles: 0, mediaBytes: 0 };
  try {
    const manifest: BackupManifest = { format: "confirma-backup", version: 1, database, media: mediaDir !== null };
    await addEntry(pack, { name: MANIFEST_ENTRY, mode: 0o600 }, Buffer.from(JSON.stringify(manifest)));
    if (typeof dump === "string") await addFile(pack, DATABASE_ENTRY[database], dump);
    else await addEntry(pack, { name: DATABASE_ENTRY[database], size: dump.size, mode: 0o600 }, Readable.fromWeb(dump.stream() as never));
    if (mediaDir !== null) {
      await addEntry(pack, { name: `${MEDIA_FOLDER}/`, type: "directory", mode: 0o700 });
      for await (const relative of mediaFiles(mediaDir)) {
        if (relative.endsWith("/")) await addEntry(pack, { name: `${MEDIA_FOLDER}/${relative}`, type: "directory", mode: 0o700 });
        else {
          const size = await addFile(pack, `${MEDIA_FOLDER}/${relative}`, join(mediaDir, relative));
          if (size !== null) {
            totals.mediaFiles += 1;
            totals.mediaBytes += size;
          }
        }
      }
    }
    pack.finalize();
  } catch (error) {
    pack.destroy(error as Error);
    throw error;
  }
  await written;
  return totals;
}

/** MEDIA_DIR's regular files and folders (`sub/`), depth first; links and interrupted writes are left out. */
async function* mediaFiles(dir: string, prefix = ""): AsyncGenerator<string> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(join(dir, prefix), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // no media yet, or a folder just swept
    throw error;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      yield `${relative}/`;
      yield* mediaFiles(dir, `${relative}/`);
    } else if (entry.isFile() && !/^\..*\.part$/.test(entry.name)) {
      yield relative;
    }
  }
}

/** Streams one file into the archive; null when it went meanwhile (retention, an erased client). */
async function addFile(pack: tar.Pack, name: string, path: string): Promise<number | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    // Stored files are written whole and renamed into place, never changed: the size read now holds.
    const info = await handle.stat();
    await addEntry(pack, { name, size: info.size, mode: 0o600, mtime: info.mtime }, createReadStream("", { fd: handle.fd, autoClose: false }));
    return info.size;
  } finally {
    await handle.close();
  }
}

/** One entry: a folder (no content), bytes, or a stream of exactly `header.size` bytes. */
async function addEntry(pack: tar.Pack, header: tar.Headers, content?: Buffer | Readable): Promise<void> {
  if (content instanceof Readable) {
    await pipeline(content, pack.entry(header));
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error | null) => (error ? reject(error) : resolve());
    if (content) pack.entry(header, content, done);
    else pack.entry(header, done);
  });
}
