import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { BUILT_IN_CONFIRMATION } from "@confirma/api";
import { loadConfirmationSettings, saveConfirmationSettings } from "@confirma/api/testing";
import { jobs, messages, orders } from "@confirma/db";
import { createMetaSender } from "@confirma/whatsapp";
import { metaEnvelope } from "@confirma/whatsapp/testing";
import { and, eq } from "drizzle-orm";
import { startFakeMetaGraph, graphError } from "./testing/fake-meta-graph.ts";
import { createServer } from "./server/create-server.ts";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

/** The outbound loop against a fake Meta Graph API on 127.0.0.1, with a clock the test moves. */
const APP_SECRET = "flow-test-app-secret";
const graph = startFakeMetaGraph();
const sender = createMetaSender({ graphUrl: graph.url, version: "v26.0", phoneNumberId: "106540352242922", accessToken: "EAAG-test-token", timeoutMs: 2_000 });
const t = await openTestApp({ WHATSAPP_APP_SECRET: APP_SECRET, CONFIRM_REMINDERS: "2h,24h", CONFIRM_TIMEOUT: "48h" }, { sender });
const START = new Date("2026-11-25T10:00:00Z");
afterAll(async () => {
  graph.stop();
  await t.close();
});

/** The server's job runner; a restarted process has a new one, over the same database. */
const runner = () => t.jobRunner;

let phoneSequence = 0;
async function newOrder(productName = "Robe") {
  phoneSequence += 1;
  const phone = `+336451${String(phoneSequence).padStart(5, "0")}`;
  const client = await t.call("POST", "/api/clients", { phoneNumber: phone, name: "Amina" });
  const order = await t.call("POST", "/api/orders", { clientId: client.body.id, products: [{ id: "p1", name: productName, price: 39.9, quantity: 1 }] });
  expect(order.status).toBe(201);
  return { clientId: client.body.id as string, orderId: order.body.id as string, phone };
}

const requestsTo = (phone: string) => graph.requests.filter((request) => request.body?.to === phone.slice(1));
const orderStatus = async (id: string) => (await t.call("GET", `/api/orders/${id}`)).body.status;

function postMeta(body: unknown) {
  const raw = JSON.stringify(body);
  return t.app.request("/api/webhook/whatsapp", {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${createHmac("sha256", APP_SECRET).update(raw).digest("hex")}` },
    body: raw,
  });
}
beforeEach(() => t.clock.set(START));

describe("the confirmation request", () => {
  test("is a template with two buttons bound to the order, sent once, its message id stored", async () => {
    const { orderId, phone, clientId } = await newOrder();
    await runner().runDue();
    const sent = requestsTo(phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe("POST");
    expect(sent[0]!.path).toBe("/v26.0/106540352242922/messages");
    expect(sent[0]!.authorization).toBe("Bearer EAAG-test-token");
    expect(sent[0]!.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: phone.slice(1),
      type: "template",
      template: {
        name: "order_confirmation",
        language: { code: "fr" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Amina" },
              { type: "text", text: `#${orderId.slice(-6).toUpperCase()}` },
              { type: "text", text: "1 × Robe" },
              { type: "text", text: new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(39.9) },
            ],
          },
          { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: `confirma:confirm:${orderId}` }] },
          { type: "button", sub_type: "quick_reply", index: "1", parameters: [{ type: "payload", payload: `confirma:cancel:${orderId}` }] },
        ],
      },
    });
    const [stored] = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.orderId, orderId), eq(messages.direction, "out")));
    expect(stored).toMatchObject({ clientId, provider: "meta", status: "sent", purpose: "confirmation_request", type: "template" });
    expect(stored!.providerMessageId).toMatch(/^wamid\.FAKE/);
    expect(stored!.body).toContain("Confirmez-vous la commande ?");

    // Running again sends nothing more.
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(1);
  });

  test("status webhooks move it to delivered, then read; a failure keeps its code", async () => {
    const { orderId } = await newOrder();
    await runner().runDue();
    const [stored] = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.orderId, orderId), eq(messages.direction, "out")));
    const status = (state: string, extra: Record<string, unknown> = {}) =>
      postMeta(metaEnvelope({ statuses: [{ id: stored!.providerMessageId, status: state, timestamp: "1764064800", recipient_id: "x", ...extra }] }));
    expect((await status("delivered")).status).toBe(200);
    expect((await t.db.select().from(messages).where(eq(messages.id, stored!.id)))[0]?.status).toBe("delivered");
    expect((await status("read")).status).toBe(200);
    expect((await t.db.select().from(messages).where(eq(messages.id, stored!.id)))[0]?.status).toBe("read");

    const second = await newOrder();
    await runner().runDue();
    const [other] = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.orderId, second.orderId), eq(messages.direction, "out")));
    await postMeta(
      metaEnvelope({
        statuses: [
          {
            id: other!.providerMessageId,
            status: "failed",
            timestamp: "1764064800",
            recipient_id: "x",
            errors: [{ code: 131026, title: "Message undeliverable" }],
          },
        ],
      }),
    );
    expect((await t.db.select().from(messages).where(eq(messages.id, other!.id)))[0]).toMatchObject({ status: "failed", errorCode: "131026" });
  });

  test("out-of-order statuses: read before delivered, delivered before sent, all at once — the message ends read", async () => {
    const { orderId } = await newOrder();
    await runner().runDue();
    const [stored] = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.orderId, orderId), eq(messages.direction, "out")));
    const status = (state: string) =>
      postMeta(metaEnvelope({ statuses: [{ id: stored!.providerMessageId, status: state, timestamp: "1764064800", recipient_id: "x" }] }));
    const current = async () => (await t.db.select().from(messages).where(eq(messages.id, stored!.id)))[0]?.status;
    expect((await status("read")).status).toBe(200);
    expect((await status("delivered")).status).toBe(200);
    expect((await status("sent")).status).toBe(200);
    expect(await current()).toBe("read");

    const second = await newOrder();
    await runner().runDue();
    const [other] = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.orderId, second.orderId), eq(messages.direction, "out")));
    const responses = await Promise.all(
      ["delivered", "read", "sent", "delivered", "sent"].map((state) =>
        postMeta(metaEnvelope({ statuses: [{ id: other!.providerMessageId, status: state, timestamp: "1764064800", recipient_id: "x" }] })),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await t.db.select().from(messages).where(eq(messages.id, other!.id)))[0]?.status).toBe("read");
  });

  test("a tap on Confirm confirms the bound order even when the client has another pending order", async () => {
    const { clientId, orderId, phone } = await newOrder("Sac");
    const newer = await t.call("POST", "/api/orders", { clientId, products: [{ id: "p2", name: "Ceinture", price: 15, quantity: 1 }] });
    await runner().runDue();
    // Both orders were asked about in one request.
    expect(requestsTo(phone)).toHaveLength(1);
    const tap = metaEnvelope({
      contacts: [{ profile: { name: "Amina" }, wa_id: phone.slice(1) }],
      messages: [
        {
          from: phone.slice(1),
          id: `wamid.tap-${orderId}`,
          timestamp: "1764064900",
          type: "button",
          button: { payload: `confirma:confirm:${orderId}`, text: "Confirmer" },
        },
      ],
    });
    expect((await postMeta(tap)).status).toBe(200);
    expect(await orderStatus(orderId)).toBe("confirmed");
    expect(await orderStatus(newer.body.id)).toBe("pending");
  });
});

describe("several orders waiting for the same customer", () => {
  async function twoOrders() {
    const first = await newOrder("Sac");
    const second = await t.call("POST", "/api/orders", { clientId: first.clientId, products: [{ id: "p2", name: "Ceinture", price: 15, quantity: 1 }] });
    return { ...first, ids: [first.orderId, second.body.id as string] };
  }
  const requestsOf = (clientId: string) =>
    t.db
      .select()
      .from(messages)
      .where(and(eq(messages.clientId, clientId), eq(messages.direction, "out")))
      .orderBy(messages.id);
  const reviewOf = async (id: string) => {
    const { body } = await t.call("GET", `/api/orders/${id}`);
    return { status: body.status, needsReview: body.needsReview, reviewReason: body.reviewReason };
  };
  const tap = (phone: string, id: string, payload: string, title: string) =>
    postMeta(
      metaEnvelope({
        contacts: [{ profile: { name: "Amina" }, wa_id: phone.slice(1) }],
        messages: [{ from: phone.slice(1), id, timestamp: "1764064900", type: "button", button: { payload, text: title } }],
      }),
    );

  test('are asked about in one request, and "Oui d\'accord je confirme" confirms both', async () => {
    const { clientId, phone, ids } = await twoOrders();
    await runner().runDue();
    const sent = requestsTo(phone);
    expect(sent).toHaveLength(1);
    const [request] = await requestsOf(clientId);
    expect(request!.askedOrderIds).toEqual(ids);
    const [body, confirmAll, cancelAll] = sent[0]!.body.template.components;
    expect(body.parameters[1].text).toBe(ids.map((id) => `#${id.slice(-6).toUpperCase()}`).join(", "));
    expect(body.parameters[3].text).toBe(new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(54.9));
    expect(confirmAll.parameters[0].payload).toBe(`confirma:confirm:request:${request!.id}`);
    expect(cancelAll.parameters[0].payload).toBe(`confirma:cancel:request:${request!.id}`);

    await t.call("POST", "/api/webhook/whatsapp", { from: phone, body: "Oui d'accord je confirme", type: "text", id: `both-${clientId}` });
    for (const id of ids) expect(await reviewOf(id)).toEqual({ status: "confirmed", needsReview: false, reviewReason: null });
  });

  test("an order created after the request is not decided by the answer to it, and goes to review", async () => {
    const { clientId, phone, ids } = await twoOrders();
    await runner().runDue();
    const later = await t.call("POST", "/api/orders", { clientId, products: [{ id: "p3", name: "Foulard", price: 9, quantity: 1 }] });
    await t.call("POST", "/api/webhook/whatsapp", { from: phone, body: "Oui d'accord je confirme", type: "text", id: `later-${clientId}` });
    for (const id of ids) expect((await reviewOf(id)).status).toBe("confirmed");
    expect(await reviewOf(later.body.id)).toEqual({ status: "pending", needsReview: true, reviewReason: "several_orders" });
  });

  test('"Tout annuler" cancels exactly the orders its request listed; an old request\'s button leaves a newer order alone', async () => {
    const { clientId, phone, ids } = await twoOrders();
    await runner().runDue();
    const [first] = await requestsOf(clientId);
    const later = await t.call("POST", "/api/orders", { clientId, products: [{ id: "p3", name: "Foulard", price: 9, quantity: 1 }] });
    await runner().runDue();
    const requests = await requestsOf(clientId);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.askedOrderIds).toEqual([...ids, later.body.id]);

    expect((await tap(phone, `wamid.all-${clientId}`, `confirma:cancel:request:${first!.id}`, "Tout annuler")).status).toBe(200);
    for (const id of ids) expect((await reviewOf(id)).status).toBe("cancelled");
    expect(await reviewOf(later.body.id)).toEqual({ status: "pending", needsReview: false, reviewReason: null });

    // A request of another client decides nothing here.
    const other = await twoOrders();
    await runner().runDue();
    const [foreign] = await requestsOf(other.clientId);
    await tap(phone, `wamid.foreign-${clientId}`, `confirma:confirm:request:${foreign!.id}`, "Tout confirmer");
    for (const id of other.ids) expect((await reviewOf(id)).status).toBe("pending");
    expect((await reviewOf(later.body.id)).status).toBe("pending");
  });

  test('inside the 24-hour window: a list with "all" rows and a row per order; a per-order choice decides that order only', async () => {
    phoneSequence += 1;
    const phone = `+336452${String(phoneSequence).padStart(5, "0")}`;
    await t.call("POST", "/api/webhook/whatsapp", { from: phone, body: "Bonjour", type: "text", id: `hello-${phone}` });
    const client = await t.call("GET", `/api/clients?search=${encodeURIComponent(phone.slice(1))}`);
    const clientId = client.body.items[0].id as string;
    const ids: string[] = [];
    for (const name of ["Robe", "Sac"]) {
      ids.push((await t.call("POST", "/api/orders", { clientId, products: [{ id: "p", name, price: 20, quantity: 1 }] })).body.id);
    }
    await runner().runDue();
    const [sent] = requestsTo(phone);
    const [request] = await requestsOf(clientId);
    const ref = (id: string) => `#${id.slice(-6).toUpperCase()}`;
    expect(sent!.body.type).toBe("interactive");
    expect(sent!.body.interactive.type).toBe("list");
    expect(sent!.body.interactive.body.text).toContain("2 commandes");
    expect(sent!.body.interactive.action.sections[0].rows).toEqual([
      { id: `confirma:confirm:request:${request!.id}`, title: "Tout confirmer" },
      { id: `confirma:cancel:request:${request!.id}`, title: "Tout annuler" },
      { id: `confirma:confirm:${ids[0]}`, title: `Confirmer ${ref(ids[0]!)}` },
      { id: `confirma:cancel:${ids[0]}`, title: `Annuler ${ref(ids[0]!)}` },
      { id: `confirma:confirm:${ids[1]}`, title: `Confirmer ${ref(ids[1]!)}` },
      { id: `confirma:cancel:${ids[1]}`, title: `Annuler ${ref(ids[1]!)}` },
    ]);

    const choice = metaEnvelope({
      contacts: [{ profile: { name: "Amina" }, wa_id: phone.slice(1) }],
      messages: [
        {
          from: phone.slice(1),
          id: `wamid.row-${clientId}`,
          timestamp: "1764064900",
          type: "interactive",
          interactive: { type: "list_reply", list_reply: { id: `confirma:cancel:${ids[1]}`, title: `Annuler ${ref(ids[1]!)}` } },
        },
      ],
    });
    expect((await postMeta(choice)).status).toBe(200);
    expect((await reviewOf(ids[1]!)).status).toBe("cancelled");
    expect(await reviewOf(ids[0]!)).toEqual({ status: "pending", needsReview: false, reviewReason: null });
  });
});

describe("reminders and time-out", () => {
  test("two reminders, then no_answer and the call queue; nothing more after that", async () => {
    const { orderId, phone } = await newOrder();
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(1);

    t.clock.advance(2 * 3_600_000 - 60_000);
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(1);

    t.clock.advance(60_000);
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(2);
    expect(requestsTo(phone)[1]!.body.template.name).toBe("order_confirmation_reminder");

    t.clock.set(new Date(START.getTime() + 24 * 3_600_000));
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(3);
    expect(await orderStatus(orderId)).toBe("pending");

    t.clock.set(new Date(START.getTime() + 48 * 3_600_000));
    await runner().runDue();
    expect(await orderStatus(orderId)).toBe("no_answer");
    const [order] = await t.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order?.callReason).toBe("no_answer");
    const queue = await t.call("GET", `/api/orders?status=no_answer`);
    expect(queue.body.items.map((item: { id: string }) => item.id)).toContain(orderId);

    t.clock.advance(7 * 24 * 3_600_000);
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(3);
    expect(await orderStatus(orderId)).toBe("no_answer");
  });

  test("an answer stops the reminders", async () => {
    const { orderId, phone } = await newOrder();
    await runner().runDue();
    await t.call("POST", "/api/webhook/whatsapp", { from: phone, body: "oui je confirme", type: "text", id: `answer-${orderId}` });
    expect(await orderStatus(orderId)).toBe("confirmed");
    t.clock.advance(72 * 3_600_000);
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(1);
    expect(await orderStatus(orderId)).toBe("confirmed");
  });

  test("a restart in the middle of the schedule loses nothing", async () => {
    const { orderId, phone } = await newOrder();
    await runner().runDue();
    // The process that scheduled the reminders is gone; a new one (new runner, same database) takes over.
    t.clock.advance(2 * 3_600_000);
    const afterRestart = await createServer(t.config, t.database, { integrationKey: TEST_KEY, now: t.clock.now, sender });
    try {
      await afterRestart.jobRunner.runDue();
    } finally {
      await afterRestart.close();
    }
    expect(requestsTo(phone)).toHaveLength(2);
    t.clock.advance(46 * 3_600_000);
    await runner().runDue();
    expect(await orderStatus(orderId)).toBe("no_answer");
  });

  test("a job interrupted while sending is not sent again; the order goes to the call queue", async () => {
    const { orderId, phone } = await newOrder();
    // Simulate a process that claimed the job, created the message, and died during the HTTP call.
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "confirmation_request")));
    const [message] = await t.db
      .insert(messages)
      .values({
        clientId: (await t.call("GET", `/api/orders/${orderId}`)).body.clientId,
        direction: "out",
        type: "template",
        body: "…",
        provider: "meta",
        status: "queued",
        orderId,
        purpose: "confirmation_request",
      })
      .returning();
    await t.db
      .update(jobs)
      .set({ status: "running", attempts: 1, messageId: message!.id, lockedUntil: new Date(START.getTime() - 1) })
      .where(eq(jobs.id, job!.id));
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(0);
    expect((await t.db.select().from(messages).where(eq(messages.id, message!.id)))[0]).toMatchObject({ status: "failed", errorCode: "interrupted" });
    expect((await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]?.callReason).toBe("delivery_failed");
  });
});

describe("provider failures", () => {
  test("a 500 is retried with backoff and then succeeds; one message, one provider id", async () => {
    const { orderId, phone } = await newOrder();
    graph.failNext({ status: 500, body: { error: { message: "Internal error", code: 1 } } });
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(1);
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "confirmation_request")));
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job!.runAt.getTime()).toBeGreaterThan(START.getTime());

    t.clock.advance(10 * 60_000);
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(2);
    const outbound = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.orderId, orderId), eq(messages.direction, "out")));
    expect(outbound).toHaveLength(1);
    expect(outbound[0]).toMatchObject({ status: "sent" });
  });

  test("a 500 on every try: the job's last attempt fails the message and sends the order to the call queue", async () => {
    const { orderId, phone } = await newOrder();
    let tries = 0;
    for (;;) {
      graph.failNext({ status: 500, body: { error: { message: "Internal error", code: 1 } } });
      await runner().runDue();
      tries += 1;
      const [job] = await t.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "confirmation_request")));
      const [outbound] = await t.db
        .select()
        .from(messages)
        .where(and(eq(messages.orderId, orderId), eq(messages.direction, "out")));
      if (job!.status === "failed") {
        // The runner gave up on the same try the handler called final: the message says so.
        expect(outbound).toMatchObject({ status: "failed", errorCode: "1" });
        break;
      }
      expect(job).toMatchObject({ status: "pending", attempts: tries });
      expect(outbound).toMatchObject({ status: "queued" });
      expect(tries).toBeLessThan(20);
      t.clock.advance(3_600_000);
    }
    expect(tries).toBeGreaterThan(1);
    expect(requestsTo(phone)).toHaveLength(tries);
    const [order] = await t.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order).toMatchObject({ status: "pending", callReason: "delivery_failed" });
  });

  test("a 400 is not retried: the message fails with the reason and the order goes to the call queue", async () => {
    const { orderId, phone } = await newOrder();
    graph.failNext(graphError(131026, "Message undeliverable: the number is not on WhatsApp"));
    await runner().runDue();
    t.clock.advance(3_600_000);
    await runner().runDue();
    expect(requestsTo(phone)).toHaveLength(1);
    const [outbound] = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.orderId, orderId), eq(messages.direction, "out")));
    expect(outbound).toMatchObject({ status: "failed", errorCode: "131026" });
    expect(outbound!.errorReason).toContain("not on WhatsApp");
    const [order] = await t.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order).toMatchObject({ status: "pending", callReason: "delivery_failed" });
  });
});

describe("settings from the dashboard", () => {
  test("quiet hours hold the request until morning; auto-cancel, when turned on, cancels a silent order", async () => {
    const defaults = await loadConfirmationSettings(t.db, t.services.settings.confirmation);
    await saveConfirmationSettings(
      t.db,
      { ...defaults, quietHours: { start: "21:00", end: "09:00" }, timeZone: "Europe/Paris", autoCancelAfterMs: 24 * 3_600_000 },
      "test",
    );
    try {
      t.clock.set(new Date("2026-11-25T22:30:00Z")); // 23:30 in Paris
      const { orderId, phone } = await newOrder();
      await runner().runDue();
      expect(requestsTo(phone)).toHaveLength(0);
      t.clock.set(new Date("2026-11-26T08:00:00Z")); // 09:00 in Paris
      await runner().runDue();
      expect(requestsTo(phone)).toHaveLength(1);

      t.clock.advance(48 * 3_600_000);
      await runner().runDue();
      expect(await orderStatus(orderId)).toBe("no_answer");
      t.clock.advance(24 * 3_600_000);
      await runner().runDue();
      expect(await orderStatus(orderId)).toBe("cancelled");
    } finally {
      await saveConfirmationSettings(t.db, { ...BUILT_IN_CONFIRMATION, ...t.services.settings.confirmation }, "test");
    }
  });

  test("with the automatic request turned off, nothing is sent", async () => {
    const defaults = await loadConfirmationSettings(t.db, t.services.settings.confirmation);
    await saveConfirmationSettings(t.db, { ...defaults, enabled: false }, "test");
    try {
      const { phone } = await newOrder();
      await runner().runDue();
      expect(requestsTo(phone)).toHaveLength(0);
    } finally {
      await saveConfirmationSettings(t.db, defaults, "test");
    }
  });
});

test.skipIf(!process.env.DATABASE_URL)("two instances on one PostgreSQL send exactly one request per order", async () => {
  const created = await Promise.all(Array.from({ length: 12 }, () => newOrder()));
  const { openDatabase } = await import("@confirma/db");
  const second = await openDatabase({ databaseUrl: t.database.url! });
  const other = await createServer(t.config, second, { integrationKey: TEST_KEY, now: t.clock.now, sender });
  try {
    await Promise.all([runner().runDue(), other.jobRunner.runDue(), runner().runDue(), other.jobRunner.runDue()]);
    for (const { phone } of created) expect(requestsTo(phone)).toHaveLength(1);
  } finally {
    await other.close();
    await second.close();
  }
});
