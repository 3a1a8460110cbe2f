import { afterAll, expect, test } from "bun:test";
import { messages } from "@confirma/db";
import { eq, sql } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

/** REQUEST_TIMEOUT: a request that cannot finish in time answers 503 and stores nothing; one that committed answers what it did. */
const t = await openTestApp({ REQUEST_TIMEOUT: "1s" });
afterAll(() => t.close());

const deliver = (id: string, body: string, from = "33612340001") =>
  t.call("POST", "/api/webhook/whatsapp", { from, body, type: "text", id }).then((result) => ({ ...result, at: performance.now() }));
/** A sender known by an opaque identity only: its messages take the step-by-step transaction. */
const LINKED_DEVICE = "203948571234567@lid";
const stored = async (id: string) => (await t.db.select({ id: messages.id }).from(messages).where(eq(messages.providerMessageId, id))).length;

/**
 * Keeps the receipts table locked for `ms`, as a stalled database would: every delivery waits.
 * Resolves once the lock is held (an async function returning `done` itself would only resolve
 * when the stall is over), so a delivery sent next is sure to wait.
 */
async function stallWrites(ms: number): Promise<{ done: Promise<void> }> {
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = t.db.transaction(async (tx) => {
    await tx.execute(sql`lock table webhook_receipts in exclusive mode`);
    locked();
    await Bun.sleep(ms);
  });
  await isLocked;
  return { done };
}

test("a delivery stalled past REQUEST_TIMEOUT answers 503 in time and is not stored, even when the database comes back; its retry stores it once", async () => {
  const started = performance.now();
  const stall = await stallWrites(3_000);
  // A sender with an opaque identity takes the step-by-step transaction.
  const answer = await deliver("deadline-reply-1", "oui", LINKED_DEVICE);
  expect(answer.status).toBe(503);
  expect(answer.body.error.code).toBe("unavailable");
  expect(answer.body.error.message).toContain("nothing was stored");
  expect(answer.headers.get("retry-after")).toBe("5");
  expect(answer.at - started).toBeLessThan(2_800);
  await stall.done;
  // The transaction went on once the table was free, and rolled back instead of committing.
  await Bun.sleep(300);
  expect(await stored("deadline-reply-1")).toBe(0);

  // The retry may itself miss the short deadline on a busy machine: the provider retries again.
  let retried = await deliver("deadline-reply-1", "oui", LINKED_DEVICE);
  for (let attempt = 0; retried.status === 503 && attempt < 10; attempt++) retried = await deliver("deadline-reply-1", "oui", LINKED_DEVICE);
  expect(retried.status).toBe(200);
  expect(await stored("deadline-reply-1")).toBe(1);
});

test("a delivery whose statement was already sent when the deadline passed answers its real outcome: stored, 200", async () => {
  const stall = await stallWrites(2_400);
  // A chat message and an answer go into the shared one-statement writes, sent before the deadline.
  const [chat, answer] = await Promise.all([deliver("deadline-plain-1", "bonjour"), deliver("deadline-answer-1", "oui je confirme", "33612340002")]);
  await stall.done;
  expect([chat.status, answer.status]).toEqual([200, 200]);
  expect(await stored("deadline-plain-1")).toBe(1);
  expect(await stored("deadline-answer-1")).toBe(1);
});

test("a request that finishes in time is not affected", async () => {
  const answer = await deliver("deadline-fast-1", "oui");
  expect(answer.status).toBe(200);
  expect(await stored("deadline-fast-1")).toBe(1);
});
