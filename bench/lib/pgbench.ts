import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cpuBetween, cpuSnapshot } from "./cpu-snapshot.ts";
import { summarize } from "./stats.ts";

export const PGBENCH_SCRIPTS = fileURLToPath(new URL("../pgbench/", import.meta.url));

export interface PgbenchResult {
  script: string;
  connections: number;
  transactions: number;
  failed: number;
  tps: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
  machineCpuPercent: number;
  /** Processes neither ours nor PostgreSQL, in % of one core (other people's work), and the busiest. */
  othersCpuPercent: number;
  topOthers: string[];
  postgresCpuUsPerTransaction: number;
}

export interface PgbenchRun {
  url: string;
  script: string;
  connections: number;
  /** How long to run (`-T`); or, with `transactionsPerClient`, a fixed amount of work instead. */
  seconds?: number;
  /** Transactions each client runs (`-t`): the run ends when all are done. */
  transactionsPerClient?: number;
  variables: Record<string, string | number>;
}

/**
 * `pgbench -n -M prepared -f <script> -c N -j 2 -T secs` (or `-t` transactions per client),
 * prepared statements like postgres.js, with a per-transaction log (`-l`) for exact latency percentiles.
 */
export async function runPgbench({ url, script, connections, seconds, transactionsPerClient, variables }: PgbenchRun): Promise<PgbenchResult> {
  const logDir = mkdtempSync(join(tmpdir(), "confirma-pgbench-"));
  try {
    const length = transactionsPerClient !== undefined ? ["-t", String(transactionsPerClient)] : ["-T", String(seconds ?? 10)];
    const args = [
      "pgbench",
      "-n",
      "-M",
      "prepared",
      "-f",
      script.startsWith("/") ? script : `${PGBENCH_SCRIPTS}${script}`,
      "-c",
      String(connections),
      "-j",
      "2",
      ...length,
    ];
    for (const [name, value] of Object.entries(variables)) args.push("-D", `${name}=${value}`);
    args.push("-l", "--log-prefix", join(logDir, "tx"), url);
    const before = await cpuSnapshot();
    const child = Bun.spawn(args, { stdout: "pipe", stderr: "pipe", cwd: logDir });
    const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    const cpu = cpuBetween(before, await cpuSnapshot(), [child.pid]);
    const output = `${stdout}\n${stderr}`;
    if (code !== 0) throw new Error(`pgbench ${script} -c ${connections} failed (exit ${code}):\n${output}`);
    const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? Number.NaN);
    // Log lines: client_id transaction_no latency_us script_no epoch epoch_us
    const latencies: number[] = [];
    for (const file of readdirSync(logDir)) {
      const text = await Bun.file(join(logDir, file)).text();
      for (const line of text.split("\n")) {
        const latencyUs = Number(line.split(" ")[2]);
        if (line && Number.isFinite(latencyUs)) latencies.push(latencyUs / 1000);
      }
    }
    const summary = summarize(latencies);
    const transactions = number(/number of transactions actually processed: (\d+)/);
    return {
      script,
      connections,
      transactions,
      machineCpuPercent: cpu.machinePercent,
      othersCpuPercent: cpu.othersPercent,
      topOthers: cpu.topOthers,
      postgresCpuUsPerTransaction: (cpu.postgresSeconds * 1e6) / Math.max(1, transactions),
      failed: number(/number of failed transactions: (\d+)/) || 0,
      tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
      latencyMs: { p50: summary.p50, p99: summary.p99, max: summary.max, mean: summary.mean },
    };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}
