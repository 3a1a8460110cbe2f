import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { embeddedPath, STANDALONE } from "./standalone.ts";

/**
 * A fresh embedded database, made once at build time: PostgreSQL's `initdb` and every migration
 * already run, dumped as PGlite's gzipped data-directory tarball. A first start loads it instead
 * of running initdb (most of a cold start) and the migrations. It is named by a hash of the
 * migrations, so a template made from other migrations is never used: the server then creates
 * the database the long way, as before. `bun run build` makes it (packages/db `build`); the
 * one-file executable carries it.
 */
const TEMPLATE_DIR = STANDALONE ? embeddedPath("pglite-template") : fileURLToPath(new URL("../dist", import.meta.url));

/** SHA-256 of the migrations: the journal and each SQL file, in order. */
export function migrationsHash(migrationsFolder: string): string {
  const hash = createHash("sha256");
  hash.update(readFileSync(join(migrationsFolder, "meta", "_journal.json")));
  for (const file of readdirSync(migrationsFolder)
    .filter((name) => name.endsWith(".sql"))
    .sort()) {
    hash.update(file);
    hash.update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

export function templateFileName(migrationsFolder: string): string {
  return `pglite-template-${migrationsHash(migrationsFolder)}.tar.gz`;
}

/** The template for these migrations, when one was built; undefined otherwise. */
export function readTemplate(migrationsFolder: string, folder: string = TEMPLATE_DIR): Blob | undefined {
  const file = join(folder, templateFileName(migrationsFolder));
  if (!existsSync(file)) return undefined;
  return new Blob([readFileSync(file)]);
}

/** Writes the template atomically (a temporary name, then a rename): a reader sees all of it or nothing. */
export function writeTemplate(migrationsFolder: string, dump: Blob | Uint8Array, folder: string = TEMPLATE_DIR): Promise<string> {
  return (async () => {
    const file = join(folder, templateFileName(migrationsFolder));
    mkdirSync(dirname(file), { recursive: true });
    const bytes = dump instanceof Uint8Array ? dump : new Uint8Array(await dump.arrayBuffer());
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    return file;
  })();
}
