import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

export interface SpawnedServer {
  url: string;
  process: Bun.Subprocess<"ignore", "pipe", "pipe">;
  /** Every line the server printed so far (stdout and stderr). */
  output: () => string;
  /** Sends a signal and waits for the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
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
 * Starts the real server (`bun src/main.ts`) on a free port and waits until it listens. A fresh
 * embedded database (initdb and migrations in WASM) takes 3–9 s on a quiet 2-core machine and
 * several times that while the browser tests run beside it: hence the long default wait.
 */
export async function spawnServer(env: Record<string, string | undefined>, { timeoutMs = 75_000 } = {}): Promise<SpawnedServer> {
  const child = Bun.spawn(["bun", MAIN], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", RATE_LIMIT_PER_IP: "0", ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const output = collectOutput(child);

  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url) {
    const match = /"msg":"listening","url":"([^"]+)"/.exec(output());
    if (match) url = match[1];
    else if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    else if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start within ${timeoutMs} ms:\n${output()}`);
    } else await Bun.sleep(50);
  }
  return {
    url: url!,
    process: child,
    output,
    async stop(signal = "SIGTERM") {
      child.kill(signal);
      return child.exited;
    },
  };
}
