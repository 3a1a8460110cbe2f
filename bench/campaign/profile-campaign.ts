import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type postgres from "postgres";
import type { BenchContext } from "../lib/bench-context.ts";
import { summarizeProfile, type ProfileSummary } from "../lib/cpu-profile.ts";
import { startServer } from "../lib/server-process.ts";
import { CAMPAIGN_PLAN, runCampaignLoad } from "./campaign-load.ts";

/**
 * A separate campaign run of its own customers, 8 connections, with the server under Bun's
 * sampling profiler (`--cpu-prof`): where the server's CPU goes for a confirmation. Not used for
 * any throughput figure.
 */
export async function profileCampaign(
  ctx: BenchContext,
  database: { name: string; url: string },
  sql: postgres.Sql,
  cohort: { first: number; count: number },
): Promise<ProfileSummary | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "confirma-bench-prof-"));
  try {
    const server = await startServer({ DATABASE_URL: database.url }, { bunArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
    try {
      await runCampaignLoad(ctx, { server, sql, database, plan: CAMPAIGN_PLAN, cohort, connections: 8, tag: "campprof" });
    } finally {
      await server.stop();
    }
    const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
    if (!file) return undefined;
    return summarizeProfile(await Bun.file(join(dir, file)).json());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
