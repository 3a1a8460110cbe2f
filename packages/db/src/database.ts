import fs, { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Extension, PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { ADVISORY_LOCKS } from "./advisory-locks.ts";
import { announcementsSettled } from "./announce.ts";
import { readTemplate } from "./pglite-template.ts";
import { embeddedExtension, embeddedPath, STANDALONE } from "./standalone.ts";
import { currentCommitDeadline, DeadlineExceededError } from "./commit-deadline.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** The one database type every service takes, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Database | Transaction;

export const MIGRATIONS_FOLDER = STANDALONE ? embeddedPath("migrations") : fileURLToPath(new URL("../migrations", import.meta.url));
/** The channel change events are announced on: inside the writing transaction, or right after its commit. */
export const CHANGES_CHANNEL = "confirma_changes";

type StatementRunner = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
const runners = new WeakMap<Database, StatementRunner>();
const dialect = new PgDialect();

/**
 * Runs one hand-written statement as a prepared statement (drizzle's `execute` plans it anew
 * every time, which costs more than running it for a large CTE) and returns its rows, the
 * same shape on both drivers. Outside a transaction: it commits on its own.
 */
export async function queryPrepared<T>(db: Database, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const run = runners.get(db);
  if (run) return (await run(text, params)) as T[];
  // A drizzle instance made elsewhere (with a logger, say): unprepared, same rows.
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Round-trips to the database; throws when it is unreachable. */
  ping(): Promise<void>;
  /** Waits for running queries, then releases every connection so the process can exit. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; absent = in memory (tests). */
  dataDir?: string;
  /** Connections in the postgres.js pool. */
  poolSize?: number;
  migrate?: boolean;
}

/**
 * Opens the database: PostgreSQL through postgres.js when `databaseUrl` is set, the embedded
 * PGlite otherwise, and applies pending migrations. Both give the same typed `Database`.
 */
export async function openDatabase({ databaseUrl, dataDir, poolSize = 10, migrate = true }: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  return databaseUrl ? openPostgres(databaseUrl, poolSize, migrate) : openPglite(dataDir, migrate);
}

/** Where the embedded database keeps its files inside DATA_DIR. */
export function embeddedDatabaseDir(dataDir: string): string {
  return join(dataDir, "pglite");
}

/**
 * Opens PGlite as the server does (its extensions, files as private as the umask asks), in memory
 * when `location` is undefined. `loadDataDir` fills a new folder from a `dumpDataDir` tarball.
 */
export async function createPglite(location: string | undefined, { loadDataDir }: { loadDataDir?: Blob } = {}): Promise<PGlite> {
  if (location) {
    mkdirSync(location, { recursive: true });
    chmodHonoursUmask();
  }
  return PGlite.create(location, { extensions: pgliteExtensions(), postgresqlconf: PGLITE_CONF, ...(loadDataDir ? { loadDataDir } : {}) });
}

/**
 * PostgreSQL's defaults are for a server with many connections; the embedded database is one
 * process's. `shared_buffers` at 16 MB instead of 128 MB takes the idle server from about 316 MB
 * to 196 MB resident (measured), and costs little: PGlite's files are read through the operating
 * system's page cache, which keeps the pages shared buffers no longer hold.
 */
const PGLITE_CONF = ["shared_buffers=16MB"];

let extensions: { pg_trgm: Extension; unaccent: Extension } | undefined;
function pgliteExtensions() {
  extensions ??= STANDALONE
    ? { pg_trgm: embeddedExtension(pg_trgm, "pg_trgm.tar.gz"), unaccent: embeddedExtension(unaccent, "unaccent.tar.gz") }
    : { pg_trgm, unaccent };
  return extensions;
}

async function openPglite(dataDir: string | undefined, migrate: boolean): Promise<DatabaseHandle> {
  const location = dataDir ? embeddedDatabaseDir(dataDir) : undefined;
  // A first start loads the ready-made fresh database, when the build made one for these migrations.
  const template = location && migrate && !existsSync(join(location, "PG_VERSION")) ? readTemplate(MIGRATIONS_FOLDER) : undefined;
  const client = await createPglite(location, template ? { loadDataDir: template } : {});
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  if (migrate) await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  gateCommits(db);
  runners.set(db, async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows);
  let closed = false;
  return {
    db,
    kind: "pglite",
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!closed) await unlisten();
      };
    },
    async ping() {
      await client.query("select 1");
    },
    async close() {
      if (closed) return;
      closed = true;
      await announcementsSettled(db);
      // PGlite queues queries; one more round-trip means every earlier one has finished.
      await client.query("select 1").catch(() => {});
      await client.close();
    },
  };
}

let chmodMasked = false;
/**
 * PGlite's file system (Emscripten's NODEFS) creates each file and then sets its mode with
 * `chmod` (0666 for data files, the WAL among them), which the process umask does not limit.
 * From here on, `chmod` through node:fs drops the bits the umask drops, so the embedded
 * database's files are as private as the umask asks (the server sets 077).
 */
function chmodHonoursUmask(): void {
  if (chmodMasked) return;
  chmodMasked = true;
  const { chmodSync, fchmodSync } = fs;
  const masked = (mode: fs.Mode): fs.Mode => (typeof mode === "number" ? mode & ~process.umask() : mode);
  fs.chmodSync = (path, mode) => chmodSync(path, masked(mode));
  fs.fchmodSync = (fd, mode) => fchmodSync(fd, masked(mode));
}

async function openPostgres(url: string, poolSize: number, migrate: boolean): Promise<DatabaseHandle> {
  if (migrate) await migrateWithLock(url);
  const sql = postgres(url, { ...CONNECTING, max: poolSize, onnotice: () => {}, connection: { application_name: "confirma" } });
  const db = drizzlePostgres({ client: sql, schema }) as unknown as Database;
  gateCommits(db);
  runners.set(db, (text, params) => sql.unsafe(text, params as never[], { prepare: true }));
  return {
    db,
    kind: "postgres",
    async listen(channel, onPayload) {
      const { unlisten } = await sql.listen(channel, onPayload);
      return unlisten;
    },
    async ping() {
      await sql`select 1`;
    },
    async close() {
      await announcementsSettled(db);
      await sql.end({ timeout: 5 });
    },
  };
}

/**
 * How postgres.js reconnects. Its defaults wait up to 20 s between attempts (the delay grows
 * with a count of failures shared by the whole pool) and 30 s for a connection to open, so a
 * 3-second restart of PostgreSQL stalled requests for tens of seconds. Here: attempts 0.1 s
 * apart, doubling to 1 s at most, each given 5 s to connect.
 */
const CONNECTING = {
  backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.75 + Math.random() / 4),
  connect_timeout: 5,
} as const;

/**
 * The top-level transactions of work that has a `CommitDeadline` check it just before
 * committing: past the deadline they roll back (`DeadlineExceededError`); a commit under way
 * holds the deadline until it is done. Nested transactions (savepoints) commit with their parent.
 */
function gateCommits(db: Database): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((work: (tx: Transaction) => Promise<unknown>, config?: never) => {
    const deadline = currentCommitDeadline();
    if (!deadline) return transaction(work, config);
    if (deadline.expired) return Promise.reject(new DeadlineExceededError());
    let endCommit: (() => void) | undefined;
    return transaction(async (tx) => {
      const result = await work(tx);
      endCommit = deadline.beginCommit();
      return result;
    }, config).finally(() => endCommit?.());
  }) as Database["transaction"];
}

/** Several instances may start at once: one migrates while the others wait on an advisory lock. */
async function migrateWithLock(url: string): Promise<void> {
  const sql = postgres(url, { ...CONNECTING, max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${ADVISORY_LOCKS.migrations})`;
    await migratePostgres(drizzlePostgres({ client: sql }), { migrationsFolder: MIGRATIONS_FOLDER });
    await sql`select pg_advisory_unlock(${ADVISORY_LOCKS.migrations})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
