import postgres from "postgres";
import { runWebhookLoad, type WebhookLoadResult } from "../ingest/webhook-load.ts";
import type { BenchContext } from "../lib/bench-context.ts";
import { createBenchDatabase, databaseCounters } from "../lib/bench-database.ts";
import { describeOthers, ms, perSecond, printTable, ratio } from "../lib/format.ts";
import { checkQuiet, loadAverage } from "../lib/machine.ts";
import { startServer } from "../lib/server-process.ts";
import { describeWaits } from "../lib/wait-sampler.ts";

const CONNECTIONS = 8;
/** Messages per delivery and how many entries they are spread over (Meta batches by entry and change). */
const BATCHES = [
  { messages: 1, entries: 1 },
  { messages: 50, entries: 5 },
  { messages: 100, entries: 5 },
];

interface BatchRow {
  load: WebhookLoadResult;
  deadlocks: number;
  rollbacks: number;
}

/**
 * Benchmark 2: Meta deliveries carrying many messages, each delivery one transaction; messages
 * stored per second against one message per delivery on the same server and database.
 */
export async function runBatchBench(ctx: BenchContext): Promise<void> {
  const { config } = ctx;
  console.log(`\n=== 2. Batched deliveries (Meta, signed, ${CONNECTIONS} connections) ===`);
  await checkQuiet("batch");
  const database = await createBenchDatabase(config.pgUrl, "batch", { keep: config.keepDatabases });
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const rows: BatchRow[] = [];
  try {
    const server = await startServer({ DATABASE_URL: database.url });
    try {
      let singleRate = ctx.shared.metaSingleRps ?? 1000;
      for (const batch of BATCHES) {
        const before = await databaseCounters(database.url, database.name);
        const load = await runWebhookLoad(ctx, {
          server,
          sql,
          database,
          format: "meta",
          connections: CONNECTIONS,
          seconds: config.seconds,
          tag: `batch${batch.messages}`,
          messagesPerDelivery: batch.messages,
          entries: batch.entries,
          // Room for batching to be up to 10x faster per message than single deliveries.
          expectedRps: (singleRate * (batch.messages === 1 ? 2 : 10)) / batch.messages,
        });
        const after = await databaseCounters(database.url, database.name);
        if (batch.messages === 1) singleRate = load.messagesPerSecond;
        rows.push({ load, deadlocks: after.deadlocks - before.deadlocks, rollbacks: after.rollbacks - before.rollbacks });
        console.log(`  ${batch.messages} per delivery: ${perSecond(load.messagesPerSecond)} messages/s (load ${loadAverage()})`);
      }
    } finally {
      const code = await server.stop();
      if (code !== 0) ctx.fail(`server exited with ${code} on SIGTERM`);
    }
  } finally {
    await sql.end({ timeout: 5 });
    await database.drop();
  }
  const single = rows[0]?.load.messagesPerSecond ?? Number.NaN;
  const table: (string | number)[][] = [
    [
      "messages per delivery",
      "deliveries/s",
      "messages/s",
      "vs 1 per delivery",
      "p50 ms",
      "p99 ms",
      "server CPU/msg",
      "PostgreSQL CPU/msg",
      "machine CPU",
      "others' CPU",
      "rows stored",
      "deadlocks",
      "rollbacks",
    ],
  ];
  for (const { load, deadlocks, rollbacks } of rows) {
    table.push([
      `${load.messagesPerDelivery}${load.messagesPerDelivery > 1 ? ` (${BATCHES.find((b) => b.messages === load.messagesPerDelivery)?.entries} entries)` : ""}`,
      perSecond(load.wrk.rps),
      perSecond(load.messagesPerSecond),
      ratio(load.messagesPerSecond / single),
      ms(load.wrk.latencyMs.p50),
      ms(load.wrk.latencyMs.p99),
      `${(load.serverCpuUsPerRequest / load.messagesPerDelivery).toFixed(0)} us`,
      `${(load.postgresCpuUsPerRequest / load.messagesPerDelivery).toFixed(0)} us`,
      `${load.machineCpuPercent.toFixed(0)}%`,
      describeOthers(load.othersCpuPercent, load.topOthers),
      load.rows.messages,
      deadlocks,
      rollbacks,
    ]);
  }
  printTable("Batched deliveries: each delivery in one statement, with the deliveries arriving meanwhile (deadlocks/rollbacks from pg_stat_database)", table);
  const waitRows: (string | number)[][] = [
    ["messages per delivery", "backends in a transaction (avg)", "what they were doing (pg_stat_activity, 5 samples/s)"],
  ];
  for (const { load } of rows) waitRows.push([load.messagesPerDelivery, load.waits.activeAverage.toFixed(1), describeWaits(load.waits)]);
  printTable("Database backends during the batched runs", waitRows);
}
