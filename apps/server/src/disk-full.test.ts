import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { messages } from "@confirma/db";
import { eq, sql } from "drizzle-orm";
import { openTestApp, type TestApp } from "./testing/test-app.ts";

/** A full disk: writes refused with a clear 503 before the embedded database meets it, and the database's own disk-full error mapped. */
const dataDir = mkdtempSync(join(tmpdir(), "confirma-disk-"));
const apps: TestApp[] = [];
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  rmSync(dataDir, { recursive: true, force: true });
});
async function open(env: Record<string, string>) {
  const app = await openTestApp({ DATA_DIR: dataDir, ...env });
  apps.push(app);
  return app;
}
const delivery = (id: string) => ({ from: "33612340002", body: "bonjour", type: "text", id });

describe("free space below MIN_FREE_SPACE", async () => {
  // More than any disk has: the margin is not met.
  const t = await open({ MIN_FREE_SPACE: "1000000GB" });

  test("a webhook delivery answers 503 unavailable saying the disk is almost full, and nothing is stored", async () => {
    const answer = await t.call("POST", "/api/webhook/whatsapp", delivery("disk-low-1"));
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe("unavailable");
    expect(answer.body.error.message).toContain("disk holding the data is almost full");
    expect(answer.headers.get("retry-after")).toBeTruthy();
    expect(await t.db.select().from(messages).where(eq(messages.providerMessageId, "disk-low-1"))).toEqual([]);
  });

  test("other changes are refused the same way, reads still answer", async () => {
    const created = await t.call("POST", "/api/orders", {
      clientId: "00000000-0000-0000-0000-000000000000",
      products: [{ id: "p1", name: "Lampe", price: 10, quantity: 1 }],
    });
    expect(created.status).toBe(503);
    expect(created.body.error.message).toContain("almost full");
    expect((await t.call("GET", "/api/clients")).status).toBe(200);
  });

  test("/readyz says not ready, /healthz still alive", async () => {
    const ready = await t.call("GET", "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.error.message).toContain("almost full");
    expect((await t.call("GET", "/healthz")).status).toBe(200);
  });
});

test("with room above the margin, deliveries are stored and the server is ready", async () => {
  const t = await open({ MIN_FREE_SPACE: "1MB" });
  expect((await t.call("POST", "/api/webhook/whatsapp", delivery("disk-ok-1"))).status).toBe(200);
  expect((await t.call("GET", "/readyz")).status).toBe(200);
});

test("the database's own disk-full error (SQLSTATE 53100) answers 503 unavailable with a clear message and makes /readyz not ready", async () => {
  const t = await open({ MIN_FREE_SPACE: "0" });
  // The database fails a write the way a full disk does.
  await t.db.execute(sql`create function fail_disk_full() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file "base/5/16384": No space left on device' using errcode = 'disk_full'; end $$`);
  await t.db.execute(sql`create trigger fail_disk_full before insert on webhook_receipts for each row execute function fail_disk_full()`);
  try {
    for (const body of ["bonjour", "oui"]) {
      const answer = await t.call("POST", "/api/webhook/whatsapp", { ...delivery(`disk-full-${body}`), body });
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe("unavailable");
      expect(answer.body.error.message).toContain("disk is full");
    }
    const ready = await t.call("GET", "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.error.message).toContain("disk");
  } finally {
    await t.db.execute(sql`drop trigger fail_disk_full on webhook_receipts`);
  }
});
