import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBenchDatabase } from "../lib/bench-database.ts";
import { freePort } from "../lib/free-port.ts";
import { readRssKb } from "../lib/rss-sampler.ts";
import { startServer } from "../lib/server-process.ts";

export interface StartSample {
  ms: number;
  idleRssKb: number;
}

/** Spawn → /readyz 200, with a fresh embedded database each time (migrations included), then a restart on it. */
export async function coldStartPglite(runs: number): Promise<{ fresh: StartSample[]; restart: StartSample[] }> {
  const fresh: StartSample[] = [];
  const restart: StartSample[] = [];
  for (let run = 0; run < runs; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), "confirma-bench-pglite-"));
    try {
      // cwd = the data folder: no .env from the repository can point this server at PostgreSQL.
      for (const samples of [fresh, restart]) {
        const server = await startServer({ DATA_DIR: dataDir }, { readyPath: "/readyz", cwd: dataDir });
        await Bun.sleep(500);
        samples.push({ ms: server.startMs, idleRssKb: await readRssKb(server.pid) });
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { fresh, restart };
}

/** Spawn → /readyz 200 on a fresh PostgreSQL database (migrations included), then a restart on it. */
export async function coldStartPostgres(pgUrl: string, runs: number): Promise<{ fresh: StartSample[]; restart: StartSample[] }> {
  const fresh: StartSample[] = [];
  const restart: StartSample[] = [];
  for (let run = 0; run < runs; run++) {
    const database = await createBenchDatabase(pgUrl, "start");
    try {
      for (const samples of [fresh, restart]) {
        const server = await startServer({ DATABASE_URL: database.url }, { readyPath: "/readyz" });
        await Bun.sleep(500);
        samples.push({ ms: server.startMs, idleRssKb: await readRssKb(server.pid) });
        await server.stop();
      }
    } finally {
      await database.drop();
    }
  }
  return { fresh, restart };
}

const HELLO = `Bun.serve({ hostname: "127.0.0.1", port: Number(process.env.PORT), fetch: () => new Response("ok") });`;

/** Baseline: a bare Bun.serve "hello" process, spawn → first 200, and its idle RSS. */
export async function bareBunStart(runs: number): Promise<StartSample[]> {
  const samples: StartSample[] = [];
  for (let run = 0; run < runs; run++) {
    const port = await freePort();
    const started = performance.now();
    const child = Bun.spawn(["bun", "-e", HELLO], { env: { PATH: process.env.PATH ?? "", PORT: String(port) }, stdout: "ignore", stderr: "ignore" });
    try {
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/`)
          .then((response) => response.ok)
          .catch(() => false);
        if (ok) break;
        if (performance.now() - started > 10_000) throw new Error("bare bun server did not start");
        await Bun.sleep(5);
      }
      const ms = performance.now() - started;
      await Bun.sleep(500);
      samples.push({ ms, idleRssKb: await readRssKb(child.pid) });
    } finally {
      child.kill("SIGTERM");
      await child.exited;
    }
  }
  return samples;
}
