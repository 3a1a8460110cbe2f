import { readdirSync } from "node:fs";

const TICKS_PER_SECOND = 100;

interface ProcessTicks {
  name: string;
  /** utime + stime */
  own: number;
  /** cutime + cstime: CPU of children it has reaped (the postmaster's exited backends). */
  children: number;
  start: number;
}

export interface CpuSnapshot {
  at: number;
  /** Busy CPU ticks of the whole machine (all cores), from /proc/stat. */
  machineBusy: number;
  /** Of which interrupt handling (irq + softirq: loopback TCP, mostly), attributed to no process. */
  machineIrq: number;
  processes: Map<number, ProcessTicks>;
}

async function machineTicks(): Promise<{ busy: number; irq: number }> {
  // user nice system idle iowait irq softirq steal
  const fields = (await Bun.file("/proc/stat").text()).split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: fields.reduce((sum, value) => sum + value, 0) - idle, irq: (fields[5] ?? 0) + (fields[6] ?? 0) };
}

async function processTicks(): Promise<Map<number, ProcessTicks>> {
  const processes = new Map<number, ProcessTicks>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await Bun.file(`/proc/${entry}/stat`).text();
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      processes.set(Number(entry), {
        name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
        own: Number(fields[11]) + Number(fields[12]),
        children: Number(fields[13]) + Number(fields[14]),
        start: Number(fields[19]),
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return processes;
}

export async function cpuSnapshot(): Promise<CpuSnapshot> {
  const [machine, processes] = await Promise.all([machineTicks(), processTicks()]);
  return { at: performance.now(), machineBusy: machine.busy, machineIrq: machine.irq, processes };
}

export interface CpuUse {
  /** Machine busy, in % of one core (200% = both cores of a 2-core machine). */
  machinePercent: number;
  /** PostgreSQL processes' CPU seconds over the interval (exited backends through the postmaster). */
  postgresSeconds: number;
  /** Processes that are neither ours nor PostgreSQL (other people's tests…), in % of one core. */
  othersPercent: number;
  /** The busiest of them: `name percent`. */
  topOthers: string[];
}

/**
 * CPU between two snapshots, per process: PostgreSQL (every database's backends — another user's
 * database load lands here), everything that is not ours (`ours`: the benchmark's own pids), and
 * the machine as a whole. Processes that started and ended in between are missed.
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot, ours: number[] = []): CpuUse {
  const seconds = Math.max(0.001, (after.at - before.at) / 1000);
  const mine = new Set([process.pid, process.ppid, ...ours]);
  let postgres = 0;
  const others = new Map<string, number>();
  for (const [pid, now] of after.processes) {
    const then = before.processes.get(pid);
    const same = then && then.start === now.start;
    const own = now.own - (same ? then.own : 0);
    if (now.name === "postgres") {
      postgres += own + now.children - (same ? then.children : 0);
    } else if (!mine.has(pid) && own > 0) {
      others.set(now.name, (others.get(now.name) ?? 0) + own);
    }
  }
  const percent = (ticks: number) => (100 * ticks) / TICKS_PER_SECOND / seconds;
  const othersTicks = [...others.values()].reduce((sum, ticks) => sum + ticks, 0);
  return {
    machinePercent: percent(after.machineBusy - before.machineBusy),
    postgresSeconds: postgres / TICKS_PER_SECOND,
    othersPercent: percent(othersTicks),
    topOthers: [...others.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .filter(([, ticks]) => percent(ticks) >= 1)
      .map(([name, ticks]) => `${name} ${percent(ticks).toFixed(0)}%`),
  };
}
