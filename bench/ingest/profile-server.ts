import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type postgres from "postgres";
import type { BenchContext } from "../lib/bench-context.ts";
import { summarizeProfile, type ProfileSummary } from "../lib/cpu-profile.ts";
import { startServer } from "../lib/server-process.ts";
import { runWebhookLoad } from "./webhook-load.ts";

/**
 * A separate, short seed-format run with the server under Bun's sampling profiler
 * (`--cpu-prof`): where the server's CPU goes per area. Not used for any throughput figure.
 */
export async function profileServer(ctx: BenchContext, database: { name: string; url: string }, sql: postgres.Sql): Promise<ProfileSummary | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "confirma-bench-prof-"));
  try {
    const server = await startServer({ DATABASE_URL: database.url }, { bunArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
    try {
      await runWebhookLoad(ctx, { server, sql, database, format: "seed", connections: 8, seconds: Math.min(8, ctx.config.seconds), tag: "prof" });
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
