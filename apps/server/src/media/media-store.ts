import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MEDIA_EXTENSIONS } from "./sniff-media.ts";

/**
 * The media files on disk, under MEDIA_DIR (owner-only: the directory 0700, files 0600). Names
 * are generated (`<random>.<ext of the sniffed type>`), never taken from the sender, so a name
 * can never leave the directory.
 */
export class MediaStore {
  constructor(readonly dir: string) {}

  /** Writes a file whole (a temporary name, then renamed) and returns its generated name. */
  async write(bytes: Uint8Array, mimeType: string): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
    const name = `${crypto.randomUUID()}.${MEDIA_EXTENSIONS[mimeType] ?? "bin"}`;
    const temporary = join(this.dir, `.${name}.part`);
    await writeFile(temporary, bytes, { mode: 0o600 });
    await rename(temporary, join(this.dir, name));
    return name;
  }

  /** The path of a stored file; null for a name this store would never have generated. */
  path(name: string): string | null {
    return /^[0-9a-f-]{36}\.[a-z0-9]{2,5}$/.test(name) ? join(this.dir, name) : null;
  }

  /** The stored files (and interrupted writes) last changed before `before`. */
  async filesOlderThan(before: Date): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const old: string[] = [];
    for (const name of names) {
      const info = await stat(join(this.dir, name)).catch(() => null);
      if (info?.isFile() && info.mtime < before) old.push(name);
    }
    return old;
  }

  async remove(name: string): Promise<void> {
    if (/^\.[0-9a-f-]{36}\.[a-z0-9]{2,5}\.part$/.test(name)) {
      await rm(join(this.dir, name), { force: true });
      return;
    }
    const path = this.path(name);
    if (path) await rm(path, { force: true });
  }
}
