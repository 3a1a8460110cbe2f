/**
 * `bun bench/experiments/confirm-statement-plan.ts` (not part of `bun run bench`): EXPLAIN (ANALYZE,
 * BUFFERS) of the server's confirm/cancel statement (`decisiveRepliesStatement`) for batches of 1
 * and 32 "Oui je confirme" from campaign customers, on a fresh PostgreSQL database (BENCH_PG_URL,
 * default postgres://postgres@127.0.0.1:5432) seeded as the campaign benchmark seeds it. Each step
 * of the statement and each trigger with its time: where to look when the statement gets slower.
 */
import { BUILT_IN_CONFIRMATION, decisiveRepliesStatement } from "@confirma/api";
import { openDatabase } from "@confirma/db";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { ANALYZE_STATEMENTS, campaignSeedStatements } from "../campaign/campaign-sql.ts";
import { campaignReplyRow } from "../campaign/confirm-statement-sql.ts";
import { createBenchDatabase } from "../lib/bench-database.ts";

const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const database = await createBenchDatabase(PG_URL, "confirm_plan");
const handle = await openDatabase({ databaseUrl: database.url });
await handle.close();
const admin = postgres(database.url, { max: 1, onnotice: () => {} });
try {
  for (const statement of [...campaignSeedStatements(0, 5000, new Date(Date.now() - 20 * 60_000), BUILT_IN_CONFIRMATION), ...ANALYZE_STATEMENTS])
    await admin.unsafe(statement);
  for (const batch of [1, 32]) {
    // Customers no earlier batch answered for.
    const rows = Array.from({ length: batch }, (_, i) => campaignReplyRow(100 + batch * 10 + i, i));
    const q = new PgDialect().sqlToQuery(decisiveRepliesStatement(sql.raw(`'${JSON.stringify(rows).replaceAll("'", "''")}'::jsonb`)));
    const plan = await admin.unsafe(`explain (analyze, buffers, timing) ${q.sql}`, q.params as never[]);
    console.log(`=== batch ${batch}`);
    for (const row of plan) console.log(row["QUERY PLAN"]);
  }
} finally {
  await admin.end();
  await database.drop();
}
