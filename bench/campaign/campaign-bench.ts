import { BUILT_IN_CONFIRMATION } from "@confirma/api";
import postgres from "postgres";
import { runWebhookLoad, type WebhookLoadResult } from "../ingest/webhook-load.ts";
import type { BenchContext } from "../lib/bench-context.ts";
import { createBenchDatabase } from "../lib/bench-database.ts";
import { describeOthers, ms, perSecond, printTable, ratio, verdict } from "../lib/format.ts";
import { checkQuiet, loadAverage } from "../lib/machine.ts";
import type { ProfileSummary } from "../lib/cpu-profile.ts";
import type { PgbenchResult } from "../lib/pgbench.ts";
import { startServer } from "../lib/server-process.ts";
import { describeWaits } from "../lib/wait-sampler.ts";
import { CAMPAIGN_PLAN, MIXED_PLAN, runCampaignLoad, type CampaignLoadResult } from "./campaign-load.ts";
import { ANALYZE_STATEMENTS, campaignSeedStatements } from "./campaign-sql.ts";
import { countConfirmStatements, type ConfirmCount } from "./count-confirm.ts";
import { profileCampaign } from "./profile-campaign.ts";
import { CONFIRM_PGBENCH_VARIANTS, CONFIRM_SERVER_EQUIVALENT_STATEMENTS, preparePgbenchConfirm, runPgbenchConfirm } from "./pgbench-confirm.ts";

const CONNECTIONS = [8, 64] as const;
/** Customers answering in the warm-up (not reported). */
const WARM_CUSTOMERS = 256;
/** Customers answering under the profiler (a separate run, not used for any rate). */
const PROFILED_CUSTOMERS = 1024;

interface Cohort {
  first: number;
  count: number;
}

interface PgbenchRow {
  label: string;
  script: string;
  result: PgbenchResult;
}

/**
 * Benchmark 6: a confirmation campaign. Customers, each with an order whose confirmation request
 * went out (its reminders scheduled), answer "Oui je confirme" once each, as fast as 8 and then 64
 * connections allow; on the same server and database, in the same run: chat messages (the ingest
 * benchmark's load), a mixed load (70 % chat, 25 % confirm, 5 % cancel), and pgbench running the
 * confirm transaction on customers of its own. Every run's rows are checked after it.
 */
export async function runCampaignBench(ctx: BenchContext): Promise<void> {
  const { config } = ctx;
  const customers = config.campaignCustomers;
  const mixedCustomers = Math.ceil((customers * 0.3) / 64) * 64;
  console.log(`\n=== 6. Confirmation campaign: ${customers} customers answering "Oui je confirme", once each ===`);
  await checkQuiet("campaign");

  let next = 0;
  const cohort = (count: number): Cohort => {
    const taken = { first: next, count };
    next += count;
    return taken;
  };
  const counted = cohort(1);
  const warm = cohort(WARM_CUSTOMERS);
  const runs = CONNECTIONS.map((connections) => ({ connections, campaign: cohort(customers), mixed: cohort(mixedCustomers) }));
  const profiled = cohort(Math.min(PROFILED_CUSTOMERS, customers));
  const pgbenchRuns = CONFIRM_PGBENCH_VARIANTS.flatMap((variant) => CONNECTIONS.map((connections) => ({ variant, connections, cohort: cohort(customers) })));

  const database = await createBenchDatabase(config.pgUrl, "campaign", { keep: config.keepDatabases });
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  try {
    const server = await startServer({ DATABASE_URL: database.url });
    const chat: WebhookLoadResult[] = [];
    const campaign: CampaignLoadResult[] = [];
    const mixed: CampaignLoadResult[] = [];
    let statements: ConfirmCount;
    try {
      await seedCustomers(database.url, next);
      statements = await countConfirmStatements(database.url, counted.first);
      if (!statements.confirmed) ctx.fail(`"Oui je confirme" from a campaign customer did not confirm their order (counting run)`);
      await runWebhookLoad(ctx, { server, sql, database, format: "seed", connections: 8, seconds: config.warmupSeconds, tag: "cwarm" });
      await runCampaignLoad(ctx, { server, sql, database, plan: CAMPAIGN_PLAN, cohort: warm, connections: 8, tag: "campwarm" });
      for (const run of runs) {
        const { connections } = run;
        chat.push(await runWebhookLoad(ctx, { server, sql, database, format: "seed", connections, seconds: config.seconds, tag: `cchat${connections}` }));
        console.log(`  chat x${connections}: ${perSecond(chat.at(-1)!.wrk.rps)} req/s (load ${loadAverage()})`);
        campaign.push(await runCampaignLoad(ctx, { server, sql, database, plan: CAMPAIGN_PLAN, cohort: run.campaign, connections, tag: `camp${connections}` }));
        console.log(`  campaign x${connections}: ${perSecond(campaign.at(-1)!.rps)} confirmations/s (load ${loadAverage()})`);
        mixed.push(await runCampaignLoad(ctx, { server, sql, database, plan: MIXED_PLAN, cohort: run.mixed, connections, tag: `mixed${connections}` }));
        console.log(`  mixed x${connections}: ${perSecond(mixed.at(-1)!.rps)} req/s (load ${loadAverage()})`);
      }
    } finally {
      const code = await server.stop();
      if (code !== 0) ctx.fail(`server exited with ${code} on SIGTERM:\n${server.output().slice(-2000)}`);
    }
    const profile = await profileCampaign(ctx, database, sql, profiled);
    console.log("  pgbench, the confirm transaction (server stopped)…");
    await preparePgbenchConfirm(database.url);
    const pgbench: PgbenchRow[] = [];
    for (const run of pgbenchRuns) {
      pgbench.push({ label: run.variant.label, script: run.variant.script, result: await runPgbenchConfirm(ctx, sql, database.url, run) });
      console.log(`  ${run.variant.name} x${run.connections}: ${perSecond(pgbench.at(-1)!.result.tps)} tx/s (load ${loadAverage()})`);
    }
    printCampaignTables({ chat, campaign, mixed, pgbench, statements, customers });
    if (profile) printProfile(profile, profiled.count);
  } finally {
    await sql.end({ timeout: 5 });
    await database.drop();
  }
}

/** Seeds customers 0 … count - 1 on one connection (the requests went out over the last 20 minutes). */
async function seedCustomers(url: string, count: number): Promise<void> {
  const seeder = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  try {
    const statements = [...campaignSeedStatements(0, count, new Date(Date.now() - 20 * 60_000), BUILT_IN_CONFIRMATION), ...ANALYZE_STATEMENTS];
    for (const statement of statements) await seeder.unsafe(statement);
    const [row] = await seeder<{ jobs: number }[]>`select count(*)::int as jobs from jobs where status = 'pending'`;
    console.log(
      `  seeded ${count.toLocaleString("en-US")} customers with an order awaiting a reply and ${row?.jobs.toLocaleString("en-US")} follow-ups scheduled in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await seeder.end({ timeout: 5 });
  }
}

interface CampaignTables {
  chat: WebhookLoadResult[];
  campaign: CampaignLoadResult[];
  mixed: CampaignLoadResult[];
  pgbench: PgbenchRow[];
  statements: ConfirmCount;
  customers: number;
}

function printCampaignTables({ chat, campaign, mixed, pgbench, statements, customers }: CampaignTables): void {
  const at = <T extends { connections: number }>(rows: T[], connections: number) => rows.find((row) => row.connections === connections);
  const limit = (script: string, connections: number) => pgbench.find((row) => row.script === script && row.result.connections === connections)?.result;
  const writes = CONFIRM_PGBENCH_VARIANTS[0].script;
  const serverEquivalent = CONFIRM_PGBENCH_VARIANTS[1].script;

  const rows: (string | number)[][] = [
    [
      "load",
      "conns",
      "requests",
      "decisions",
      "seconds",
      "req/s",
      "decisions/s",
      "p50 ms",
      "p99 ms",
      "max ms",
      "200s",
      "rows checked",
      "server CPU/req",
      "PostgreSQL CPU/req",
    ],
  ];
  for (const connections of CONNECTIONS) {
    const chatRun = at(chat, connections);
    if (chatRun) {
      rows.push([
        "chat messages (seed format), for BENCH_SECONDS",
        connections,
        chatRun.wrk.requests,
        "-",
        chatRun.wrk.durationS.toFixed(1),
        perSecond(chatRun.wrk.rps),
        "-",
        ms(chatRun.wrk.latencyMs.p50),
        ms(chatRun.wrk.latencyMs.p99),
        ms(chatRun.wrk.latencyMs.max),
        chatRun.wrk.ok200,
        chatRun.rows.problems.length === 0 ? `${chatRun.rows.messages} stored` : "BROKEN",
        `${chatRun.serverCpuUsPerRequest.toFixed(0)} us`,
        `${chatRun.postgresCpuUsPerRequest.toFixed(0)} us`,
      ]);
    }
    for (const [label, run] of [
      ['campaign: "Oui je confirme", each customer once', at(campaign, connections)],
      ["mixed: 70% chat, 25% confirm, 5% cancel", at(mixed, connections)],
    ] as const) {
      if (!run) continue;
      rows.push([
        label,
        connections,
        run.wrk.requests,
        run.counts.confirm + run.counts.cancel,
        run.wrk.durationS.toFixed(1),
        perSecond(run.rps),
        perSecond(run.decisionsPerSecond),
        ms(run.wrk.latencyMs.p50),
        ms(run.wrk.latencyMs.p99),
        ms(run.wrk.latencyMs.max),
        run.wrk.ok200,
        run.rows.problems.length + run.cohort.problems.length === 0 ? `${run.cohort.confirmed}+${run.cohort.cancelled} decided once` : "BROKEN",
        `${run.serverCpuUsPerRequest.toFixed(0)} us`,
        `${run.postgresCpuUsPerRequest.toFixed(0)} us`,
      ]);
    }
  }
  printTable(`Confirmation campaign: ${customers} customers per run, each answering once (wrk stops at the last answer; rows checked after each run)`, rows);

  const waitRows: (string | number)[][] = [
    ["load", "conns", "machine CPU busy", "others' CPU", "backends in a tx", "what they were doing (pg_stat_activity, 5 samples/s)"],
  ];
  for (const [label, list] of [
    ["chat", chat],
    ["campaign", campaign],
    ["mixed", mixed],
  ] as const) {
    for (const run of list as (WebhookLoadResult | CampaignLoadResult)[]) {
      waitRows.push([
        label,
        run.connections,
        `${run.machineCpuPercent.toFixed(0)}% of ${navigator.hardwareConcurrency * 100}%`,
        describeOthers(run.othersCpuPercent, run.topOthers),
        run.waits.activeAverage.toFixed(1),
        describeWaits(run.waits),
      ]);
    }
  }
  printTable("CPU and database backends during the campaign runs", waitRows);

  const pgRows: (string | number)[][] = [
    [
      "pgbench transaction (-t: each customer once)",
      "conns",
      "tx/s",
      "p50 ms",
      "p99 ms",
      "transactions",
      "machine CPU busy",
      "others' CPU",
      "PostgreSQL CPU/tx",
    ],
  ];
  for (const row of pgbench) {
    pgRows.push([
      row.label,
      row.result.connections,
      perSecond(row.result.tps),
      ms(row.result.latencyMs.p50),
      ms(row.result.latencyMs.p99),
      row.result.transactions,
      `${row.result.machineCpuPercent.toFixed(0)}%`,
      describeOthers(row.result.othersCpuPercent, row.result.topOthers),
      `${row.result.postgresCpuUsPerTransaction.toFixed(0)} us`,
    ]);
  }
  printTable("Database limit: the confirm transaction in pgbench (-M prepared -j 2, same database, customers of its own)", pgRows);
  console.log(
    `\n  "Oui je confirme" from a campaign customer, in the server's service (ingestEvents, drizzle logger): ${statements.statements} statements, ${statements.roundTrips} round trips`,
  );
  if (statements.statements !== CONFIRM_SERVER_EQUIVALENT_STATEMENTS) {
    console.log(
      `  note: the server now sends ${statements.statements} statements for a confirmation; the pgbench script (bench/campaign/confirm-statement-sql.ts) models ${CONFIRM_SERVER_EQUIVALENT_STATEMENTS}: update it`,
    );
  }

  const rate = (run: CampaignLoadResult | undefined) => run?.rps ?? Number.NaN;
  const ratioRows: (string | number)[][] = [["ratio", "8 connections", "64 connections"]];
  const both = (make: (connections: number) => number) => CONNECTIONS.map((connections) => ratio(make(connections)));
  ratioRows.push(["campaign confirmations/s vs chat req/s (same run)", ...both((c) => rate(at(campaign, c)) / (at(chat, c)?.wrk.rps ?? Number.NaN))]);
  ratioRows.push(["campaign vs pgbench, a confirmation's writes", ...both((c) => rate(at(campaign, c)) / (limit(writes, c)?.tps ?? Number.NaN))]);
  ratioRows.push([
    "campaign vs pgbench, the server's confirm statement",
    ...both((c) => rate(at(campaign, c)) / (limit(serverEquivalent, c)?.tps ?? Number.NaN)),
  ]);
  ratioRows.push(["mixed req/s vs chat req/s", ...both((c) => rate(at(mixed, c)) / (at(chat, c)?.wrk.rps ?? Number.NaN))]);
  ratioRows.push([
    "campaign p99 vs chat p99",
    ...both((c) => (at(campaign, c)?.wrk.latencyMs.p99 ?? Number.NaN) / (at(chat, c)?.wrk.latencyMs.p99 ?? Number.NaN)),
  ]);
  const scaling = (value64: number, value8: number) => ratio(value64 / value8);
  ratioRows.push([
    "64 vs 8 connections: campaign / chat / mixed / pgbench writes",
    `${scaling(rate(at(campaign, 64)), rate(at(campaign, 8)))} / ${scaling(at(chat, 64)?.wrk.rps ?? Number.NaN, at(chat, 8)?.wrk.rps ?? Number.NaN)} / ${scaling(rate(at(mixed, 64)), rate(at(mixed, 8)))} / ${scaling(limit(writes, 64)?.tps ?? Number.NaN, limit(writes, 8)?.tps ?? Number.NaN)}`,
    "",
  ]);
  printTable("Ratios (same run)", ratioRows);

  const campaign8 = at(campaign, 8);
  const toChat = rate(campaign8) / (at(chat, 8)?.wrk.rps ?? Number.NaN);
  const toPgbench = rate(campaign8) / (limit(writes, 8)?.tps ?? Number.NaN);
  const p99 = campaign8?.wrk.latencyMs.p99 ?? Number.NaN;
  const scale = rate(at(campaign, 64)) / rate(campaign8);
  printTable("Targets (confirmation campaign)", [
    ["target", "measured", ""],
    [">= 0.5x the chat rate at 8 connections", ratio(toChat), verdict(toChat >= 0.5)],
    [">= 0.7x pgbench's confirm transaction (a confirmation's writes) at 8", ratio(toPgbench), verdict(toPgbench >= 0.7)],
    ["p99 <= 35 ms at 8 connections", `${ms(p99)} ms`, verdict(p99 <= 35)],
    ["64 connections >= 0.9x 8 connections", ratio(scale), verdict(scale >= 0.9)],
  ]);
}

function printProfile(profile: ProfileSummary, customers: number): void {
  const rows: (string | number)[][] = [["area (self time, native frames counted with their JS caller)", "share of server CPU samples"]];
  for (const [area, share] of profile.areas) rows.push([area, `${(share * 100).toFixed(1)}%`]);
  printTable(`Where the server's CPU goes: ${customers} confirmations, 8 connections, under bun --cpu-prof (${profile.samples} samples)`, rows);
  const top: (string | number)[][] = [["hottest functions (self time)", "share"]];
  for (const entry of profile.top) top.push([entry.name, `${(entry.share * 100).toFixed(1)}%`]);
  printTable("Hottest functions (confirmations)", top);
}
