import { closeSync, existsSync, openSync, rmSync, statSync, statfsSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { hasEmbeddedDatabase, migrationStatus, openDatabase, type DatabaseHandle, type MigrationStatus } from "@confirma/db";
import { minFreeSpace, type Config } from "../../config/config.ts";
import { readSecrets, secretsFile } from "../../config/integration-key-file.ts";
import { formatBytes } from "../../process/disk-space.ts";
import { errorLine } from "../command-context.ts";
import { acquireDataDirLock, DataDirBusyError, liveHolder } from "../data-dir-lock.ts";
import { redactUrl } from "../database-url.ts";
import { movedMessage, readMovedMarker } from "../moved-marker.ts";
import { type Check, ok, problem } from "./check.ts";

/** DATA_DIR: there (or creatable), writable, private, with room to spare. */
export function checkDataDir(config: Config): Check {
  const name = "DATA_DIR";
  const dir = resolve(config.DATA_DIR);
  if (!existsSync(dir)) {
    let parent = dirname(dir);
    while (!existsSync(parent) && parent !== dirname(parent)) parent = dirname(parent);
    const probe = probeWrite(parent);
    return probe ? problem(name, `${dir} does not exist and cannot be created: ${probe}`) : ok(name, `${dir} does not exist yet: the first start creates it`);
  }
  const stats = statSync(dir);
  if (!stats.isDirectory()) return problem(name, `${dir} is a file, not a folder`);
  const probe = probeWrite(dir);
  if (probe) return problem(name, `${dir} is not writable: ${probe}`);
  const { bavail, bsize } = statfsSync(dir);
  const free = bavail * bsize;
  const needed = minFreeSpace(config);
  if (needed > 0 && free < needed)
    return problem(name, `${dir} has ${formatBytes(free)} free, less than MIN_FREE_SPACE (${formatBytes(needed)}): changes are refused until space is freed`);
  const privacy =
    (stats.mode & 0o077) === 0 ? "private (owner only)" : `open to others (${(stats.mode & 0o777).toString(8)}): the server makes it private when it starts`;
  return ok(name, `${dir}: writable, ${privacy}, ${formatBytes(free)} free`);
}

/** Writes and removes a small file: undefined when it works, the cause otherwise. */
function probeWrite(dir: string): string | undefined {
  const file = join(dir, `.doctor-probe-${process.pid}`);
  try {
    const fd = openSync(file, "w", 0o600);
    writeSync(fd, "ok");
    closeSync(fd);
    rmSync(file, { force: true });
    return undefined;
  } catch (error) {
    return errorLine(error);
  }
}

/**
 * The database: reachable and migrated. A running server holds the embedded database: then it
 * is asked through its `/readyz` instead (it applied the migrations when it started).
 */
export async function checkDatabase(config: Config, fetchFn: typeof fetch = fetch): Promise<Check> {
  const name = "database";
  if (!config.DATABASE_URL) {
    const moved = readMovedMarker(config.DATA_DIR);
    if (moved) return problem(name, movedMessage(config.DATA_DIR, moved));
    const holder = liveHolder(config.DATA_DIR);
    if (holder)
      return holder.command === "start"
        ? checkRunningServer(holder.pid, holder.url, fetchFn)
        : ok(name, `in use by \`confirma ${holder.command}\` (pid ${holder.pid}): not opened`);
    if (!hasEmbeddedDatabase(config.DATA_DIR)) return ok(name, `no embedded database in ${resolve(config.DATA_DIR)} yet: the first start creates it`);
  }
  const where = config.DATABASE_URL ? `PostgreSQL at ${redactUrl(config.DATABASE_URL)}` : `the embedded database in ${resolve(config.DATA_DIR)}`;
  let lock: ReturnType<typeof acquireDataDirLock> | undefined;
  let database: DatabaseHandle | undefined;
  try {
    if (!config.DATABASE_URL) lock = acquireDataDirLock(config.DATA_DIR, "doctor");
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1, migrate: false });
    await database.ping();
    return describeMigrations(name, where, await migrationStatus(database.db));
  } catch (error) {
    if (error instanceof DataDirBusyError) return ok(name, `${error.message.split(":")[0]}: not opened`);
    return problem(name, `${where} cannot be opened: ${errorLine(error)}`);
  } finally {
    await database?.close().catch(() => {});
    lock?.release();
  }
}

function describeMigrations(name: string, where: string, status: MigrationStatus): Check {
  if (status.newer) return problem(name, `${where} was migrated by a newer version of Confirma: run that version (or restore a backup made with this one)`);
  if (status.pending.length > 0) {
    return problem(
      name,
      `${where} lacks ${status.pending.length} of ${status.known} migrations (${status.pending.join(", ")}): the server applies them when it starts`,
    );
  }
  return ok(name, `${where}: reachable, all ${status.known} migrations applied`);
}

async function checkRunningServer(pid: number, url: string | undefined, fetchFn: typeof fetch): Promise<Check> {
  const name = "database";
  if (!url) return ok(name, `the server (pid ${pid}) is starting and holds the embedded database`);
  try {
    const response = await fetchFn(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    return response.status === 200
      ? ok(name, `the server (pid ${pid}, ${url}) holds the embedded database and is ready`)
      : problem(name, `the server (pid ${pid}, ${url}) is not ready: ${body.message ?? `HTTP ${response.status}`}`);
  } catch (error) {
    return problem(name, `the server (pid ${pid}) holds the embedded database but does not answer at ${url}: ${errorLine(error)}`);
  }
}

/** The integration key: from the environment, or DATA_DIR/secrets.json, private and readable. */
export function checkIntegrationKey(config: Config, now = new Date()): Check {
  const name = "integration key";
  if (config.WHATSAPP_API_KEY) return ok(name, "WHATSAPP_API_KEY is set in the environment");
  const file = secretsFile(config.DATA_DIR);
  if (!existsSync(file)) return ok(name, `not generated yet: the first start generates it and shows it once (${file})`);
  let stored: ReturnType<typeof readSecrets>;
  try {
    stored = readSecrets(config.DATA_DIR);
  } catch {
    return problem(name, `${file} is not valid JSON: the server will not start until it is fixed or removed`);
  }
  if (!stored) return problem(name, `${file} holds no usable key: the next start generates a new one, and integrations sending the old one are refused`);
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) return problem(name, `${file} can be read by others (${mode.toString(8)}): chmod 600 it`);
  const grace = stored.previous.filter((entry) => Date.parse(entry.acceptedUntil) > now.getTime());
  const older = grace.length > 0 ? `; ${grace.length} replaced key(s) still accepted, until ${grace.map((entry) => entry.acceptedUntil).join(", ")}` : "";
  return ok(name, `kept in ${file}${older}`);
}
