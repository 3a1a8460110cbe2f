import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, webhookReceipts } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { spawnServer } from "../testing/spawn-server.ts";
import { runCli, SPAWN } from "./testing/cli-test-kit.ts";

/** `confirma prune`: what it would delete, what it deletes, and when it refuses. */
const dataDir = mkdtempSync(join(tmpdir(), "confirma-cli-prune-"));
const postgres = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
const env = { DATA_DIR: dataDir, ...(postgres?.url ? { DATABASE_URL: postgres.url } : {}) };
afterAll(async () => {
  await postgres?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>): Promise<T> {
  const database = await openDatabase(postgres?.url ? { databaseUrl: postgres.url, poolSize: 1 } : { dataDir });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

async function receiptIds(): Promise<string[]> {
  return withDb(async (db) => (await db.select({ id: webhookReceipts.providerMessageId }).from(webhookReceipts)).map((row) => row.id).sort());
}

test("--dry-run says what would go and deletes nothing; prune deletes only what is past its retention", async () => {
  await withDb((db) =>
    db.insert(webhookReceipts).values([
      { provider: "meta", providerMessageId: "wamid.old", receivedAt: new Date(Date.now() - 31 * 86_400_000) },
      { provider: "meta", providerMessageId: "wamid.retry-window", receivedAt: new Date(Date.now() - 7 * 86_400_000) },
      { provider: "meta", providerMessageId: "wamid.new", receivedAt: new Date() },
    ]),
  );
  const dry = await runCli(["prune", "--dry-run"], { env });
  expect(dry.stderr).toContain("Dry run:");
  expect(dry.code).toBe(0);
  expect(dry.stdout).toMatch(/^webhook receipts: 1 would be deleted \(older than \d{4}-\d\d-\d\dT/m);
  expect(dry.stdout).toContain("message bodies (customers without open orders): kept (no retention period)");
  expect(await receiptIds()).toEqual(["wamid.new", "wamid.old", "wamid.retry-window"]);

  const real = await runCli(["prune"], { env });
  expect(real.code).toBe(0);
  expect(real.stdout).toMatch(/^webhook receipts: 1 deleted/m);
  expect(real.stderr).toMatch(/Pruned \d+ records\./);
  expect(await receiptIds()).toEqual(["wamid.new", "wamid.retry-window"]);

  // The shortest retention allowed still keeps Meta's 7 days of retries.
  const shortest = await runCli(["prune"], { env: { ...env, RETENTION_WEBHOOK_RECEIPTS: "8d" } });
  expect(shortest.code).toBe(0);
  expect(await receiptIds()).toEqual(["wamid.new", "wamid.retry-window"]);
}, 200_000);

test("refusals: a retention shorter than the provider's retries, a bad duration, an unknown option", async () => {
  const short = await runCli(["prune"], { env: { ...env, RETENTION_WEBHOOK_RECEIPTS: "7d" } });
  expect(short.code).toBe(1);
  expect(short.stderr.trim()).toBe("confirma prune: configuration error: RETENTION_WEBHOOK_RECEIPTS must be at least 8d (got 7d)");
  const bad = await runCli(["prune"], { env: { ...env, RETENTION_AUDIT: "forever" } });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("RETENTION_AUDIT must be a duration such as 30d or 365d, or off");
  const unknown = await runCli(["prune", "--force"], { env });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("unknown option '--force'");
  const help = await runCli(["prune", "--help"], { env });
  expect(help.code).toBe(0);
  expect(help.stdout).toStartWith("usage: confirma prune [--dry-run]");
  expect(await receiptIds()).toEqual(["wamid.new", "wamid.retry-window"]);
}, 200_000);

test.skipIf(postgres !== undefined)(
  "the embedded database is refused while the server holds DATA_DIR",
  async () => {
    const server = await spawnServer({ ...env, LOG_LEVEL: "warn" }, SPAWN);
    try {
      const busy = await runCli(["prune", "--dry-run"], { env });
      expect(busy.code).toBe(1);
      expect(busy.stderr).toStartWith("confirma prune: ");
      expect(busy.stderr).toContain("DATA_DIR");
    } finally {
      await server.stop();
    }
  },
  200_000,
);
