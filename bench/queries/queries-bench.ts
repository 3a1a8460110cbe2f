import { fileURLToPath } from "node:url";
import { BUILT_IN_CONFIRMATION, type Services } from "@confirma/api";
import { compactCounters, openDatabase } from "@confirma/db";
import postgres from "postgres";
import type { BenchContext } from "../lib/bench-context.ts";
import { createBenchDatabase } from "../lib/bench-database.ts";
import { ms, printTable, verdict } from "../lib/format.ts";
import { checkQuiet } from "../lib/machine.ts";
import { openQueryRecorder } from "../lib/query-recorder.ts";
import { summarize } from "../lib/stats.ts";
import { HEAVY_CLIENTS } from "./dataset-sql.ts";
import { writePlanFile } from "./explain-plans.ts";
import { createQueryCases } from "./query-cases.ts";
import { seedDataset } from "./seed-dataset.ts";

const PLANS_DIR = fileURLToPath(new URL("../../docs/query-plans/", import.meta.url));
const TARGET_P95_MS = 20;
const WARMUP_CALLS = 5;

const settings = { defaultCountry: "FR", defaultCurrency: "EUR", confirmation: BUILT_IN_CONFIRMATION };

/**
 * Benchmark 3: the dashboard's queries on 100k clients, 300k orders, 1M messages, through the
 * real service functions (sequential calls, the server's pool), with their plans saved.
 */
export async function runQueriesBench(ctx: BenchContext): Promise<void> {
  const { config } = ctx;
  const size = { clients: Math.round(100_000 * config.scale), orders: Math.round(300_000 * config.scale), messages: Math.round(1_000_000 * config.scale) };
  console.log(
    `\n=== 3. Dashboard queries: ${size.clients.toLocaleString("en-US")} clients, ${size.orders.toLocaleString("en-US")} orders, ${size.messages.toLocaleString("en-US")} messages ===`,
  );
  await checkQuiet("queries");
  const database = await createBenchDatabase(config.pgUrl, "queries", { keep: config.keepDatabases });
  try {
    const handle = await openDatabase({ databaseUrl: database.url });
    const admin = postgres(database.url, { max: 1, onnotice: () => {} });
    const recorder = openQueryRecorder(database.url);
    try {
      const seeded = await seedDataset(database.url, size);
      console.log(
        `  seeded in ${seeded.seconds.toFixed(0)} s: ${Object.entries(seeded.counts)
          .map(([table, n]) => `${n.toLocaleString("en-US")} ${table}`)
          .join(", ")}`,
      );
      if (seeded.counts.clients !== size.clients || seeded.counts.orders !== size.orders || seeded.counts.messages !== size.messages) {
        ctx.fail(`dataset: expected ${JSON.stringify(size)}, got ${JSON.stringify(seeded.counts)}`);
      }
      // As the server does every 10 minutes: fold the seeding connection's counter slot.
      await compactCounters(handle.db);
      await admin`vacuum analyze stat_counters`;
      const heavyClients = (await admin<{ id: string }[]>`select id from clients order by id limit ${HEAVY_CLIENTS}`).map((row) => row.id);
      const typicalClients = (await admin<{ id: string }[]>`select id from clients where right(phone_number, 2) = '42' order by phone_number limit 200`).map(
        (row) => row.id,
      );
      const phoneFragments = (
        await admin<{ phone_number: string }[]>`select phone_number from clients where right(phone_number, 2) = '17' order by phone_number limit 20`
      ).map((row) => row.phone_number.slice(-8, -2).replace(/(\d\d)(?=\d)/g, "$1 "));
      await checkQuiet("queries, after seeding");

      const services: Services = { db: handle.db, settings };
      const recorded: Services = { db: recorder.db, settings };
      const table: (string | number)[][] = [
        ["query (real service function)", "calls", "p50 ms", "p95 ms", "max ms", "rows/call", "depth", "statements", "p95 <= 20 ms"],
      ];
      const missed: string[] = [];
      for (const queryCase of createQueryCases({ heavyClients, typicalClients, phoneFragments })) {
        for (let index = 0; index < WARMUP_CALLS; index++) await queryCase.call(services);
        const durations: number[] = [];
        let rows = 0;
        let slowest = { ms: -1, state: queryCase.save() };
        for (let index = 0; index < config.iterations; index++) {
          const state = queryCase.save();
          const started = performance.now();
          rows += await queryCase.call(services);
          const took = performance.now() - started;
          durations.push(took);
          if (took > slowest.ms) slowest = { ms: took, state };
        }
        const summary = summarize(durations);
        // The slowest call again (same input or cursor), recorded statement by statement for the plans.
        const after = queryCase.save();
        queryCase.restore(slowest.state);
        recorder.take();
        await queryCase.call(recorded);
        const queries = recorder.take();
        queryCase.restore(after);
        const timing = `${config.iterations} calls after ${WARMUP_CALLS} warm-up: p50 ${ms(summary.p50, 2)} ms, p95 ${ms(summary.p95, 2)} ms, max ${ms(summary.max, 2)} ms (${queryCase.depth()}).\nThe plans below are of the slowest call (${ms(slowest.ms, 2)} ms), run again with the same input or cursor.`;
        await writePlanFile(admin, PLANS_DIR, { name: queryCase.name, title: queryCase.title, timing, queries });
        const met = summary.p95 <= TARGET_P95_MS;
        if (!met) missed.push(queryCase.name);
        table.push([
          queryCase.name,
          summary.n,
          ms(summary.p50, 2),
          ms(summary.p95, 2),
          ms(summary.max, 1),
          (rows / summary.n).toFixed(0),
          queryCase.depth(),
          queries.length,
          verdict(met),
        ]);
        console.log(`  ${queryCase.name}: p95 ${ms(summary.p95, 2)} ms`);
      }
      printTable(`Dashboard queries (sequential calls; plans in docs/query-plans/<query>.txt)`, table);
      console.log(missed.length ? `  p95 target missed by: ${missed.join(", ")} — see their plans` : "  every query meets p95 <= 20 ms");
    } finally {
      await recorder.close();
      await admin.end({ timeout: 5 });
      await handle.close();
    }
  } finally {
    await database.drop();
  }
}
