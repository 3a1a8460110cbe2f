import {
  CopyMismatchError,
  copyDatabase,
  hasEmbeddedDatabase,
  openDatabase,
  readTables,
  targetProblem,
  type CopyReport,
  type DatabaseHandle,
} from "@confirma/db";
import { type Command, CommandFailure, textOption, UsageError } from "../command.ts";
import { errorLine, lockDataDir, prepareCommandDataDir, readConfig } from "../command-context.ts";
import { isPostgresUrl, redactUrl } from "../database-url.ts";
import { movedMarkerFile, readMovedMarker, writeMovedMarker } from "../moved-marker.ts";
import { count, progressOn } from "../progress.ts";

export const moveToPostgresCommand: Command = {
  name: "move-to-postgres",
  summary: "copy the embedded database to an empty PostgreSQL database, verified",
  help: `usage: confirma move-to-postgres <postgres-url> [--batch <rows>]

Copies every table of the embedded database (DATA_DIR) to an empty PostgreSQL database,
then checks each table's row count and checksum on both sides. Stop the server first.

  - The target must be empty: no table with rows, no tables of another application, UTF8.
    Confirma's migrations are applied to it first.
  - One consistent snapshot is read (one REPEATABLE READ transaction on the embedded
    database) and written in one transaction on PostgreSQL, committed only if every table
    matches: a failed or refused move leaves the target as it was.
  - Ids, sequences, counters, sessions, settings, jobs and the change feed are kept as they
    are; no trigger fires during the copy (counters are not recounted, no write-back or
    webhook is scheduled). PostgreSQL's transaction counter is moved past the embedded
    database's, so open dashboards resume their live updates where they were.
  - The embedded database is left untouched, and marked as moved: the server refuses to
    start on it again (delete DATA_DIR/moved-to-postgres.json to go back).

Then set DATABASE_URL to <postgres-url> and start the server.

  --batch <rows>   rows copied per statement (default 1000)

Exit codes: 0 moved and verified, 1 failed, refused or mismatched (nothing kept), 2 bad arguments.`,
  options: { batch: { type: "string" } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const url = positionals[0]!;
    if (!isPostgresUrl(url)) throw new UsageError("the target must be a postgres:// URL, such as postgres://confirma:secret@127.0.0.1:5432/confirma");
    const batchSize = Number(textOption(values, "batch", "1000"));
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) throw new UsageError("--batch must be a number of rows between 1 and 50000");
    const config = readConfig();
    prepareCommandDataDir(config);
    const lock = lockDataDir(config, "move-to-postgres");
    const progress = progressOn();
    const started = performance.now();
    let source: DatabaseHandle | undefined;
    let target: DatabaseHandle | undefined;
    try {
      const moved = readMovedMarker(config.DATA_DIR);
      if (moved)
        throw new CommandFailure(
          `the embedded database was already moved to ${moved.to} on ${moved.at}: delete ${movedMarkerFile(config.DATA_DIR)} to move it again`,
        );
      if (!hasEmbeddedDatabase(config.DATA_DIR)) throw new CommandFailure(`there is no embedded database in ${config.DATA_DIR}: nothing to move`);

      progress.update("opening the embedded database…");
      source = await openDatabase({ dataDir: config.DATA_DIR });
      const tables = (await readTables(source.db)).map((table) => table.name);
      target = await openTarget(url, false);
      const problem = await targetProblem(target.db, tables);
      if (problem) throw new CommandFailure(`${redactUrl(url)} cannot receive the copy: ${problem}`);
      await target.close();
      progress.update("applying the migrations to PostgreSQL…");
      target = await openTarget(url, true);

      let report: CopyReport;
      try {
        report = await copyDatabase(source.db, target.db, {
          batchSize,
          onTransactionIds: (done, total) => progress.update(`moving PostgreSQL's transaction counter forward: ${count(done)} / ${count(total)}`),
          onProgress: ({ table, copied, total }) => {
            if (copied === total) progress.done(`copied ${table}: ${count(total)} rows`);
            else progress.update(`copying ${table}: ${count(copied)} / ${count(total)} rows`);
          },
        });
      } catch (error) {
        if (error instanceof CopyMismatchError) {
          printReport(error.report);
          throw new CommandFailure("the copy does not match the embedded database: it was rolled back, PostgreSQL is left as it was");
        }
        throw error;
      }
      printReport(report);
      writeMovedMarker(config.DATA_DIR, { at: new Date().toISOString(), to: redactUrl(url) });
      const rows = report.tables.reduce((sum, table) => sum + table.targetRows, 0);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`\nMoved ${report.tables.length} tables, ${count(rows)} rows, in ${seconds} s: row counts and checksums match.`);
      console.log(`Next: set DATABASE_URL=${redactUrl(url)} (with its password) where the server is configured, and start it.`);
      console.log(`The embedded database in ${config.DATA_DIR} was left as it was and marked as moved; delete it once you are satisfied.`);
      return 0;
    } catch (error) {
      if (error instanceof CommandFailure) throw error;
      throw new CommandFailure(`the move failed, PostgreSQL is left as it was: ${errorLine(error)}`);
    } finally {
      await target?.close();
      await source?.close();
      lock.release();
    }
  },
};

async function openTarget(url: string, migrate: boolean): Promise<DatabaseHandle> {
  try {
    const database = await openDatabase({ databaseUrl: url, poolSize: 2, migrate });
    await database.ping();
    return database;
  } catch (error) {
    throw new CommandFailure(`could not ${migrate ? "migrate" : "reach"} PostgreSQL at ${redactUrl(url)}: ${errorLine(error)}`);
  }
}

/** The verification, one line per table, on stdout. */
function printReport(report: CopyReport): void {
  const width = Math.max(...report.tables.map((table) => table.table.length), 5);
  console.log(`${"table".padEnd(width)}  ${"rows".padStart(9)}  checksum          result`);
  for (const table of report.tables) {
    const rows = table.sourceRows === table.targetRows ? count(table.sourceRows) : `${count(table.sourceRows)}→${count(table.targetRows)}`;
    const checksum = table.sourceChecksum === table.targetChecksum ? table.sourceChecksum : `${table.sourceChecksum}≠${table.targetChecksum}`;
    console.log(`${table.table.padEnd(width)}  ${rows.padStart(9)}  ${checksum.padEnd(16)}  ${table.ok ? "ok" : "MISMATCH"}`);
  }
  for (const sequence of report.sequences) console.log(`sequence ${sequence.sequence}: next value ${sequence.nextValue} ${sequence.ok ? "ok" : "MISMATCH"}`);
  const ids = report.transactionIds;
  console.log(
    BigInt(ids.targetAfter) > BigInt(ids.targetBefore)
      ? `transaction ids: PostgreSQL's counter moved from ${ids.targetBefore} to ${ids.targetAfter}, past the embedded database's ${ids.source}`
      : `transaction ids: PostgreSQL's counter (${ids.targetBefore}) was already past the embedded database's (${ids.source})`,
  );
  console.log(
    report.triggers === "replica"
      ? "triggers: none fired during the copy (session_replication_role = replica)"
      : "triggers: none fired during the copy (disabled for its transaction: this user may not set session_replication_role)",
  );
}
