import { chmodSync, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { DiskSpace, formatBytes } from "./disk-space.ts";

/** DATA_DIR cannot be used; the message is one line naming the folder and the cause. */
export class DataDirError extends Error {}

/** Node's error codes and Emscripten's errno numbers (PGlite's file system) for the causes people can act on. */
const CAUSES: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "a part of the path is a file, not a folder",
  "2": "permission denied",
  "63": "permission denied",
  "69": "read-only file system",
  "51": "no space left on device",
  "19": "disk quota exceeded",
  "54": "a part of the path is a file, not a folder",
};

/** The cause of a file-system failure in a few words, or undefined when it is not one. */
export function fileSystemCause(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, errno } = current as { code?: unknown; errno?: unknown };
    if (typeof code === "string" && CAUSES[code]) return CAUSES[code];
    // PGlite's file system throws `ErrnoError { errno }` with Emscripten's numbers.
    if ((current as { name?: unknown }).name === "ErrnoError" && typeof errno === "number" && CAUSES[String(errno)]) return CAUSES[String(errno)];
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && /no space left on device/i.test(message)) return CAUSES.ENOSPC;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Makes DATA_DIR ready and private before anything is written there: every file the process
 * creates from now on is owner-only (umask 077: the embedded database's files and WAL hold
 * password hashes), the folder is created 0700, group and other permissions left by an older
 * version are removed, and a probe file proves it is writable. With `minFreeBytes`, the file
 * system must also have that much room. Throws `DataDirError` otherwise.
 */
export function prepareDataDir(dir: string, { minFreeBytes = 0 }: { minFreeBytes?: number } = {}): void {
  const path = resolve(dir);
  process.umask(0o077);
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    restrictToOwner(path);
    probeWrite(path);
  } catch (error) {
    const cause = fileSystemCause(error) ?? (error instanceof Error ? error.message.split("\n")[0] : String(error));
    throw new DataDirError(`DATA_DIR ${path} is not usable: ${cause}`);
  }
  const space = new DiskSpace({ dir: path, minFreeBytes });
  if (space.shortage()) {
    throw new DataDirError(
      `DATA_DIR ${path} is not usable: almost no space left on device (${formatBytes(space.free())} free, MIN_FREE_SPACE is ${formatBytes(minFreeBytes)})`,
    );
  }
}

/** Removes group and other permissions from `path` and everything under it (symbolic links are left alone). */
function restrictToOwner(path: string): void {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  if ((stats.mode & 0o077) !== 0) chmodSync(path, stats.mode & 0o7700);
  if (stats.isDirectory()) for (const name of readdirSync(path)) restrictToOwner(join(path, name));
}

/** Writes, syncs and removes a small file: a read-only, full or foreign folder fails here with its real cause. */
function probeWrite(dir: string): void {
  const file = join(dir, `.write-probe-${process.pid}`);
  const fd = openSync(file, "w", 0o600);
  try {
    writeSync(fd, new Uint8Array(64 * 1024));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
}
