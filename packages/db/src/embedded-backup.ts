import { existsSync } from "node:fs";
import { join } from "node:path";
import { createPglite, embeddedDatabaseDir } from "./database.ts";

/** True when DATA_DIR holds an embedded database (initialised by a first start). */
export function hasEmbeddedDatabase(dataDir: string): boolean {
  return existsSync(join(embeddedDatabaseDir(dataDir), "PG_VERSION"));
}

/**
 * The embedded database of DATA_DIR as one gzipped tarball of its data directory (PGlite's
 * `dumpDataDir`), taken after a checkpoint so that restoring it replays no WAL. PGlite cannot
 * share its files between processes: nothing else may have DATA_DIR's database open meanwhile.
 * The tarball is built in memory.
 */
export async function dumpEmbeddedDatabase(dataDir: string): Promise<Blob> {
  const client = await createPglite(embeddedDatabaseDir(dataDir));
  try {
    await client.query("checkpoint");
    return await client.dumpDataDir("gzip");
  } finally {
    await client.close();
  }
}

/**
 * Creates an embedded database in the new folder `location` from a `dumpEmbeddedDatabase`
 * tarball, and proves it opens and answers. Returns how many migrations it holds.
 */
export async function loadEmbeddedDatabase(location: string, tarball: Blob): Promise<{ migrations: number }> {
  const client = await createPglite(location, { loadDataDir: tarball });
  try {
    const present = await client.query<{ present: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as present");
    if (!present.rows[0]?.present) return { migrations: 0 };
    const result = await client.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
    return { migrations: result.rows[0]?.n ?? 0 };
  } finally {
    await client.close();
  }
}
