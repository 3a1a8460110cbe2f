import { fileURLToPath } from "node:url";
import { collectOutput } from "../../apps/server/src/testing/spawn-server.ts";
import { freePort } from "./free-port.ts";

const MAIN = fileURLToPath(new URL("../../apps/server/src/main.ts", import.meta.url));

/** The fixed secrets every benchmark server runs with. */
export const BENCH_API_KEY = "cfm_bench_0123456789abcdef0123456789";
export const BENCH_APP_SECRET = "bench-meta-app-secret-0123456789";

export interface ServerProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn until `readyPath` answered 200. */
  startMs: number;
  output: () => string;
  stop: () => Promise<number | null>;
}

/**
 * Starts the real server (`bun apps/server/src/main.ts`) on 127.0.0.1 and a free port. With
 * LOG_LEVEL=warn it prints no "listening" line, so readiness is polled over HTTP.
 */
export async function startServer(
  env: Record<string, string>,
  { readyPath = "/healthz", timeoutMs = 60_000, bunArgs = [] as string[], cwd = undefined as string | undefined } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = Bun.spawn(["bun", ...bunArgs, MAIN], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/root",
      HOST: "127.0.0.1",
      PORT: String(port),
      WHATSAPP_API_KEY: BENCH_API_KEY,
      WHATSAPP_APP_SECRET: BENCH_APP_SECRET,
      ADMIN_EMAIL: "bench@confirma.local",
      ADMIN_PASSWORD: "bench-password-0123",
      LOG_LEVEL: "warn",
      // One load generator = one address: the per-address flood guard (default 100 req/s) would
      // answer 429 to nearly everything. Providers post from many addresses.
      RATE_LIMIT_PER_IP: "0",
      ...env,
    },
    ...(cwd ? { cwd } : {}),
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const output = collectOutput(child);

  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output()}`);
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not ready within ${timeoutMs} ms:\n${output()}`);
    }
    const ok = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(1000) })
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ok) break;
    await Bun.sleep(10);
  }
  const startMs = performance.now() - started;

  return {
    url,
    pid: child.pid,
    startMs,
    output,
    async stop() {
      child.kill("SIGTERM");
      const exited = await Promise.race([child.exited, Bun.sleep(10_000).then(() => "timeout" as const)]);
      if (exited === "timeout") {
        child.kill("SIGKILL");
        return child.exited;
      }
      return exited;
    },
  };
}
