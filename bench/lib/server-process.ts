import { spawnServer } from "@confirma/server/testing";

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
  const server = await spawnServer(
    {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/root",
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
    { readyPath, timeoutMs, bunArgs, ...(cwd ? { cwd } : {}) },
  );

  return {
    url: server.url,
    pid: server.pid,
    startMs: server.startMs,
    output: server.output,
    async stop() {
      const exited = await Promise.race([server.stop("SIGTERM"), Bun.sleep(10_000).then(() => "timeout" as const)]);
      if (exited === "timeout") return server.stop("SIGKILL");
      return exited;
    },
  };
}
