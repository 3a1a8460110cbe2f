import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "./database.ts";
import { clients } from "./schema.ts";
import { openTestDatabase } from "./testing.ts";

const handle = await openTestDatabase();
afterAll(() => handle.close());

test("migrations apply and the schema is usable", async () => {
  const [row] = await handle.db.insert(clients).values({ phoneNumber: "+33612345678" }).returning();
  expect(row?.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(row?.status).toBe("pending");
});

test("one phone number is one client, enforced by the database", async () => {
  await handle.db.insert(clients).values({ phoneNumber: "+33700000001" });
  await expect(async () => {
    await handle.db.insert(clients).values({ phoneNumber: "+33700000001" });
  }).toThrow();
});

test("embedded data survives closing and reopening", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "confirma-db-"));
  try {
    const first = await openDatabase({ dataDir });
    await first.db.insert(clients).values({ phoneNumber: "+33611111111", name: "Persistante" });
    await first.close();
    const second = await openDatabase({ dataDir });
    const rows = await second.db.select().from(clients).where(eq(clients.phoneNumber, "+33611111111"));
    await second.close();
    expect(rows.map((row) => row.name)).toEqual(["Persistante"]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Two embedded databases created from scratch (initdb and migrations in WASM): over a minute
  // on a busy machine.
}, 180_000);
