import type { BenchConfig } from "./bench-config.ts";

/** What the benchmarks share: the configuration, broken things found, and figures for later tables. */
export interface BenchContext {
  config: BenchConfig;
  /** Something broken (rows missing or duplicated, errors): makes `bun run bench` exit 1. */
  fail: (message: string) => void;
  failures: string[];
  /** Figures one benchmark measured that another one reports next to its own. */
  shared: {
    metaSingleRps?: number;
    rss?: { idleKb: number; peak8Kb: number; peak64Kb: number; afterKb: number };
  };
}

export function createBenchContext(config: BenchConfig): BenchContext {
  const failures: string[] = [];
  return {
    config,
    failures,
    fail(message) {
      failures.push(message);
      console.log(`  BROKEN: ${message}`);
    },
    shared: {},
  };
}
