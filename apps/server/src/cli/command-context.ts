import { openDatabase, type DatabaseHandle } from "@confirma/db";
import { ConfigError, loadConfig, minFreeSpace, type Config } from "../config/config.ts";
import { DataDirError, fileSystemCause, prepareDataDir } from "../process/data-dir.ts";
import { CommandFailure } from "./command.ts";
import { acquireDataDirLock, DataDirBusyError, type DataDirLock } from "./data-dir-lock.ts";
import { redactUrl } from "./database-url.ts";
import { movedMessage, readMovedMarker } from "./moved-marker.ts";

/** The server's configuration (same environment, same `.env`); a bad value is a `CommandFailure` naming the variable. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CommandFailure(`configuration error: ${error.message}`);
    throw error;
  }
}

/** DATA_DIR ready and private, as the server makes it before writing there. */
export function prepareCommandDataDir(config: Config): void {
  try {
    prepareDataDir(config.DATA_DIR, { minFreeBytes: minFreeSpace(config) });
  } catch (error) {
    throw new CommandFailure(error instanceof DataDirError ? error.message : `DATA_DIR ${config.DATA_DIR} is not usable: ${errorLine(error)}`);
  }
}

/**
 * Holds DATA_DIR's embedded database for `command` (the server and other commands are refused
 * meanwhile; the embedded database is one process's at a time). Nothing to hold with PostgreSQL.
 */
export function lockEmbeddedDatabase(config: Config, command: string): DataDirLock | undefined {
  return config.DATABASE_URL ? undefined : lockDataDir(config, command);
}

/** Holds DATA_DIR's embedded database for `command`, whatever DATABASE_URL says (`move-to-postgres` reads it). */
export function lockDataDir(config: Config, command: string): DataDirLock {
  try {
    return acquireDataDirLock(config.DATA_DIR, command);
  } catch (error) {
    if (error instanceof DataDirBusyError) throw new CommandFailure(error.message);
    throw new CommandFailure(`DATA_DIR ${config.DATA_DIR} is not usable: ${errorLine(error)}`);
  }
}

/**
 * Runs `work` on the configured database, opened as the server opens it (pending migrations
 * applied), then closes it. With the embedded database, DATA_DIR is held for the duration.
 */
export async function withDatabase<T>(config: Config, command: string, work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  prepareCommandDataDir(config);
  const lock = lockEmbeddedDatabase(config, command);
  try {
    const moved = config.DATABASE_URL ? null : readMovedMarker(config.DATA_DIR);
    if (moved) throw new CommandFailure(movedMessage(config.DATA_DIR, moved));
    const database = await openConfiguredDatabase(config);
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  } finally {
    lock?.release();
  }
}

async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  try {
    return await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  } catch (error) {
    const where = config.DATABASE_URL ? `PostgreSQL at ${redactUrl(config.DATABASE_URL)}` : `the embedded database in ${config.DATA_DIR}`;
    throw new CommandFailure(`could not open ${where}: ${errorLine(error)}`);
  }
}

/**
 * An error in one line for the person at the terminal: a failed query's cause (drizzle's own
 * message repeats the SQL and its parameters), a file-system cause in plain words.
 */
export function errorLine(error: unknown): string {
  const cause = fileSystemCause(error);
  if (cause) return cause;
  let current = error;
  for (let depth = 0; depth < 4; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    const next = (current as { cause?: unknown } | null)?.cause;
    if (next !== undefined && next !== null && /^Failed query/.test(message)) {
      current = next;
      continue;
    }
    const code = (current as { code?: unknown } | null)?.code;
    const line = message.split("\n")[0]!.trim() || (current instanceof Error ? current.name : "unknown error");
    return typeof code === "string" && /^(E[A-Z]+|[0-9A-Z]{5})$/.test(code) && !line.includes(code) ? `${line} (${code})` : line;
  }
  return "unknown error";
}
