import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

export interface SpawnedServer {
  url: string;
  pid: number;
  process: Bun.Subprocess<"ignore", "pipe", "pipe">;
  /** Milliseconds from spawn until the server was ready. */
  startMs: number;
  /** Every line the server printed so far (stdout and stderr). */
  output: () => string;
  /** Sends a signal and waits for the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export interface SpawnOptions {
  /** How long to wait for the server to be ready before killing it. */
  timeoutMs?: number;
  /**
   * Ready when this path answers 200 (polled every 10 ms) rather than when the "listening" line
   * is printed, which a LOG_LEVEL above info hides. The port must be known in advance: a free
   * one is picked unless `env.PORT` names one.
   */
  readyPath?: string;
  /** Flags for `bun` before the entry point (`--cpu-prof`…). */
  bunArgs?: string[];
  /** The server's working directory (where it would read a `.env`). */
  cwd?: string;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

/** Gathers a child's stdout and stderr as they come; the function returns everything so far. */
export function collectOutput(child: { stdout: ReadableStream<Uint8Array>; stderr: ReadableStream<Uint8Array> }): () => string {
  let text = "";
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  };
  void pump(child.stdout);
  void pump(child.stderr);
  return () => text;
}

/**
 * Starts the real server (`bun src/main.ts`) on 127.0.0.1 and waits until it is ready. A fresh
 * embedded database (initdb and migrations in WASM) takes 3–9 s on a quiet 2-core machine and
 * several times that while the browser tests run beside it: hence the long default wait. Tests,
 * the dashboard's browser tests and the benchmarks all start the server here.
 */
export async function spawnServer(
  env: Record<string, string | undefined>,
  { timeoutMs = 75_000, readyPath, bunArgs = [], cwd }: SpawnOptions = {},
): Promise<SpawnedServer> {
  const port = readyPath && (env.PORT === undefined || env.PORT === "0") ? String(freePort()) : undefined;
  const started = performance.now();
  const child = Bun.spawn(["bun", ...bunArgs, MAIN], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      RATE_LIMIT_PER_IP: "0",
      ...env,
      ...(port ? { PORT: port } : {}),
    },
    ...(cwd ? { cwd } : {}),
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const output = collectOutput(child);

  const url = readyPath
    ? await readyOverHttp(child, output, `http://127.0.0.1:${port ?? env.PORT}`, readyPath, timeoutMs)
    : await listeningLine(child, output, timeoutMs);
  return {
    url,
    pid: child.pid,
    process: child,
    startMs: performance.now() - started,
    output,
    async stop(signal = "SIGTERM") {
      child.kill(signal);
      return child.exited;
    },
  };
}

type Child = Bun.Subprocess<"ignore", "pipe", "pipe">;

/** Waits for the "listening" log line and returns the URL it names. */
async function listeningLine(child: Child, output: () => string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /"msg":"listening","url":"([^"]+)"/.exec(output());
    if (match) return match[1]!;
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start within ${timeoutMs} ms:\n${output()}`);
    }
    await Bun.sleep(50);
  }
}

/** Polls `url + readyPath` until it answers 200; returns `url`. */
async function readyOverHttp(child: Child, output: () => string, url: string, readyPath: string, timeoutMs: number): Promise<string> {
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
    if (ok) return url;
    await Bun.sleep(10);
  }
}
