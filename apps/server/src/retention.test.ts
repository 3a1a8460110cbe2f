import { afterAll, expect, test } from "bun:test";
import { DEFAULT_RETENTION, pruneExpired, type RetentionPolicy } from "@confirma/api";
import { auditEvents, changeEvents, messages, outboundDeliveries, outboundWebhooks, recordChanges, webhookReceipts } from "@confirma/db";
import { count, eq, inArray } from "drizzle-orm";
import { loadConfig, retentionPolicy } from "./config/config.ts";
import { openTestApp } from "./testing/test-app.ts";

/** Pruning removes only what its retention no longer keeps: a retry and a resuming dashboard find what they need. */
const t = await openTestApp();
afterAll(() => t.close());

const DAY = 86_400_000;
const policy: RetentionPolicy = { ...DEFAULT_RETENTION };

async function receiptsOf(id: string): Promise<number> {
  const [row] = await t.db.select({ n: count() }).from(webhookReceipts).where(eq(webhookReceipts.providerMessageId, id));
  return row?.n ?? 0;
}

test("the retention variables: defaults, off, and receipts never shorter than Meta's 7 days of retries", () => {
  expect(retentionPolicy(loadConfig({}))).toEqual({
    webhookReceiptsMs: 30 * DAY,
    changeEventsMs: 7 * DAY,
    outboundDeliveriesMs: 30 * DAY,
    auditMs: 365 * DAY,
    messageBodiesMs: null,
  });
  expect(retentionPolicy(loadConfig({ RETENTION_AUDIT: "off", RETENTION_MESSAGE_BODIES: "365d", RETENTION_WEBHOOK_RECEIPTS: "8d" }))).toMatchObject({
    auditMs: null,
    messageBodiesMs: 365 * DAY,
    webhookReceiptsMs: 8 * DAY,
  });
  expect(() => loadConfig({ RETENTION_WEBHOOK_RECEIPTS: "7d" })).toThrow("RETENTION_WEBHOOK_RECEIPTS must be at least 8d (got 7d)");
  expect(() => loadConfig({ RETENTION_WEBHOOK_RECEIPTS: "off" })).toThrow("RETENTION_WEBHOOK_RECEIPTS must be a duration such as 30d");
  expect(() => loadConfig({ RETENTION_CHANGE_EVENTS: "a week" })).toThrow("RETENTION_CHANGE_EVENTS must be a duration such as 30d");
  expect(() => loadConfig({ RETENTION_AUDIT: "12" })).toThrow("RETENTION_AUDIT must be a duration such as 30d or 365d, or off");
});

test("a receipt within its retention still makes a retry change nothing; past it, the receipt is pruned", async () => {
  const delivery = { from: "+33611000001", body: "bonjour", type: "text", id: "retention-retry-1" };
  const first = await t.call("POST", "/api/webhook/whatsapp", delivery);
  expect(first.status).toBe(200);
  // Eight days later (Meta's last retry is at 7): pruned with the shortest allowed retention, the receipt stays.
  const eightDaysOn = new Date(Date.now() + 8 * DAY - 60_000);
  const results = await pruneExpired(t.db, { ...policy, webhookReceiptsMs: 8 * DAY }, { now: eightDaysOn });
  expect(results.find((result) => result.name === "webhook_receipts")?.count).toBe(0);
  expect(await receiptsOf("retention-retry-1")).toBe(1);
  const retry = await t.call("POST", "/api/webhook/whatsapp", delivery);
  expect(retry.status).toBe(200);
  expect(retry.body.clientId).toBe(first.body.clientId);
  const [stored] = await t.db.select({ n: count() }).from(messages).where(eq(messages.providerMessageId, "retention-retry-1"));
  expect(stored?.n).toBe(1);

  // Past the retention: gone.
  await pruneExpired(t.db, policy, { now: new Date(Date.now() + 31 * DAY) });
  expect(await receiptsOf("retention-retry-1")).toBe(0);
});

test("--dry-run counts and deletes nothing; the real run deletes in batches", async () => {
  for (let index = 0; index < 7; index++)
    await t.call("POST", "/api/webhook/whatsapp", { from: "+33611000002", body: `m${index}`, type: "text", id: `batch-${index}` });
  const later = new Date(Date.now() + 40 * DAY);
  const dry = await pruneExpired(t.db, policy, { now: later, dryRun: true, batchSize: 3 });
  const dryReceipts = dry.find((result) => result.name === "webhook_receipts")!;
  expect(dryReceipts.count).toBeGreaterThanOrEqual(7);
  expect(await receiptsOf("batch-0")).toBe(1);
  const [changesBefore] = await t.db.select({ n: count() }).from(changeEvents);
  expect(dry.find((result) => result.name === "change_events")?.count).toBe(changesBefore?.n);

  const progress: number[] = [];
  const real = await pruneExpired(t.db, policy, {
    now: later,
    batchSize: 3,
    onProgress: (result) => result.name === "webhook_receipts" && progress.push(result.count),
  });
  expect(real.find((result) => result.name === "webhook_receipts")?.count).toBe(dryReceipts.count);
  expect(progress.length).toBeGreaterThanOrEqual(3);
  const [receiptsLeft] = await t.db.select({ n: count() }).from(webhookReceipts);
  expect(receiptsLeft?.n).toBe(0);
  const [changesLeft] = await t.db.select({ n: count() }).from(changeEvents);
  expect(changesLeft?.n).toBe(0);
  // Kept for good: message bodies (no retention by default).
  expect(real.find((result) => result.name === "message_bodies")).toMatchObject({ cutoff: null, count: 0 });
  const [kept] = await t.db.select({ body: messages.body }).from(messages).where(eq(messages.providerMessageId, "batch-0"));
  expect(kept?.body).toBe("m0");
});

test("change events within their retention still resume a dashboard; older ones are pruned", async () => {
  const controller = new AbortController();
  let position: string | undefined;
  const reading = (async () => {
    for await (const event of t.changeFeed.subscribe(null, { owner: "retention-test", signal: controller.signal })) {
      if (event.change.entityId === "before-disconnect") {
        position = event.eventId;
        return;
      }
    }
  })();
  // The subscription starts from the moment it is set up: write until it has seen one.
  for (let tries = 0; position === undefined && tries < 100; tries++) {
    await recordChanges(t.db, [{ entity: "message", entityId: "before-disconnect", action: "created" }]);
    await Promise.race([reading, Bun.sleep(200)]);
  }
  await reading;
  controller.abort();
  expect(position).toBeString();
  // While the dashboard is away: an old event (8 days, past the 7-day retention) and new ones.
  await t.db.transaction((tx) => recordChanges(tx, [{ entity: "message", entityId: "ancient", action: "created" }]));
  await t.db
    .update(changeEvents)
    .set({ createdAt: new Date(Date.now() - 8 * DAY) })
    .where(eq(changeEvents.entityId, "ancient"));
  await t.db.transaction((tx) => recordChanges(tx, [{ entity: "message", entityId: "while-away-1", action: "created" }]));
  await t.db.transaction((tx) => recordChanges(tx, [{ entity: "message", entityId: "while-away-2", action: "created" }]));

  const results = await pruneExpired(t.db, policy, { batchSize: 2 });
  expect(results.find((result) => result.name === "change_events")?.count).toBe(1);
  const left = await t.db.select({ entityId: changeEvents.entityId }).from(changeEvents);
  expect([...new Set(left.map((row) => row.entityId))].sort()).toEqual(["before-disconnect", "while-away-1", "while-away-2"]);

  const resumed = new AbortController();
  const received: string[] = [];
  for await (const event of t.changeFeed.subscribe(position!, { owner: "retention-test", signal: resumed.signal })) {
    received.push(event.change.entityId);
    if (received.includes("while-away-2")) break;
  }
  resumed.abort();
  expect(received).toEqual(["while-away-1", "while-away-2"]);
});

test("outbound deliveries: old settled ones go, one still being retried stays; audit entries past a year go", async () => {
  const [endpoint] = await t.db
    .insert(outboundWebhooks)
    .values({ url: "https://example.com/hook", secret: "whsec_test", enabled: false })
    .returning({ id: outboundWebhooks.id });
  const old = new Date(Date.now() - 40 * DAY);
  const oldId = (suffix: string) =>
    `${old
      .getTime()
      .toString(16)
      .padStart(12, "0")
      .replace(/^(.{8})(.{4})$/, "$1-$2")}-7000-8000-00000000000${suffix}`;
  await t.db.insert(outboundDeliveries).values([
    {
      id: oldId("1"),
      messageId: "msg_old_delivered",
      webhookId: endpoint!.id,
      eventType: "order.created",
      payload: {},
      status: "delivered",
      nextAttemptAt: old,
      createdAt: old,
    },
    {
      id: oldId("2"),
      messageId: "msg_old_pending",
      webhookId: endpoint!.id,
      eventType: "order.created",
      payload: {},
      status: "pending",
      nextAttemptAt: old,
      createdAt: old,
    },
    { messageId: "msg_new_delivered", webhookId: endpoint!.id, eventType: "order.created", payload: {}, status: "delivered", nextAttemptAt: new Date() },
  ]);
  await t.db.insert(auditEvents).values([
    { actorType: "system", action: "test.old", createdAt: new Date(Date.now() - 366 * DAY) },
    { actorType: "system", action: "test.recent", createdAt: new Date(Date.now() - 364 * DAY) },
  ]);
  const results = await pruneExpired(t.db, policy, { batchSize: 1 });
  expect(results.find((result) => result.name === "outbound_deliveries")?.count).toBe(1);
  const deliveries = await t.db.select({ messageId: outboundDeliveries.messageId }).from(outboundDeliveries);
  expect(deliveries.map((row) => row.messageId).sort()).toEqual(["msg_new_delivered", "msg_old_pending"]);
  const audit = await t.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(inArray(auditEvents.action, ["test.old", "test.recent"]));
  expect(audit.map((row) => row.action)).toEqual(["test.recent"]);
});

test("message bodies: emptied past their retention only for customers without an open order", async () => {
  const closed = await t.call("POST", "/api/webhook/whatsapp", { from: "+33611000003", body: "adresse: 3 rue X", type: "text", id: "bodies-closed" });
  const open = await t.call("POST", "/api/webhook/whatsapp", { from: "+33611000004", body: "je confirme", type: "text", id: "bodies-open" });
  const order = await t.call("POST", "/api/orders", { clientId: open.body.clientId, products: [{ id: "p", name: "P", price: 10, quantity: 1 }] });
  expect(order.status).toBe(201);
  const later = new Date(Date.now() + 400 * DAY);
  const results = await pruneExpired(t.db, { ...policy, messageBodiesMs: 365 * DAY }, { now: later, batchSize: 2 });
  expect(results.find((result) => result.name === "message_bodies")?.count).toBeGreaterThanOrEqual(1);
  const rows = await t.db
    .select({ id: messages.providerMessageId, body: messages.body, clientId: messages.clientId })
    .from(messages)
    .where(inArray(messages.providerMessageId, ["bodies-closed", "bodies-open"]));
  expect(Object.fromEntries(rows.map((row) => [row.id, row.body]))).toEqual({ "bodies-closed": "", "bodies-open": "je confirme" });
  expect(rows.find((row) => row.id === "bodies-closed")?.clientId).toBe(closed.body.clientId);
});
