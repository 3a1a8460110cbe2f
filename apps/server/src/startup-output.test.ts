import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase } from "@confirma/db/testing";

/** What a first start prints: a short block for a person at a terminal, parseable lines otherwise. */
const MAIN = join(import.meta.dir, "main.ts");
const dataDirs: string[] = [];
const databases: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(databases.map((database) => database.close()));
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** The environment of a first start: a fresh data directory and, on PostgreSQL, a fresh database. */
async function firstStartEnv() {
  const dataDir = mkdtempSync(join(tmpdir(), "confirma-startup-"));
  dataDirs.push(dataDir);
  const database = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
  if (database) databases.push(database);
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "info",
    DATA_DIR: dataDir,
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  };
}

async function waitFor(condition: () => boolean, what: () => string, timeoutMs = 75_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; output so far:\n${what()}`);
    await Bun.sleep(50);
  }
}

test("on a terminal, a first start ends with the address to open, the admin's password and the key", async () => {
  let screen = "";
  const decoder = new TextDecoder();
  const child = Bun.spawn(["bun", MAIN], {
    env: await firstStartEnv(),
    terminal: { cols: 200, rows: 50, data: (_terminal, data) => void (screen += decoder.decode(data, { stream: true })) },
  });
  try {
    await waitFor(
      () => screen.includes('"msg":"listening"') || child.exitCode !== null,
      () => screen,
    );
    // The block follows the "listening" line at once.
    await waitFor(
      () => /integrations\.\r?\n/.test(screen.slice(screen.indexOf('"msg":"listening"'))),
      () => screen,
      5_000,
    ).catch(() => {});
    const text = screen.replace(/\r/g, "");
    const url = /"msg":"listening","url":"([^"]+)"/.exec(text)?.[1];
    expect(url).toBeDefined();
    const block = text.slice(text.indexOf("  Confirma is running"));
    expect(block).toStartWith(`  Confirma is running: open ${url}\n`);
    expect(block).toMatch(/\n {4}email: {5}admin@confirma\.local\n {4}password: {2}\S{12,}\n/);
    expect(block).toMatch(/\n {4}WHATSAPP_API_KEY=cfm_\S+\n/);
    // Said once, in the block, not also between the log lines.
    expect(text.match(/WHATSAPP_API_KEY=/g)).toHaveLength(1);
  } finally {
    child.kill("SIGTERM");
    await child.exited;
  }
}, 90_000);

/** Reads a stream as it comes; the function returns everything so far. */
function collect(stream: ReadableStream<Uint8Array>): () => string {
  let text = "";
  void (async () => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += decoder.decode(read.value, { stream: true });
  })();
  return () => text;
}

test("piped, every line on stdout is JSON and the key and password keep their own lines on stderr", async () => {
  const child = Bun.spawn(["bun", MAIN], { env: await firstStartEnv(), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  try {
    await waitFor(
      () => (stdout().includes('"msg":"listening"') && stderr().includes("password: ")) || child.exitCode !== null,
      () => stdout() + stderr(),
    );
  } finally {
    child.kill("SIGTERM");
  }
  expect(await child.exited).toBe(0);
  await Bun.sleep(100);
  const lines = stdout().split("\n").filter(Boolean);
  const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
  expect(messages).toEqual(expect.arrayContaining(["first admin created", "listening", "stopped"]));
  expect(stderr()).toMatch(/\n {2}WHATSAPP_API_KEY=cfm_\S+\n/);
  expect(stderr()).toMatch(/\n {2}password: \S{12,}\n/);
  expect(stdout() + stderr()).not.toContain("Confirma is running");
}, 90_000);
