import type { BenchContext } from "../lib/bench-context.ts";
import { mb, ms, printTable, verdict } from "../lib/format.ts";
import { checkQuiet } from "../lib/machine.ts";
import { summarize } from "../lib/stats.ts";
import { measureDashboardBundle, measureExistingDist } from "./bundle-size.ts";
import { bareBunStart, coldStartPglite, coldStartPostgres, type StartSample } from "./cold-start.ts";

const RUNS = 3;
const RSS_TARGET_KB = 200 * 1024;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Benchmark 4: the dashboard's first-visit JavaScript, the server's memory, and cold starts. */
export async function runFootprintBench(ctx: BenchContext): Promise<void> {
  const { config } = ctx;
  console.log("\n=== 4. Footprint: dashboard JavaScript, server memory, cold start ===");
  await checkQuiet("footprint");

  const bundle = await measureDashboardBundle();
  const bundleRows: (string | number)[][] = [["dashboard initial JavaScript (entry + static imports)", "files", "raw", "gzip -9", "lazy chunks"]];
  if (bundle.built) {
    bundleRows.push([
      `this run's build (${bundle.buildSeconds.toFixed(1)} s)`,
      bundle.files.length,
      kb(bundle.rawBytes),
      kb(bundle.gzipBytes),
      bundle.lazyChunks,
    ]);
    for (const file of bundle.files) bundleRows.push([`  ${file.path}`, "", kb(file.raw), kb(file.gzip), ""]);
  } else {
    bundleRows.push([`not built (${bundle.reason})`, "-", "-", "-", "-"]);
    const stale = await measureExistingDist();
    if (stale)
      bundleRows.push([
        `  apps/dashboard/dist from an earlier build (${stale.builtAt.toISOString()}), not this code`,
        stale.files.length,
        kb(stale.rawBytes),
        kb(stale.gzipBytes),
        stale.lazyChunks,
      ]);
  }
  printTable("Dashboard", bundleRows);

  const bare = await bareBunStart(RUNS);
  const pglite = await coldStartPglite(RUNS);
  const postgres = await coldStartPostgres(config.pgUrl, RUNS);
  const median = (samples: StartSample[], key: keyof StartSample) => summarize(samples.map((sample) => sample[key])).p50;
  const startRows: (string | number)[][] = [["start (spawn -> first 200; median of 3)", "ms", "min ms", "max ms", "idle RSS"]];
  const addStart = (label: string, samples: StartSample[]) => {
    const summary = summarize(samples.map((sample) => sample.ms));
    startRows.push([label, ms(summary.p50, 0), ms(Math.min(...samples.map((s) => s.ms)), 0), ms(summary.max, 0), mb(median(samples, "idleRssKb"))]);
  };
  addStart("baseline: bare Bun.serve hello (GET /)", bare);
  addStart("server, PGlite, fresh DATA_DIR (migrations) -> /readyz", pglite.fresh);
  addStart("server, PGlite, restart on that DATA_DIR -> /readyz", pglite.restart);
  addStart("server, PostgreSQL, fresh database (migrations) -> /readyz", postgres.fresh);
  addStart("server, PostgreSQL, restart on that database -> /readyz", postgres.restart);
  printTable("Cold start to ready", startRows);

  const rss = ctx.shared.rss;
  const rssRows: (string | number)[][] = [["server RSS (VmRSS, PostgreSQL)", "RSS", "<= 200 MB"]];
  rssRows.push(["baseline: bare Bun.serve hello, idle", mb(median(bare, "idleRssKb")), "-"]);
  if (rss) {
    rssRows.push(["server idle (after start, before load)", mb(rss.idleKb), verdict(rss.idleKb <= RSS_TARGET_KB)]);
    rssRows.push(["peak under webhook load, 8 connections", mb(rss.peak8Kb), verdict(rss.peak8Kb <= RSS_TARGET_KB)]);
    rssRows.push(["peak under webhook load, 64 connections", mb(rss.peak64Kb), verdict(rss.peak64Kb <= RSS_TARGET_KB)]);
    rssRows.push(["after the loads", mb(rss.afterKb), verdict(rss.afterKb <= RSS_TARGET_KB)]);
  } else {
    rssRows.push(["under load: run with BENCH_ONLY including ingest", "n/a", "n/a"]);
  }
  rssRows.push([
    "server idle on PGlite (embedded database in-process)",
    mb(median(pglite.restart, "idleRssKb")),
    verdict(median(pglite.restart, "idleRssKb") <= RSS_TARGET_KB),
  ]);
  printTable("Server memory (sampled every 250 ms from /proc/<pid>/status while wrk ran)", rssRows);
}
