import postgres from "postgres";
import type { BenchContext } from "../lib/bench-context.ts";
import { createBenchDatabase } from "../lib/bench-database.ts";
import { describeOthers, ms, perSecond, printTable, ratio, verdict } from "../lib/format.ts";
import { checkQuiet, loadAverage } from "../lib/machine.ts";
import { describeWaits } from "../lib/wait-sampler.ts";
import type { ProfileSummary } from "../lib/cpu-profile.ts";
import type { PgbenchResult } from "../lib/pgbench.ts";
import { readRssKb } from "../lib/rss-sampler.ts";
import { BENCH_API_KEY, startServer } from "../lib/server-process.ts";
import { runWrk, WRK_SCRIPTS, type WrkResult } from "../lib/wrk.ts";
import { countIngestQueries, type QueryCount } from "./count-queries.ts";
import { profileServer } from "./profile-server.ts";
import { PGBENCH_VARIANTS, runPgbenchBaselines, SERVER_EQUIVALENT_STATEMENTS } from "./pgbench-baseline.ts";
import { runWebhookLoad, type WebhookLoadResult } from "./webhook-load.ts";

const CONNECTIONS = [8, 64];

/** Benchmark 1: the webhook, full stack, against the database's own limit measured by pgbench. */
export async function runIngestBench(ctx: BenchContext): Promise<void> {
  const { config } = ctx;
  console.log(`\n=== 1. Webhook ingest, full stack (HTTP, auth, parse, PostgreSQL), ${config.senders} senders ===`);
  await checkQuiet("ingest");
  const database = await createBenchDatabase(config.pgUrl, "ingest", { keep: config.keepDatabases });
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  try {
    const server = await startServer({ DATABASE_URL: database.url });
    let loads: WebhookLoadResult[] = [];
    let healthz: WrkResult;
    let idleKb: number;
    try {
      await Bun.sleep(1000);
      idleKb = await readRssKb(server.pid);
      healthz = await runWrk({
        script: "healthz.lua",
        url: server.url,
        connections: 8,
        seconds: Math.min(5, config.seconds),
        threads: config.wrkThreads,
        env: { BENCH_WRK_DIR: WRK_SCRIPTS },
      });
      await runWebhookLoad(ctx, { server, sql, database, format: "seed", connections: 8, seconds: config.warmupSeconds, tag: "warm" });
      for (const connections of CONNECTIONS) {
        loads.push(await runWebhookLoad(ctx, { server, sql, database, format: "seed", connections, seconds: config.seconds, tag: `seed${connections}` }));
        console.log(`  seed x${connections}: ${perSecond(loads.at(-1)!.wrk.rps)} req/s (load ${loadAverage()})`);
      }
      const expectedRps = Math.max(...loads.map((load) => load.wrk.rps));
      for (const connections of CONNECTIONS) {
        loads.push(
          await runWebhookLoad(ctx, { server, sql, database, format: "meta", connections, seconds: config.seconds, tag: `meta${connections}`, expectedRps }),
        );
        console.log(`  meta x${connections}: ${perSecond(loads.at(-1)!.wrk.rps)} req/s (load ${loadAverage()})`);
      }
      await checkRetriesChangeNothing(ctx, server.url, sql);
      const afterKb = await readRssKb(server.pid);
      ctx.shared.rss = {
        idleKb,
        peak8Kb: Math.max(...loads.filter((load) => load.connections === 8).map((load) => load.rssPeakKb)),
        peak64Kb: Math.max(...loads.filter((load) => load.connections === 64).map((load) => load.rssPeakKb)),
        afterKb,
      };
      ctx.shared.metaSingleRps = loads.find((load) => load.format === "meta" && load.connections === 8)?.messagesPerSecond;
    } finally {
      const code = await server.stop();
      if (code !== 0) ctx.fail(`server exited with ${code} on SIGTERM:\n${server.output().slice(-2000)}`);
    }
    const profile = await profileServer(ctx, database, sql);
    const queryCounts = await countIngestQueries(database.url);
    console.log(`  pgbench baselines (${config.pgbenchSeconds}s each, server stopped)…`);
    const pgbench = await runPgbenchBaselines(ctx, database.url, CONNECTIONS);
    printIngestTables(loads, healthz, pgbench, queryCounts);
    if (profile) printProfile(profile);
  } finally {
    await sql.end({ timeout: 5 });
    await database.drop();
  }
}

/** A provider retry of an already stored message: 200, and no new row. */
async function checkRetriesChangeNothing(ctx: BenchContext, url: string, sql: postgres.Sql): Promise<void> {
  const [before] = await sql<{ n: number }[]>`select count(*)::int as n from messages`;
  const ids = Array.from({ length: 50 }, (_, index) => `seed8-0-${index + 2}`);
  const statuses = await Promise.all(
    ids.map((id) =>
      fetch(`${url}/api/webhook/whatsapp`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": BENCH_API_KEY },
        body: JSON.stringify({ from: "33612000001@s.whatsapp.net", body: "retry", type: "text", id }),
      }).then((response) => response.status),
    ),
  );
  const [after] = await sql<{ n: number }[]>`select count(*)::int as n from messages`;
  if (statuses.some((status) => status !== 200)) ctx.fail(`retried deliveries answered ${[...new Set(statuses)].join(", ")}`);
  if (after!.n !== before!.n) ctx.fail(`50 retried deliveries added ${after!.n - before!.n} rows`);
  else console.log(`  50 retried deliveries (ids already stored): all 200, 0 new rows`);
}

function printIngestTables(loads: WebhookLoadResult[], healthz: WrkResult, pgbench: PgbenchResult[], queryCounts: QueryCount[]): void {
  const limit = (connections: number) => pgbench.find((result) => result.script === PGBENCH_VARIANTS[0].script && result.connections === connections);
  const rows: (string | number)[][] = [
    ["load", "conns", "req/s", "p50 ms", "p99 ms", "max ms", "200s", "rows stored", "in flight", "server CPU", "pgbench limit tx/s", "server / limit"],
  ];
  rows.push([
    "GET /healthz (HTTP only, no DB)",
    8,
    perSecond(healthz.rps),
    ms(healthz.latencyMs.p50, 2),
    ms(healthz.latencyMs.p99, 2),
    ms(healthz.latencyMs.max),
    healthz.ok200,
    "-",
    "-",
    "-",
    "-",
    "-",
  ]);
  for (const load of loads) {
    const baseline = limit(load.connections);
    rows.push([
      load.format === "seed" ? "seed format + x-api-key" : "Meta, X-Hub-Signature-256",
      load.connections,
      perSecond(load.wrk.rps),
      ms(load.wrk.latencyMs.p50),
      ms(load.wrk.latencyMs.p99),
      ms(load.wrk.latencyMs.max),
      load.wrk.ok200,
      load.rows.messages,
      load.rows.inFlight,
      `${load.serverCpuPercent.toFixed(0)}% (${load.serverCpuUsPerRequest.toFixed(0)} us/req)`,
      baseline ? perSecond(baseline.tps) : "n/a",
      baseline ? ratio(load.wrk.rps / baseline.tps) : "n/a",
    ]);
  }
  printTable("Webhook ingest: one message per delivery (wrk; rows counted after each run)", rows);

  const waitRows: (string | number)[][] = [
    [
      "load",
      "conns",
      "machine CPU busy",
      "others' CPU",
      "server CPU/req",
      "PostgreSQL CPU/req",
      "backends in a tx",
      "what they were doing (pg_stat_activity, 5 samples/s)",
    ],
  ];
  for (const load of loads) {
    waitRows.push([
      load.format,
      load.connections,
      `${load.machineCpuPercent.toFixed(0)}% of ${navigator.hardwareConcurrency * 100}%`,
      describeOthers(load.othersCpuPercent, load.topOthers),
      `${load.serverCpuUsPerRequest.toFixed(0)} us`,
      `${load.postgresCpuUsPerRequest.toFixed(0)} us`,
      load.waits.activeAverage.toFixed(1),
      describeWaits(load.waits),
    ]);
  }
  printTable("CPU and database backends during the HTTP runs", waitRows);

  const pgRows: (string | number)[][] = [
    ["pgbench transaction", "conns", "tx/s", "p50 ms", "p99 ms", "transactions = rows", "machine CPU busy", "others' CPU", "PostgreSQL CPU/tx"],
  ];
  for (const result of pgbench) {
    const label = PGBENCH_VARIANTS.find((variant) => variant.script === result.script)?.label ?? result.script;
    pgRows.push([
      label,
      result.connections,
      perSecond(result.tps),
      ms(result.latencyMs.p50),
      ms(result.latencyMs.p99),
      result.transactions,
      `${result.machineCpuPercent.toFixed(0)}%`,
      describeOthers(result.othersCpuPercent, result.topOthers),
      `${result.postgresCpuUsPerTransaction.toFixed(0)} us`,
    ]);
  }
  printTable("Database limit: the same transaction in pgbench (-M prepared -j 2, same database)", pgRows);

  const countRows: (string | number)[][] = [
    ["delivery (ingestEvents, drizzle logger)", "statements", "round trips incl. BEGIN/COMMIT", "per message", "NOTIFY after commit"],
  ];
  for (const count of queryCounts) {
    countRows.push([count.scenario, count.statements, count.roundTrips, (count.roundTrips / Math.max(1, count.messages)).toFixed(2), count.afterCommit]);
  }
  printTable("Round trips per delivery", countRows);
  const known = queryCounts.find((count) => count.scenario.startsWith("seed: known sender"));
  if (known && known.statements !== SERVER_EQUIVALENT_STATEMENTS) {
    console.log(
      `  note: ingestEvents now sends ${known.statements} statements for a known sender; bench/pgbench/ingest-server-equivalent.sql models ${SERVER_EQUIVALENT_STATEMENTS}: update it`,
    );
  }

  const targetRows: (string | number)[][] = [["target (from the issue)", "seed format", "Meta signed"]];
  const of = (format: string, connections: number) => loads.find((load) => load.format === format && load.connections === connections);
  const figure = (format: string) => {
    const at8 = of(format, 8);
    const at64 = of(format, 64);
    const limit8 = limit(8);
    return {
      ratio: at8 && limit8 ? at8.wrk.rps / limit8.tps : Number.NaN,
      p99: at8?.wrk.latencyMs.p99 ?? Number.NaN,
      p99at64: at64?.wrk.latencyMs.p99 ?? Number.NaN,
      scaling: at8 && at64 ? at64.wrk.rps / at8.wrk.rps : Number.NaN,
    };
  };
  const seed = figure("seed");
  const meta = figure("meta");
  targetRows.push([
    "throughput at 8 conns >= 0.7x pgbench limit",
    `${ratio(seed.ratio)} ${verdict(seed.ratio >= 0.7)}`,
    `${ratio(meta.ratio)} ${verdict(meta.ratio >= 0.7)}`,
  ]);
  targetRows.push(["p99 <= 35 ms at 8 conns", `${ms(seed.p99)} ms ${verdict(seed.p99 <= 35)}`, `${ms(meta.p99)} ms ${verdict(meta.p99 <= 35)}`]);
  targetRows.push(["(p99 at 64 conns, for reference)", `${ms(seed.p99at64)} ms`, `${ms(meta.p99at64)} ms`]);
  targetRows.push([
    "throughput at 64 >= 0.9x throughput at 8",
    `${ratio(seed.scaling)} ${verdict(seed.scaling >= 0.9)}`,
    `${ratio(meta.scaling)} ${verdict(meta.scaling >= 0.9)}`,
  ]);
  printTable("Targets", targetRows);
}

function printProfile(profile: ProfileSummary): void {
  const rows: (string | number)[][] = [["area (self time, native frames counted with their JS caller)", "share of server CPU samples"]];
  for (const [area, share] of profile.areas) rows.push([area, `${(share * 100).toFixed(1)}%`]);
  printTable(`Where the server's CPU goes: seed format, 8 connections, under bun --cpu-prof (${profile.samples} samples)`, rows);
  const top: (string | number)[][] = [["hottest functions (self time)", "share"]];
  for (const entry of profile.top) top.push([entry.name, `${(entry.share * 100).toFixed(1)}%`]);
  printTable("Hottest functions", top);
}
