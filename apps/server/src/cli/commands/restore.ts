import { existsSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  countRowsByTable,
  embeddedDatabaseDir,
  hasEmbeddedDatabase,
  loadEmbeddedDatabase,
  migrationStatus,
  openDatabase,
  otherConnections,
  type DatabaseHandle,
} from "@confirma/db";
import type { Config } from "../../config/config.ts";
import { backupKind } from "../backup-file.ts";
import { type Command, CommandFailure } from "../command.ts";
import { errorLine, lockEmbeddedDatabase, prepareCommandDataDir, readConfig } from "../command-context.ts";
import { redactUrl } from "../database-url.ts";
import { movedMarkerFile, readMovedMarker } from "../moved-marker.ts";
import { runPostgresTool } from "../postgres-tools.ts";
import { progressOn } from "../progress.ts";

export const restoreCommand: Command = {
  name: "restore",
  summary: "replace the database with a backup",
  help: `usage: confirma restore <file> [--force]

Restores a backup written by \`confirma backup\` into the configured database. It refuses to
replace a database that holds anything unless --force is given (back it up first).

  Embedded database: the backup becomes DATA_DIR's database; the previous one is removed
  only once the backup has been loaded and opened. Stop the server first.
  PostgreSQL (DATABASE_URL set): pg_restore of a pg_dump custom-format archive, in one
  transaction (all or nothing). Stop every server using the database first. Needs pg_restore
  on PATH.

A backup of the embedded database goes back to the embedded database; to bring it to
PostgreSQL, restore it without DATABASE_URL, then run \`confirma move-to-postgres\`.

  --force   replace the data that is there

Exit codes: 0 restored, 1 failed or refused (nothing was changed), 2 bad arguments.`,
  options: { force: { type: "boolean" } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const config = readConfig();
    const file = resolve(positionals[0]!);
    if (!existsSync(file)) throw new CommandFailure(`${file} does not exist`);
    const kind = backupKind(file);
    if (kind === "unknown") throw new CommandFailure(`${file} is not a Confirma backup (neither a tarball of the embedded database nor a pg_dump archive)`);
    const force = values.force === true;
    if (config.DATABASE_URL) {
      if (kind !== "postgres") {
        throw new CommandFailure(
          "this is a backup of the embedded database, and DATABASE_URL is set: restore it without DATABASE_URL, then run `confirma move-to-postgres`",
        );
      }
      await restorePostgres(config.DATABASE_URL, file, force);
    } else {
      if (kind !== "embedded") throw new CommandFailure("this is a PostgreSQL backup (pg_dump): set DATABASE_URL to the database to restore it into");
      await restoreEmbedded(config, file, force);
    }
    return 0;
  },
};

async function restoreEmbedded(config: Config, file: string, force: boolean): Promise<void> {
  prepareCommandDataDir(config);
  const lock = lockEmbeddedDatabase(config, "restore");
  const progress = progressOn();
  try {
    const target = embeddedDatabaseDir(config.DATA_DIR);
    const replacing = hasEmbeddedDatabase(config.DATA_DIR);
    if (replacing && !force) throw new CommandFailure(`${target} already holds a database: add --force to replace it (back it up first)`);
    // Loaded beside the live folder, which is swapped out only once the backup has opened.
    const incoming = join(dirname(target), `pglite.restoring-${process.pid}`);
    rmSync(incoming, { recursive: true, force: true });
    progress.update(`loading ${file}…`);
    let migrations: number;
    try {
      ({ migrations } = await loadEmbeddedDatabase(incoming, Bun.file(file)));
    } catch (error) {
      rmSync(incoming, { recursive: true, force: true });
      throw new CommandFailure(`${file} could not be loaded: ${errorLine(error)}`);
    }
    if (existsSync(target)) {
      const replaced = join(dirname(target), `pglite.replaced-${process.pid}`);
      renameSync(target, replaced);
      renameSync(incoming, target);
      rmSync(replaced, { recursive: true, force: true });
    } else {
      renameSync(incoming, target);
    }
    progress.done(
      `Restored ${file} into the embedded database of ${config.DATA_DIR}${replacing ? ", replacing the one that was there" : ""} (${migrations} migrations applied in it; newer ones are applied when the server starts).`,
    );
    if (readMovedMarker(config.DATA_DIR)) {
      console.error(
        `Note: ${movedMarkerFile(config.DATA_DIR)} says this database was moved to PostgreSQL: delete it to run the server on the restored embedded database.`,
      );
    }
  } finally {
    lock?.release();
  }
}

async function restorePostgres(url: string, file: string, force: boolean): Promise<void> {
  const progress = progressOn();
  let database: DatabaseHandle;
  try {
    database = await openDatabase({ databaseUrl: url, poolSize: 1, migrate: false });
    await database.ping();
  } catch (error) {
    throw new CommandFailure(`could not reach PostgreSQL at ${redactUrl(url)}: ${errorLine(error)}`);
  }
  try {
    const tables = await countRowsByTable(database.db);
    const status = await migrationStatus(database.db);
    const held = tables.filter((table) => table.rows > 0);
    if ((tables.length > 0 || status.applied > 0) && !force) {
      const what = held.length > 0 ? `data (${held.map((table) => `${table.table}: ${table.rows} rows`).join(", ")})` : `${tables.length} tables`;
      throw new CommandFailure(`${redactUrl(url)} already holds ${what}: add --force to replace it (back it up first)`);
    }
    const others = await otherConnections(database.db);
    if (others > 0) throw new CommandFailure(`${others} other connection(s) are open on ${redactUrl(url)} (a running server?): stop them first`);
  } finally {
    await database.close();
  }
  progress.update(`pg_restore is restoring ${file}…`);
  const clean = force ? ["--clean", "--if-exists"] : [];
  await runPostgresTool("pg_restore", url, ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", ...clean, file]);
  progress.done(`Restored ${file} into ${redactUrl(url)} with pg_restore${force ? ", replacing what was there" : ""}.`);
}
