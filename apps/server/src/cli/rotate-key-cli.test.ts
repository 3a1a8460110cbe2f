import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase } from "@confirma/db/testing";
import { spawnServer, type SpawnedServer } from "../testing/spawn-server.ts";
import { runCli, SPAWN, storedKey } from "./testing/cli-test-kit.ts";

/** `confirma rotate-key` while the server runs: the new key at once, the old one until its grace period ends. */
const dataDir = mkdtempSync(join(tmpdir(), "confirma-cli-rotate-"));
const postgres = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
const env = { DATA_DIR: dataDir, ...(postgres?.url ? { DATABASE_URL: postgres.url } : {}) };
let server: SpawnedServer | undefined;
afterAll(async () => {
  await server?.stop();
  await postgres?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function statusWith(key: string): Promise<number> {
  return (await fetch(`${server!.url}/api/clients?limit=1`, { headers: { "x-api-key": key } })).status;
}

/** Polls until `key` gets `status` (the server reads the key file at most once a second). */
async function eventually(key: string, status: number, timeoutMs = 5_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = await statusWith(key);
  while (last !== status && Date.now() < deadline) {
    await Bun.sleep(100);
    last = await statusWith(key);
  }
  return last;
}

test("the old key is accepted during the grace period and refused after it; the new one at once, without a restart", async () => {
  server = await spawnServer(env, SPAWN);
  const oldKey = await storedKey(dataDir);
  expect(await statusWith(oldKey)).toBe(200);

  const rotated = await runCli(["rotate-key", "--grace", "20s"], { env });
  expect(rotated.code).toBe(0);
  const newKey = /New integration key \(shown this once\): (\S+)/.exec(rotated.stdout)?.[1];
  expect(newKey).toStartWith("cfm_");
  expect(newKey).not.toBe(oldKey);
  expect(rotated.stderr).toContain("The previous key is accepted until");
  expect(statSync(join(dataDir, "secrets.json")).mode & 0o777).toBe(0o600);
  const { acceptedUntil } = JSON.parse(await Bun.file(join(dataDir, "secrets.json")).text()).previousKeys[0];

  expect(await eventually(newKey!, 200)).toBe(200);
  // Still inside the grace period: both keys work.
  expect(Date.now()).toBeLessThan(Date.parse(acceptedUntil));
  expect(await statusWith(oldKey)).toBe(200);

  // Past it: the old key is refused, the new one still works.
  await Bun.sleep(Math.max(0, Date.parse(acceptedUntil) - Date.now()) + 50);
  expect(await statusWith(oldKey)).toBe(401);
  expect(await statusWith(newKey!)).toBe(200);
}, 300_000);

test("--grace 0s refuses the old key at once", async () => {
  const before = await storedKey(dataDir);
  const rotated = await runCli(["rotate-key", "--grace", "0s"], { env });
  expect(rotated.code).toBe(0);
  expect(rotated.stderr).toContain("The previous key is refused from now on.");
  const newKey = await storedKey(dataDir);
  expect(await eventually(newKey, 200)).toBe(200);
  expect(await statusWith(before)).toBe(401);
}, 60_000);

test("rotate-key refuses a key set in the environment (1) and a bad grace period (2)", async () => {
  const fromEnvironment = await runCli(["rotate-key"], { env: { ...env, WHATSAPP_API_KEY: "a-key-of-the-environment-0123" } });
  expect(fromEnvironment.code).toBe(1);
  expect(fromEnvironment.stderr).toContain("WHATSAPP_API_KEY is set in the environment");
  expect(fromEnvironment.stderr).toContain("rotate it there");
  const badGrace = await runCli(["rotate-key", "--grace", "tomorrow"], { env });
  expect(badGrace.code).toBe(2);
  expect(badGrace.stderr).toContain("--grace must be a duration");
}, 60_000);
