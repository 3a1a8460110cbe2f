import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type postgres from "postgres";
import type { BenchContext } from "../lib/bench-context.ts";
import { cpuBetween, cpuSnapshot } from "../lib/cpu-snapshot.ts";
import { cpuSeconds } from "../lib/process-cpu.ts";
import { sampleRss } from "../lib/rss-sampler.ts";
import { sampleWaits, type WaitProfile } from "../lib/wait-sampler.ts";
import { BENCH_API_KEY, BENCH_APP_SECRET, type ServerProcess } from "../lib/server-process.ts";
import { runWrk, WRK_SCRIPTS, type WrkResult } from "../lib/wrk.ts";
import { writeSignedBodies } from "./meta-bodies.ts";
import { verifyRunRows, type RowCheck } from "./verify-rows.ts";

export type WebhookFormat = "seed" | "meta";

export interface WebhookLoadResult {
  format: WebhookFormat;
  connections: number;
  messagesPerDelivery: number;
  wrk: WrkResult;
  rows: RowCheck;
  rssPeakKb: number;
  /** CPU the server process used during the run, in % of one core. */
  serverCpuPercent: number;
  /** What the database's backends were doing during the run. */
  waits: WaitProfile;
  /** Whole machine busy during the run, in % of one core. */
  machineCpuPercent: number;
  /**
   * CPU of processes that are neither ours nor PostgreSQL meanwhile (other people's tests), in %
   * of one core, with the busiest. PostgreSQL includes other databases' backends, so another
   * user's database load shows in the PostgreSQL figure instead.
   */
  othersCpuPercent: number;
  topOthers: string[];
  /** PostgreSQL CPU microseconds per delivery (all postgres processes). */
  postgresCpuUsPerRequest: number;
  /** Server CPU microseconds per delivery. */
  serverCpuUsPerRequest: number;
  /** Messages stored per second (rows / wrk duration). */
  messagesPerSecond: number;
}

export interface WebhookLoad {
  server: ServerProcess;
  sql: postgres.Sql;
  /** The benchmark database (for pg_stat_activity samples). */
  database: { name: string; url: string };
  format: WebhookFormat;
  connections: number;
  seconds: number;
  /** Unique per run: prefixes every message id of the run. */
  tag: string;
  /** Deliveries per second to prepare signed bodies for (Meta), with margin. */
  expectedRps?: number;
  messagesPerDelivery?: number;
  entries?: number;
}

/** One bounded wrk run against the webhook, then the row check of that run. */
export async function runWebhookLoad(ctx: BenchContext, load: WebhookLoad): Promise<WebhookLoadResult> {
  const { config } = ctx;
  const threads = Math.min(config.wrkThreads, load.connections);
  const messagesPerDelivery = load.messagesPerDelivery ?? 1;
  const env: Record<string, string> = {
    BENCH_WRK_DIR: WRK_SCRIPTS,
    BENCH_RUN_ID: load.tag,
    BENCH_SENDERS: String(config.senders),
    BENCH_API_KEY: BENCH_API_KEY,
  };
  let bodiesDir: string | undefined;
  if (load.format === "meta") {
    bodiesDir = mkdtempSync(join(tmpdir(), "confirma-bench-bodies-"));
    const rps = load.expectedRps ?? 3000;
    const perThread = Math.ceil((rps * 1.6 * load.seconds) / threads) + 200;
    await writeSignedBodies({
      dir: bodiesDir,
      runId: load.tag,
      threads,
      perThread,
      senders: config.senders,
      appSecret: BENCH_APP_SECRET,
      messagesPerDelivery,
      entries: load.entries ?? 1,
    });
    env.BENCH_BODIES_DIR = bodiesDir;
  }
  try {
    const rss = sampleRss(load.server.pid);
    const cpuBefore = await cpuSeconds(load.server.pid);
    const machineBefore = await cpuSnapshot();
    const waitSampler = sampleWaits(load.database.url, load.database.name);
    const wrk = await runWrk({
      script: load.format === "seed" ? "seed-webhook.lua" : "signed-bodies.lua",
      url: load.server.url,
      connections: load.connections,
      seconds: load.seconds,
      threads,
      env,
    });
    const rssPeakKb = rss.stop().peakKb;
    const waits = await waitSampler.stop();
    const cpuUsed = (await cpuSeconds(load.server.pid)) - cpuBefore;
    const machine = cpuBetween(machineBefore, await cpuSnapshot(), [load.server.pid, ...wrk.pids]);
    const rows = await verifyRunRows(load.sql, {
      provider: load.format,
      idPrefix: load.format === "seed" ? `${load.tag}-` : `wamid.${load.tag}.`,
      result: wrk,
      connections: load.connections,
      messagesPerRequest: messagesPerDelivery,
    });
    for (const problem of rows.problems) ctx.fail(`${load.format} x${messagesPerDelivery} at ${load.connections} connections: ${problem}`);
    if (wrk.wraps > 0) console.log(`  note: ${wrk.wraps} deliveries re-sent because the pre-signed file ran out (duplicates, not stored)`);
    return {
      format: load.format,
      connections: load.connections,
      messagesPerDelivery,
      wrk,
      rows,
      rssPeakKb,
      waits,
      serverCpuPercent: (100 * cpuUsed) / wrk.durationS,
      serverCpuUsPerRequest: (cpuUsed * 1e6) / Math.max(1, wrk.requests),
      machineCpuPercent: machine.machinePercent,
      othersCpuPercent: machine.othersPercent,
      topOthers: machine.topOthers,
      postgresCpuUsPerRequest: (machine.postgresSeconds * 1e6) / Math.max(1, wrk.requests),
      messagesPerSecond: rows.messages / wrk.durationS,
    };
  } finally {
    if (bodiesDir) rmSync(bodiesDir, { recursive: true, force: true });
  }
}
