/** Every knob of `bun run bench`, from the environment, with defaults sized for ~8 minutes on 2 cores. */
export interface BenchConfig {
  /** Base URL of the PostgreSQL server (no database name); each run creates its own database there. */
  pgUrl: string;
  /** Seconds of each wrk run. */
  seconds: number;
  /** Seconds of each pgbench run. */
  pgbenchSeconds: number;
  warmupSeconds: number;
  /** Distinct WhatsApp senders in the webhook loads. */
  senders: number;
  /** Dataset size of the dashboard benchmark, as a fraction of 100k clients / 300k orders / 1M messages. */
  scale: number;
  /** Timed calls per dashboard query. */
  iterations: number;
  /**
   * Customers of each confirmation-campaign run (rounded up to a multiple of 64, so that every
   * connection count splits them evenly); the mixed loads use 30 % of that many.
   */
  campaignCustomers: number;
  /** Orders the export benchmark seeds and exports. */
  exportOrders: number;
  /** Which benchmarks to run: ingest, batch, queries, footprint, reply, campaign, export. */
  only: Set<string>;
  /** Keep the benchmark databases (for inspection) instead of dropping them. */
  keepDatabases: boolean;
  wrkThreads: number;
}

export const BENCHMARKS = ["ingest", "batch", "queries", "footprint", "reply", "campaign", "export"] as const;

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not \`${raw}\``);
  return value;
}

export function loadBenchConfig(): BenchConfig {
  const seconds = numberFrom("BENCH_SECONDS", 15);
  const only = (process.env.BENCH_ONLY ?? BENCHMARKS.join(","))
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of only) {
    if (!(BENCHMARKS as readonly string[]).includes(name)) throw new Error(`BENCH_ONLY: unknown benchmark \`${name}\` (${BENCHMARKS.join(", ")})`);
  }
  return {
    pgUrl: (process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432").replace(/\/+$/, ""),
    seconds,
    pgbenchSeconds: numberFrom("BENCH_PGBENCH_SECONDS", Math.max(5, Math.round(seconds * 0.67))),
    warmupSeconds: numberFrom("BENCH_WARMUP_SECONDS", 3),
    senders: Math.round(numberFrom("BENCH_SENDERS", 10_000)),
    scale: numberFrom("BENCH_SCALE", 1),
    iterations: Math.round(numberFrom("BENCH_ITERATIONS", 200)),
    campaignCustomers: Math.ceil(numberFrom("BENCH_CAMPAIGN_CUSTOMERS", 5120) / 64) * 64,
    exportOrders: Math.round(numberFrom("BENCH_EXPORT_ORDERS", 100_000)),
    only: new Set(only),
    keepDatabases: process.env.BENCH_KEEP_DB === "1",
    wrkThreads: Math.round(numberFrom("BENCH_WRK_THREADS", 2)),
  };
}
