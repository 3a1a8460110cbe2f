import type { BenchContext } from "../lib/bench-context.ts";
import { withSql } from "../lib/bench-database.ts";
import { PGBENCH_SCRIPTS, runPgbench, type PgbenchResult } from "../lib/pgbench.ts";

export const PGBENCH_VARIANTS = [
  { script: "ingest-minimal.sql", label: "pgbench: 3 writes (the issue's limit)" },
  { script: "ingest-server-equivalent.sql", label: "pgbench: the server's statement, 1 message each" },
] as const;

/** Statements of ingest-server-equivalent.sql: what ingestEvents sends for a chat message, the NOTIFY after commit aside. */
export const SERVER_EQUIVALENT_STATEMENTS = 1;

/**
 * The database's limit for the webhook transaction, on the same schema (the benchmark database
 * after the HTTP runs): each variant at each connection count, rows checked against pgbench's count.
 */
export async function runPgbenchBaselines(ctx: BenchContext, url: string, connectionCounts: number[]): Promise<PgbenchResult[]> {
  await withSql(url, async (sql) => sql.unsafe(await Bun.file(`${PGBENCH_SCRIPTS}setup.sql`).text()));
  const results: PgbenchResult[] = [];
  for (const variant of PGBENCH_VARIANTS) {
    for (const connections of connectionCounts) {
      const tag = `pgbench-${variant.script.replace(/\.sql$/, "")}-${connections}`;
      const result = await runPgbench({
        url,
        script: variant.script,
        connections,
        seconds: ctx.config.pgbenchSeconds,
        variables: { senders: ctx.config.senders, tag },
      });
      const stored = await withSql(url, async (sql) => {
        const [row] = await sql<{ messages: number; distinct_ids: number; receipts: number }[]>`
          select count(*)::int as messages, count(distinct provider_message_id)::int as distinct_ids,
                 (select count(*)::int from webhook_receipts where provider = ${tag}) as receipts
          from messages where provider = ${tag}`;
        return row!;
      });
      if (stored.messages !== result.transactions || stored.distinct_ids !== stored.messages || stored.receipts !== stored.messages) {
        ctx.fail(
          `${tag}: pgbench processed ${result.transactions} transactions, ${stored.messages} messages (${stored.distinct_ids} distinct), ${stored.receipts} receipts`,
        );
      }
      if (result.failed > 0) ctx.fail(`${tag}: ${result.failed} failed transactions`);
      results.push(result);
    }
  }
  return results;
}
