import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const WRK_SCRIPTS = fileURLToPath(new URL("../wrk/", import.meta.url));

/** Installs Debian's wrk when it is missing (as `.ci/run` does for Chromium). */
export function ensureWrk(): void {
  if (Bun.which("wrk")) return;
  console.log("bench: wrk is missing; installing it from Debian (apt-get install -y wrk)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => Bun.spawnSync(["apt-get", "install", "-y", "-qq", "wrk"], { env, stdout: "inherit", stderr: "inherit" }).exitCode;
  if (install() !== 0) {
    Bun.spawnSync(["apt-get", "update", "-qq"], { env, stdout: "inherit", stderr: "inherit" });
    if (install() !== 0 || !Bun.which("wrk")) throw new Error("could not install wrk (apt-get install -y wrk)");
  }
}

export interface WrkResult {
  /** Responses received (any status). */
  requests: number;
  /** Requests the Lua script built (sent or about to be): at most `connections` more than answered. */
  sent: number;
  ok200: number;
  non2xx: number;
  /** Bodies re-sent because the pre-generated file ran out (duplicates on purpose). */
  wraps: number;
  errors: { connect: number; read: number; write: number; timeout: number };
  durationS: number;
  /** CPU seconds wrk itself used (the load generator shares the machine). */
  cpuSeconds: number;
  pids: number[];
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

export interface WrkRun {
  script: string;
  url: string;
  connections: number;
  /** The run's length; with `doneDir`, its upper bound. */
  seconds: number;
  threads: number;
  env?: Record<string, string>;
  /**
   * For a script that sends a fixed number of requests (`campaign-webhook.lua`): the folder where
   * each thread writes `done-<tid>` once all its answers are in. wrk itself always sleeps for its
   * whole duration; when every thread is done it is interrupted (SIGINT), which ends the sleep,
   * so the run lasts as long as the work (plus up to `DONE_POLL_MS`).
   */
  doneDir?: string;
}

const DONE_POLL_MS = 10;

/** Interrupts wrk once every thread has written its marker in `dir`; stops when wrk exits. */
async function interruptWhenDone(child: Bun.Subprocess, dir: string, threads: number): Promise<void> {
  while (child.exitCode === null && child.signalCode === null) {
    const done = readdirSync(dir).filter((name) => name.startsWith("done-")).length;
    if (done >= threads) {
      child.kill("SIGINT");
      return;
    }
    await Bun.sleep(DONE_POLL_MS);
  }
}

/** Runs wrk with one of `bench/wrk/*.lua`; its `done()` prints one `BENCH_WRK {json}` line. */
export async function runWrk({ script, url, connections, seconds, threads, env = {}, doneDir }: WrkRun): Promise<WrkResult> {
  const wrkThreads = Math.min(threads, connections);
  const child = Bun.spawn(["wrk", `-t${wrkThreads}`, `-c${connections}`, `-d${seconds}s`, "--timeout", "10s", "-s", `${WRK_SCRIPTS}${script}`, url], {
    env: { ...process.env, ...env, BENCH_WRK_THREADS_USED: String(wrkThreads), ...(doneDir ? { BENCH_DONE_DIR: doneDir } : {}) },
    stdout: "pipe",
    stderr: "pipe",
  });
  const watcher = doneDir ? interruptWhenDone(child, doneDir, wrkThreads) : Promise.resolve();
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited, watcher]);
  const line = stdout.split("\n").find((candidate) => candidate.startsWith("BENCH_WRK "));
  const cpuSeconds = Number(child.resourceUsage()?.cpuTime.total ?? 0) / 1e6;
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}):\n${stdout}\n${stderr}`);
  const raw = JSON.parse(line.slice("BENCH_WRK ".length)) as {
    requests: number;
    sent: number;
    ok200: number;
    non2xx: number;
    wraps: number;
    duration_us: number;
    errors: WrkResult["errors"];
    latency_us: { p50: number; p90: number; p99: number; max: number; mean: number };
  };
  const durationS = raw.duration_us / 1e6;
  const toMs = (us: number) => us / 1000;
  return {
    requests: raw.requests,
    sent: raw.sent,
    ok200: raw.ok200,
    non2xx: raw.non2xx,
    wraps: raw.wraps,
    errors: raw.errors,
    durationS,
    cpuSeconds,
    pids: [child.pid],
    rps: raw.requests / durationS,
    latencyMs: {
      p50: toMs(raw.latency_us.p50),
      p90: toMs(raw.latency_us.p90),
      p99: toMs(raw.latency_us.p99),
      max: toMs(raw.latency_us.max),
      mean: toMs(raw.latency_us.mean),
    },
  };
}
