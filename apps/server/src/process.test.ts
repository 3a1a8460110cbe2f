import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase } from "@confirma/db/testing";
import { spawnServer } from "./testing/spawn-server.ts";

/** The real process: start-up, generated key, restart persistence, graceful shutdown, bad configuration. */
const dataDir = mkdtempSync(join(tmpdir(), "confirma-process-"));
const database = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
const databaseEnv = database?.url ? { DATABASE_URL: database.url } : {};
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("data written survives a restart, the generated key is printed once and kept", async () => {
  const first = await spawnServer({ DATA_DIR: dataDir, ...databaseEnv });
  // The banner goes to stderr, which may arrive after the "listening" log line.
  for (let waited = 0; !first.output().includes("WHATSAPP_API_KEY=") && waited < 5_000; waited += 50) await Bun.sleep(50);
  const keyMatch = /WHATSAPP_API_KEY=(\S+)/.exec(first.output());
  expect(keyMatch).not.toBeNull();
  const key = keyMatch![1]!;
  expect(statSync(join(dataDir, "secrets.json")).mode & 0o777).toBe(0o600);

  const created = await fetch(`${first.url}/api/webhook/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key },
    body: JSON.stringify({ from: "33612345678@s.whatsapp.net", body: "Bonjour", type: "text", id: "persist-1" }),
  });
  expect(created.status).toBe(200);
  const { clientId } = (await created.json()) as { clientId: string };
  expect(await first.stop("SIGTERM")).toBe(0);
  expect(first.output()).toContain('"msg":"stopped"');

  const second = await spawnServer({ DATA_DIR: dataDir, ...databaseEnv });
  try {
    expect(second.output()).not.toContain("WHATSAPP_API_KEY=");
    const client = await fetch(`${second.url}/api/clients/${clientId}`, { headers: { "x-api-key": key } });
    expect(client.status).toBe(200);
    expect(await client.json()).toMatchObject({ id: clientId, phoneNumber: "+33612345678" });
    const messages = await fetch(`${second.url}/api/clients/${clientId}/messages`, { headers: { "x-api-key": key } });
    expect(((await messages.json()) as { items: unknown[] }).items).toHaveLength(1);
  } finally {
    expect(await second.stop("SIGINT")).toBe(0);
  }
}, 60_000);

test("health and readiness", async () => {
  const server = await spawnServer({ DATA_DIR: dataDir, ...databaseEnv });
  try {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: "ready" });
  } finally {
    await server.stop();
  }
}, 60_000);

test("a request in flight when SIGTERM arrives is finished before the process exits", async () => {
  const server = await spawnServer({ DATA_DIR: dataDir, ...databaseEnv });
  const key = /"whatsappApiKey": "([^"]+)"/.exec(await Bun.file(join(dataDir, "secrets.json")).text())![1]!;
  // A slow upload: the request is in flight while the signal arrives.
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new TextEncoder().encode('{"from":"33612345670@s.whatsapp.net",'));
      await Bun.sleep(400);
      controller.enqueue(new TextEncoder().encode('"body":"oui","type":"text","id":"inflight-1"}'));
      controller.close();
    },
  });
  const pending = fetch(`${server.url}/api/webhook/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key },
    body,
    duplex: "half",
  } as RequestInit);
  await Bun.sleep(150);
  const exited = server.stop("SIGTERM");
  const response = await pending;
  expect(response.status).toBe(200);
  expect(await exited).toBe(0);
}, 60_000);

test.each([
  [{ PORT: "http" }, "PORT"],
  [{ DEFAULT_COUNTRY: "France" }, "DEFAULT_COUNTRY"],
  [{ DEFAULT_CURRENCY: "euro" }, "DEFAULT_CURRENCY"],
  [{ DATABASE_URL: "mysql://localhost/x" }, "DATABASE_URL"],
  [{ WHATSAPP_API_KEY: "short" }, "WHATSAPP_API_KEY"],
  [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  [{ TRUST_PROXY: "127.0.0.1,nginx" }, "TRUST_PROXY"],
])("a bad configuration stops start-up with one line naming the variable (%p)", async (env, variable) => {
  const child = Bun.spawn(["bun", join(import.meta.dir, "main.ts")], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  expect(code).toBe(1);
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(variable);
});
