import { tmpdir } from "node:os";
import { join } from "node:path";
import type postgres from "postgres";
import type { BenchContext } from "../lib/bench-context.ts";
import { withSql } from "../lib/bench-database.ts";
import { PGBENCH_SCRIPTS, runPgbench, type PgbenchResult } from "../lib/pgbench.ts";
import { confirmServerEquivalentScript } from "./confirm-statement-sql.ts";
import { verifyCohort } from "./verify-cohort.ts";

/** Where the server's statement is written as a pgbench script for the run (`confirmServerEquivalentScript`). */
const SERVER_STATEMENT_SCRIPT = join(tmpdir(), `confirma-bench-confirm-server-equivalent-${process.pid}.sql`);

export const CONFIRM_PGBENCH_VARIANTS = [
  { name: "confirm-writes.sql", script: "confirm-writes.sql", label: "pgbench: a confirmation's writes, 8 statements" },
  { name: "the server's statement", script: SERVER_STATEMENT_SCRIPT, label: "pgbench: the server's confirm statement" },
] as const;

/** Statements of the server-equivalent script: what ingestEvents sends for "Oui je confirme". */
export const CONFIRM_SERVER_EQUIVALENT_STATEMENTS = 1;

export interface PgbenchConfirmRun {
  variant: (typeof CONFIRM_PGBENCH_VARIANTS)[number];
  connections: number;
  cohort: { first: number; count: number };
}

/**
 * The database's own rate for a confirmation, on the same schema and data (server stopped): each
 * pgbench transaction confirms the next customer of its cohort, `-t` so that every customer answers
 * exactly once; then the same row checks as the HTTP loads.
 */
export async function runPgbenchConfirm(ctx: BenchContext, sql: postgres.Sql, url: string, run: PgbenchConfirmRun): Promise<PgbenchResult> {
  const tag = `pgbench-${run.variant.name.replace(/\W+/g, "-")}-${run.connections}`;
  await sql`select setval('bench_campaign_customers', ${run.cohort.first}, false)`;
  const result = await runPgbench({
    url,
    script: run.variant.script,
    connections: run.connections,
    transactionsPerClient: run.cohort.count / run.connections,
    variables: { tag },
  });
  const cohort = await verifyCohort(sql, { ...run.cohort, expected: { confirm: run.cohort.count, cancel: 0 } });
  for (const problem of cohort.problems) ctx.fail(`${tag}: ${problem}`);
  if (result.transactions !== run.cohort.count) ctx.fail(`${tag}: ${result.transactions} transactions for ${run.cohort.count} customers`);
  if (result.failed > 0) ctx.fail(`${tag}: ${result.failed} failed transactions`);
  return result;
}

/** The helpers the scripts use (bench_uuidv7, from the ingest setup), the customer sequence, and the server's statement as a script. */
export async function preparePgbenchConfirm(url: string): Promise<void> {
  await withSql(url, async (sql) => {
    await sql.unsafe(await Bun.file(`${PGBENCH_SCRIPTS}setup.sql`).text());
    await sql`create sequence if not exists bench_campaign_customers`;
  });
  await Bun.write(SERVER_STATEMENT_SCRIPT, confirmServerEquivalentScript());
}
