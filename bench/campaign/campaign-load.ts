import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type postgres from "postgres";
import { verifyRunRows, type RowCheck } from "../ingest/verify-rows.ts";
import type { BenchContext } from "../lib/bench-context.ts";
import { cpuBetween, cpuSnapshot } from "../lib/cpu-snapshot.ts";
import { cpuSeconds } from "../lib/process-cpu.ts";
import { BENCH_API_KEY, type ServerProcess } from "../lib/server-process.ts";
import { sampleWaits, type WaitProfile } from "../lib/wait-sampler.ts";
import { runWrk, WRK_SCRIPTS, type WrkResult } from "../lib/wrk.ts";
import { verifyCohort, type CohortCheck } from "./verify-cohort.ts";

/** Every delivery a customer confirming ("Oui je confirme"). */
export const CAMPAIGN_PLAN = "C";
/** 70 % chat (H), 25 % confirmations (C), 5 % cancellations (X), spread evenly. */
export const MIXED_PLAN = "CHHHCHHHCHHXCHHHCHHH";

export interface PlanCounts {
  requests: number;
  confirm: number;
  cancel: number;
  chat: number;
}

/** What `campaign-webhook.lua` will send for `customers` customers over `threads` threads (the same walk). */
export function countPlan(plan: string, customers: number, threads: number): PlanCounts {
  const counts = { requests: 0, confirm: 0, cancel: 0, chat: 0 };
  for (let tid = 0; tid < threads; tid += 1) {
    let left = Math.floor(customers / threads) + (tid < customers % threads ? 1 : 0);
    for (let sent = 0; left > 0; sent += 1) {
      const kind = plan[sent % plan.length];
      counts.requests += 1;
      if (kind === "H") counts.chat += 1;
      else {
        if (kind === "X") counts.cancel += 1;
        else counts.confirm += 1;
        left -= 1;
      }
    }
  }
  return counts;
}

export interface CampaignLoad {
  server: ServerProcess;
  sql: postgres.Sql;
  database: { name: string; url: string };
  plan: string;
  /** The customers who answer: `first` … `first + count - 1`, each once. */
  cohort: { first: number; count: number };
  connections: number;
  /** Unique per run: prefixes every message id of the run. */
  tag: string;
}

export interface CampaignLoadResult {
  plan: string;
  connections: number;
  counts: PlanCounts;
  wrk: WrkResult;
  /** Requests answered per second, from the first request to the last answer. */
  rps: number;
  /** Confirmations and cancellations answered per second. */
  decisionsPerSecond: number;
  rows: RowCheck;
  cohort: CohortCheck;
  waits: WaitProfile;
  serverCpuUsPerRequest: number;
  postgresCpuUsPerRequest: number;
  machineCpuPercent: number;
  othersCpuPercent: number;
  topOthers: string[];
}

/**
 * One bounded run: each customer of the cohort answers once (with chat messages between, per the
 * plan); wrk stops when the last answer is in. Then the rows: every 200 stored once (`verifyRunRows`)
 * and every order decided once, as answered, its follow-ups cancelled (`verifyCohort`).
 */
export async function runCampaignLoad(ctx: BenchContext, load: CampaignLoad): Promise<CampaignLoadResult> {
  const { config } = ctx;
  const threads = Math.min(config.wrkThreads, load.connections);
  const counts = countPlan(load.plan, load.cohort.count, threads);
  const doneDir = mkdtempSync(join(tmpdir(), "confirma-bench-campaign-"));
  try {
    const cpuBefore = await cpuSeconds(load.server.pid);
    const machineBefore = await cpuSnapshot();
    const waitSampler = sampleWaits(load.database.url, load.database.name);
    const wrk = await runWrk({
      script: "campaign-webhook.lua",
      url: load.server.url,
      connections: load.connections,
      // An upper bound only: the run ends with its last answer.
      seconds: Math.min(900, Math.max(60, Math.ceil(counts.requests / 20))),
      threads,
      doneDir,
      env: {
        BENCH_WRK_DIR: WRK_SCRIPTS,
        BENCH_RUN_ID: load.tag,
        BENCH_PLAN: load.plan,
        BENCH_FIRST: String(load.cohort.first),
        BENCH_CUSTOMERS: String(load.cohort.count),
        BENCH_SENDERS: String(config.senders),
        BENCH_API_KEY,
      },
    });
    const waits = await waitSampler.stop();
    const cpuUsed = (await cpuSeconds(load.server.pid)) - cpuBefore;
    const machine = cpuBetween(machineBefore, await cpuSnapshot(), [load.server.pid, ...wrk.pids]);
    const rows = await verifyRunRows(load.sql, { provider: "seed", idPrefix: `${load.tag}-`, result: wrk, connections: load.connections });
    const cohort = await verifyCohort(load.sql, { ...load.cohort, expected: { confirm: counts.confirm, cancel: counts.cancel } });
    const where = `${load.tag} at ${load.connections} connections`;
    for (const problem of [...rows.problems, ...cohort.problems]) ctx.fail(`${where}: ${problem}`);
    if (wrk.requests !== counts.requests || rows.messages !== counts.requests) {
      ctx.fail(`${where}: ${counts.requests} requests planned, ${wrk.requests} answers read, ${rows.messages} messages stored`);
    }
    return {
      plan: load.plan,
      connections: load.connections,
      counts,
      wrk,
      rps: wrk.requests / wrk.durationS,
      decisionsPerSecond: (counts.confirm + counts.cancel) / wrk.durationS,
      rows,
      cohort,
      waits,
      serverCpuUsPerRequest: (cpuUsed * 1e6) / Math.max(1, wrk.requests),
      postgresCpuUsPerRequest: (machine.postgresSeconds * 1e6) / Math.max(1, wrk.requests),
      machineCpuPercent: machine.machinePercent,
      othersCpuPercent: machine.othersPercent,
      topOthers: machine.topOthers,
    };
  } finally {
    rmSync(doneDir, { recursive: true, force: true });
  }
}
