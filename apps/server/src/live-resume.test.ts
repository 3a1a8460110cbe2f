import { afterAll, expect, test } from "bun:test";
import { openDatabase, recordChanges, type Database } from "@confirma/db";
import { openTestApp } from "./testing/test-app.ts";

/**
 * Resuming the live feed with the last event id while many writers commit: a transaction that
 * took a lower id but commits later must still reach a subscriber that went away and came back.
 */
const t = await openTestApp();
/** PostgreSQL: a pool of its own, so transactions really overlap. PGlite has one connection: they queue. */
const writers = t.database.url ? await openDatabase({ databaseUrl: t.database.url, poolSize: 24, migrate: false }) : undefined;
afterAll(async () => {
  await writers?.close();
  await t.close();
});

function callerWith(signal: AbortSignal) {
  return t.caller({ actor: { type: "api_key", id: "integration" }, signal });
}

/** Subscribes from `lastEventId` until `until` settles, adding what arrives to `received`; returns the last event id given. */
async function listen(lastEventId: string | undefined, received: Set<string>, until: Promise<unknown>): Promise<string | undefined> {
  const controller = new AbortController();
  const stopped = until.then(() => ({ done: true as const, value: undefined }));
  const iterable = await callerWith(controller.signal).events.onChange(lastEventId ? { lastEventId } : {});
  const iterator = iterable[Symbol.asyncIterator]();
  let last = lastEventId;
  try {
    for (;;) {
      const step = await Promise.race([iterator.next(), stopped]);
      if (step.done) break;
      const [id, event] = step.value as unknown as [string, { entityId: string }];
      received.add(event.entityId);
      last = id;
    }
  } finally {
    controller.abort();
    await iterator.return?.(undefined);
  }
  return last;
}

async function write(db: Database, entityId: string, holdMs: number) {
  await db.transaction(async (tx) => {
    await recordChanges(tx, [{ entity: "message", entityId, action: "created" }]);
    if (holdMs > 0) await Bun.sleep(holdMs);
  });
}

async function until(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await Bun.sleep(20);
}

test("a subscriber that keeps reconnecting with its last event id receives every committed change", async () => {
  const db = writers?.db ?? t.db;
  const received = new Set<string>();
  const committed = new Set<string>();

  // A first subscription, to have an id to resume from.
  const first = listen(
    undefined,
    received,
    until(() => received.has("start"), 10_000),
  );
  await Bun.sleep(200);
  await write(db, "start", 0);
  let lastEventId = await first;
  expect(lastEventId).toBeDefined();

  // 24 writers while the subscriber reconnects (at least 10 times and 3 s, at most 20 s); one
  // transaction in six holds its id for 50–400 ms before committing.
  let writing = true;
  const writersDone = Promise.all(
    Array.from({ length: 24 }, async (_, writer) => {
      for (let n = 0; writing; n++) {
        const entityId = `w${writer}-${n}`;
        const holdMs = Math.random() < 1 / 6 ? 50 + Math.random() * 350 : Math.random() * 5;
        await write(db, entityId, t.database.kind === "pglite" ? Math.min(holdMs, 5) : holdMs);
        committed.add(entityId);
      }
    }),
  );
  const started = Date.now();
  let reconnects = 0;
  while ((reconnects < 10 || Date.now() - started < 3_000) && Date.now() - started < 20_000) {
    lastEventId = await listen(lastEventId, received, Bun.sleep(30 + Math.random() * 200));
    reconnects++;
  }
  writing = false;
  await writersDone;
  // Once every writer has committed, one more resume must bring whatever is still missing.
  lastEventId = await listen(
    lastEventId,
    received,
    until(() => [...committed].every((id) => received.has(id)), 15_000),
  );

  const missed = [...committed].filter((id) => !received.has(id));
  expect(reconnects).toBeGreaterThanOrEqual(10);
  expect(committed.size).toBeGreaterThan(50);
  expect({ missed: missed.length, of: committed.size, sample: missed.slice(0, 5) }).toEqual({ missed: 0, of: committed.size, sample: [] });
}, 60_000);
