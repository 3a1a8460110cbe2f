/**
 * `bun run bench`: Confirma's benchmark suite on this machine's PostgreSQL. Each benchmark
 * creates its own database, starts what it needs on 127.0.0.1, runs bounded loads, checks the
 * rows, prints a table and cleans up. Figures are printed, never asserted; the exit code is 1
 * only when something is broken (rows missing or duplicated, errors). See docs/benchmarks.md.
 */
import { runBatchBench } from "./batch/batch-bench.ts";
import { runCampaignBench } from "./campaign/campaign-bench.ts";
import { runExportBench } from "./export/export-bench.ts";
import { runFootprintBench } from "./footprint/footprint-bench.ts";
import { runIngestBench } from "./ingest/ingest-bench.ts";
import { loadBenchConfig } from "./lib/bench-config.ts";
import { createBenchContext } from "./lib/bench-context.ts";
import { describeMachine, loadAverage } from "./lib/machine.ts";
import { ensureWrk } from "./lib/wrk.ts";
import { runQueriesBench } from "./queries/queries-bench.ts";
import { runReplyBench } from "./reply/reply-bench.ts";

const config = loadBenchConfig();
const ctx = createBenchContext(config);
const started = performance.now();

// Only the benchmarks that load the server over HTTP with wrk need it.
if (["ingest", "batch", "footprint", "campaign"].some((name) => config.only.has(name))) ensureWrk();
console.log(`Confirma benchmarks — ${new Date().toISOString()}`);
for (const line of await describeMachine(config.pgUrl)) console.log(`  ${line}`);
console.log(
  `  settings: BENCH_SECONDS=${config.seconds} BENCH_PGBENCH_SECONDS=${config.pgbenchSeconds} BENCH_SENDERS=${config.senders} BENCH_SCALE=${config.scale} BENCH_ITERATIONS=${config.iterations} BENCH_CAMPAIGN_CUSTOMERS=${config.campaignCustomers} BENCH_EXPORT_ORDERS=${config.exportOrders} wrk threads=${config.wrkThreads}`,
);

const benchmarks = [
  ["ingest", runIngestBench],
  ["batch", runBatchBench],
  ["queries", runQueriesBench],
  ["footprint", runFootprintBench],
  ["reply", runReplyBench],
  ["campaign", runCampaignBench],
  ["export", runExportBench],
] as const;

for (const [name, run] of benchmarks) {
  if (!config.only.has(name)) continue;
  try {
    await run(ctx);
  } catch (error) {
    ctx.fail(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

const minutes = (performance.now() - started) / 60_000;
console.log(`\nbench: done in ${minutes.toFixed(1)} min, load average now ${loadAverage()}`);
if (ctx.failures.length > 0) {
  console.log(`bench: ${ctx.failures.length} thing(s) broken:`);
  for (const failure of ctx.failures) console.log(`  - ${failure.split("\n")[0]}`);
  process.exit(1);
}
