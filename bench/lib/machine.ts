import { availableParallelism, loadavg } from "node:os";
import { withSql } from "./bench-database.ts";
import { cpuBetween, cpuSnapshot } from "./cpu-snapshot.ts";

function run(command: string[]): string {
  const result = Bun.spawnSync(command, { stdout: "pipe", stderr: "pipe" });
  return result.stdout.toString().trim();
}

/** The machine the figures were taken on: cores, memory, CPU, PostgreSQL, Bun, wrk. */
export async function describeMachine(pgUrl: string): Promise<string[]> {
  const cpuinfo = await Bun.file("/proc/cpuinfo").text();
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? "unknown";
  const postgresVersion = await withSql(`${pgUrl}/postgres`, async (sql) => {
    const [row] = await sql<{ version: string }[]>`select version()`;
    const settings = await sql<{ name: string; setting: string; unit: string | null }[]>`
      select name, setting, unit from pg_settings
      where name in ('shared_buffers', 'synchronous_commit', 'max_connections', 'work_mem', 'jit')
      order by name`;
    const described = settings.map((s) => `${s.name}=${s.name === "shared_buffers" ? `${(Number(s.setting) * 8) / 1024}MB` : `${s.setting}${s.unit ?? ""}`}`);
    return `${row?.version.split(",")[0] ?? "unknown"} (${described.join(", ")})`;
  });
  return [
    `nproc: ${run(["nproc"])} (availableParallelism ${availableParallelism()})`,
    `cpu: ${model}`,
    ...run(["free", "-h"])
      .split("\n")
      .map((line) => `free -h | ${line}`),
    `postgres: ${postgresVersion}`,
    `bun: ${Bun.version}`,
    `wrk: ${Bun.which("wrk") ? (run(["wrk", "--version"]).split("\n")[0]?.split(" Copyright")[0] ?? "missing") : "missing"}`,
    `pgbench: ${run(["pgbench", "--version"])}`,
  ];
}

export interface Quietness {
  uptime: string;
  /** CPU used by others (PostgreSQL included) while this benchmark was idle, in % of one core. */
  othersCpuPercent: number;
  disturbed: boolean;
}

/**
 * `uptime`, then one second of doing nothing while measuring every process's CPU: whatever is
 * busy then is someone else (other people's tests, their databases) and will disturb the next
 * figures. PostgreSQL's autovacuum after our own loads shows here too.
 */
export async function checkQuiet(label: string): Promise<Quietness> {
  const before = await cpuSnapshot();
  await Bun.sleep(1000);
  const use = cpuBetween(before, await cpuSnapshot());
  const postgresPercent = (100 * use.postgresSeconds) / 1;
  const othersCpuPercent = use.othersPercent + postgresPercent;
  const uptime = run(["uptime"]);
  const disturbed = othersCpuPercent > 15;
  const top = [...use.topOthers, ...(postgresPercent >= 1 ? [`postgres ${postgresPercent.toFixed(0)}%`] : [])];
  console.log(
    `[${label}] ${uptime} | others' CPU while idle: ${othersCpuPercent.toFixed(0)}%${top.length ? ` (${top.join(", ")})` : ""}${disturbed ? "  <-- DISTURBED: someone else is using the machine, figures below are pessimistic" : ""}`,
  );
  return { uptime, othersCpuPercent, disturbed };
}

export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}
