import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { claimDueDeliveries, ingestEvents, RETRY_DELAYS_MS, type OutboundDeliveryView } from "@confirma/api";
import { messages, orders, outboundDeliveries, outboundWebhooks, statusChanges } from "@confirma/db";
import { signWebhook, verifyWebhook } from "@confirma/stores";
import { count, eq } from "drizzle-orm";
import { createGuardedFetch } from "./outbound/guarded-fetch.ts";
import { WebhookDispatcher } from "./outbound/webhook-dispatcher.ts";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";
import { oggOpusVoiceNote } from "./testing/voice-note.ts";

// Outbound webhooks end to end: endpoints registered over REST, events written to the outbox by
// the database in the change's own transaction, sent by the dispatcher as Standard Webhooks to
// a receiver on 127.0.0.1 that checks every signature with the endpoint's secret.

interface Received {
  path: string;
  headers: Headers;
  body: Uint8Array;
  json: { type: string; timestamp: string; data: Record<string, unknown> };
}
const received: Received[] = [];
/** The statuses a path answers, in turn; 200 once they run out. */
const answers = new Map<string, number[]>();
const receiver = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  async fetch(request) {
    const path = new URL(request.url).pathname;
    const body = new Uint8Array(await request.arrayBuffer());
    received.push({ path, headers: request.headers, body, json: JSON.parse(new TextDecoder().decode(body)) });
    return new Response(null, { status: answers.get(path)?.shift() ?? 200 });
  },
});
const base = `http://127.0.0.1:${receiver.port}`;

const mediaDir = mkdtempSync(join(tmpdir(), "confirma-media-"));
/** Where the outside world reaches Confirma: the media URLs in events are built on it, path included. */
const PUBLIC_URL = "https://confirma.example.com/shop";
const t = await openTestApp({ OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true", MEDIA_DIR: mediaDir, PUBLIC_URL });
/** The same server as configured by default: private networks refused. */
const strict = await openTestApp();
afterAll(async () => {
  receiver.stop(true);
  await Promise.all([t.close(), strict.close()]);
  rmSync(mediaDir, { recursive: true, force: true });
});
// Each test starts without endpoints (their deliveries go with them) and on real time.
afterEach(async () => {
  for (const endpoint of (await t.call("GET", "/api/outbound-webhooks")).body.items) await t.call("DELETE", `/api/outbound-webhooks/${endpoint.id}`);
  t.clock.set(new Date());
});

type Endpoint = { id: string; url: string; events: string[]; secret: string };

async function register(path: string, events?: string[]): Promise<Endpoint> {
  const response = await t.call("POST", "/api/outbound-webhooks", { url: `${base}${path}`, ...(events ? { events } : {}) });
  expect(response.status).toBe(201);
  return response.body;
}

/** What `path` received, each checked against the endpoint's secret on its exact bytes. */
function deliveredTo(path: string, endpoint: Endpoint): Received[] {
  const requests = received.filter((request) => request.path === path);
  for (const request of requests) {
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.headers.get("webhook-id")).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(verifyWebhook(endpoint.secret, request.headers, request.body)).toMatchObject({ ok: true, id: request.headers.get("webhook-id") });
  }
  return requests;
}

let sequence = 0;
/** A new client with one pending order of 2 × 12.50 MAD. */
async function pendingOrder() {
  sequence += 1;
  const phone = `+2126610000${String(sequence).padStart(2, "0")}`;
  const client = await t.call("POST", "/api/clients", { phoneNumber: phone, name: `Client ${sequence}` });
  const order = await t.call("POST", "/api/orders", {
    clientId: client.body.id,
    currency: "MAD",
    products: [{ id: "p1", name: "Djellaba", price: 12.5, quantity: 2 }],
  });
  expect(order.status).toBe(201);
  return { clientId: client.body.id as string, orderId: order.body.id as string, phone };
}

async function deliveriesOf(endpoint: Endpoint) {
  return (await t.call("GET", `/api/outbound-webhooks/${endpoint.id}/deliveries`)).body.items as OutboundDeliveryView[];
}

describe("registering endpoints", () => {
  test("POST answers 201 with a whsec_ secret shown this once; GET, the list, PATCH and the log never show it", async () => {
    const created = await t.call("POST", "/api/outbound-webhooks", { url: `${base}/crm`, events: ["order.confirmed", "order.created", "order.confirmed"] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: `${base}/crm`, events: ["order.created", "order.confirmed"], enabled: true, disabledReason: null });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const { id, secret } = created.body;
    await t.call("POST", `/api/outbound-webhooks/${id}/test`);
    const shown = [
      await t.call("GET", `/api/outbound-webhooks/${id}`),
      await t.call("GET", "/api/outbound-webhooks"),
      await t.call("PATCH", `/api/outbound-webhooks/${id}`, { events: [] }),
      await t.call("GET", `/api/outbound-webhooks/${id}/deliveries`),
    ];
    for (const response of shown) expect(response.status).toBe(200);
    expect(shown[0]!.body.secret).toBeUndefined();
    expect(shown[2]!.body.events).toEqual([]);
    const text = JSON.stringify(shown.map((response) => response.body));
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(6, 30));
  });

  test("PATCH changes the address, events and state; DELETE removes the endpoint and its log", async () => {
    const endpoint = await register("/a");
    const patched = await t.call("PATCH", `/api/outbound-webhooks/${endpoint.id}`, { url: `${base}/b`, events: ["message.received"], enabled: false });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ url: `${base}/b`, events: ["message.received"], enabled: false, disabledReason: null });
    expect(patched.body.disabledAt).toBeString();
    const again = await t.call("PATCH", `/api/outbound-webhooks/${endpoint.id}`, { enabled: true });
    expect(again.body).toMatchObject({ enabled: true, disabledAt: null });
    expect((await t.call("DELETE", `/api/outbound-webhooks/${endpoint.id}`)).status).toBe(204);
    expect((await t.call("GET", `/api/outbound-webhooks/${endpoint.id}`)).body.error.code).toBe("not_found");
    expect((await t.call("DELETE", `/api/outbound-webhooks/${endpoint.id}`)).status).toBe(404);
    expect(await t.db.select().from(outboundDeliveries).where(eq(outboundDeliveries.webhookId, endpoint.id))).toHaveLength(0);
  });

  test("bad input is a 400 with a code and stores nothing; the integration key is required", async () => {
    const refusals = [
      { url: "ftp://example.com/hook" },
      { url: "https://user:pass@example.com/hook" },
      { url: "https://example.com/hook", events: ["order.shipped"] },
      { url: "https://example.com/hook", secret: "whsec_mine" },
      { events: ["order.created"] },
    ];
    for (const body of refusals) {
      const response = await t.call("POST", "/api/outbound-webhooks", body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBeString();
    }
    expect((await t.call("POST", "/api/outbound-webhooks", "{not json")).body.error.code).toBe("invalid_json");
    expect((await t.call("GET", "/api/outbound-webhooks", undefined, { key: null })).status).toBe(401);
    expect((await t.call("POST", "/api/outbound-webhooks", { url: `${base}/x` }, { key: null })).status).toBe(401);
    expect((await t.call("GET", "/api/outbound-webhooks")).body.items).toEqual([]);
  });

  test("the dashboard's procedures are for admins: an agent is refused, an admin registers and sees the log", async () => {
    const agent = t.caller({ actor: { type: "user", id: "agent-1" }, user: { id: "agent-1", email: "agent@example.com", name: null, role: "agent" } });
    await expect(agent.outboundWebhooks.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = t.caller({ actor: { type: "user", id: "admin-1" }, user: { id: "admin-1", email: "admin@example.com", name: null, role: "admin" } });
    const created = await admin.outboundWebhooks.create({ url: `${base}/dashboard`, events: ["order.confirmed"] });
    expect(created.secret).toMatch(/^whsec_/);
    const sent = await admin.outboundWebhooks.sendTest({ id: created.id });
    expect(sent).toMatchObject({ event: "webhook.test", status: "pending" });
    await t.webhookDispatcher.runDue();
    const log = await admin.outboundWebhooks.deliveries({ id: created.id });
    expect(log.items).toMatchObject([{ event: "webhook.test", status: "delivered", attempts: 1, lastStatusCode: 200 }]);
    await admin.outboundWebhooks.update({ id: created.id, changes: { enabled: false } });
    expect((await admin.outboundWebhooks.list())[0]).toMatchObject({ enabled: false });
  });
});

describe("events", () => {
  test("confirming an order delivers exactly one order.confirmed and one order.status_changed, signed with the endpoint's secret", async () => {
    const all = await register("/all");
    const confirmedOnly = await register("/confirmed", ["order.confirmed"]);
    const { orderId, clientId, phone } = await pendingOrder();
    expect(await t.webhookDispatcher.runDue()).toBe(1);
    expect(deliveredTo("/all", all).map((request) => request.json.type)).toEqual(["order.created"]);

    expect((await t.call("PUT", `/api/orders/${orderId}`, { status: "confirmed" })).status).toBe(200);
    await t.webhookDispatcher.runDue();
    const types = deliveredTo("/all", all).map((request) => request.json.type);
    expect(types.sort()).toEqual(["order.confirmed", "order.created", "order.status_changed"]);
    const confirmed = deliveredTo("/confirmed", confirmedOnly);
    expect(confirmed.map((request) => request.json.type)).toEqual(["order.confirmed"]);
    expect(confirmed[0]!.json).toMatchObject({
      type: "order.confirmed",
      data: {
        id: orderId,
        status: "confirmed",
        previousStatus: "pending",
        actor: { type: "api_key" },
        clientId,
        client: { phone, name: `Client ${sequence}` },
        total: 25,
        currency: "MAD",
        storeId: null,
        externalNumber: null,
        products: [{ id: "p1", name: "Djellaba", price: 12.5, quantity: 2 }],
        isTest: false,
      },
    });
    expect(Date.parse(confirmed[0]!.json.timestamp)).toBeGreaterThan(Date.now() - 60_000);
    // Nothing left to send, nothing sent twice.
    expect(await t.webhookDispatcher.runDue()).toBe(0);
    expect(deliveredTo("/all", all)).toHaveLength(3);
  });

  test("an order from a store carries the store's ids, number, address and lines", async () => {
    const endpoint = await register("/store", ["order.created"]);
    const store = (await t.call("POST", "/api/stores", { platform: "custom", name: "Boutique Atlas", defaultCountry: "MA", defaultCurrency: "MAD" })).body;
    const body = new TextEncoder().encode(
      JSON.stringify({
        type: "order.created",
        data: {
          id: "1001",
          number: "#1001",
          customer: { name: "Youssef Amrani", phone: "0661234567" },
          shippingAddress: { address1: "12 rue Atlas", city: "Casablanca", country: "MA" },
          products: [{ id: "p1", variantId: "v1", sku: "DJ-M", name: "Djellaba", price: "299.50", quantity: 1 }],
          total: "299.50",
          paymentMethod: "cod",
        },
      }),
    );
    const timestamp = Math.floor(Date.now() / 1000);
    const posted = await t.app.request(`/api/webhook/stores/${store.id}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": "msg_store_1",
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook(store.webhookSecret, "msg_store_1", timestamp, body),
      },
      body,
    });
    expect(posted.status).toBe(200);
    await t.webhookDispatcher.runDue();
    const [created] = deliveredTo("/store", endpoint);
    expect(created!.json.data).toMatchObject({
      status: "pending",
      previousStatus: null,
      reason: "store:created",
      client: { phone: "+212661234567", name: "Youssef Amrani" },
      total: 299.5,
      currency: "MAD",
      storeId: store.id,
      externalId: "1001",
      externalNumber: "#1001",
      shippingAddress: { address1: "12 rue Atlas", city: "Casablanca", country: "MA" },
      products: [{ id: "p1", name: "Djellaba", price: 299.5, quantity: 1, variantId: "v1", sku: "DJ-M" }],
    });
  });

  test("a customer's 'oui' on WhatsApp: message.received, and the decision it made", async () => {
    const endpoint = await register("/chat");
    const { orderId, phone } = await pendingOrder();
    const reply = await t.call("POST", "/api/webhook/whatsapp", { from: `${phone.slice(1)}@s.whatsapp.net`, body: "oui", type: "text" });
    expect(reply.status).toBe(200);
    await t.webhookDispatcher.runDue();
    const events = deliveredTo("/chat", endpoint).map((request) => request.json);
    expect(events.map((event) => event.type).sort()).toEqual(["message.received", "order.confirmed", "order.created", "order.status_changed"]);
    const message = events.find((event) => event.type === "message.received");
    expect(message!.data).toMatchObject({ phone, body: "oui", type: "text", intent: "confirm" });
    const confirmed = events.find((event) => event.type === "order.confirmed");
    expect(confirmed!.data).toMatchObject({ id: orderId, actor: { type: "message", id: message!.data.id } });
  });

  test("chat messages stored in one statement give one message.received each; an outbound message none", async () => {
    const endpoint = await register("/messages", ["message.received"]);
    const at = new Date();
    const result = await ingestEvents(t.services, [
      { kind: "message", provider: "meta", messageId: "wamid.plain-1", from: { phone: "+212661111111" }, type: "text", text: "bonjour", timestamp: at },
      { kind: "message", provider: "meta", messageId: "wamid.plain-2", from: { phone: "+212662222222" }, type: "text", text: "c'est combien ?", timestamp: at },
      { kind: "message", provider: "meta", messageId: "wamid.plain-3", from: { phone: "+212661111111" }, type: "text", text: "merci", timestamp: at },
    ]);
    expect(result.outcomes.every((outcome) => outcome.kind === "message" && outcome.outcome === "stored")).toBe(true);
    const clientId = (result.outcomes[0] as { clientId: string }).clientId;
    await t.db.insert(messages).values({ clientId, direction: "out", type: "text", body: "Votre commande ?", provider: "log", status: "sent" });
    await t.webhookDispatcher.runDue();
    const events = deliveredTo("/messages", endpoint).map((request) => request.json.data);
    expect(events.map((data) => data.body).sort()).toEqual(["bonjour", "c'est combien ?", "merci"]);
    expect(events.find((data) => data.body === "merci")).toMatchObject({ phone: "+212661111111", intent: "unclear", type: "text", orderId: null, media: null });
  });

  test("a voice note's message.received carries its file: pending at first, ready on the retry, and its URL serves the bytes with the integration key", async () => {
    const endpoint = await register("/voice", ["message.received"]);
    answers.set("/voice", [500]);
    const voiceNote = oggOpusVoiceNote(3);
    // Evolution with webhook_base64: the bytes come with the message, stored by the fetch job afterwards.
    const providerId = `3EB0${crypto.randomUUID().replaceAll("-", "").slice(0, 16).toUpperCase()}`;
    const webhook = await t.call("POST", "/api/webhook/whatsapp", {
      event: "messages.upsert",
      instance: "shop",
      data: {
        key: { remoteJid: "212663333333@s.whatsapp.net", fromMe: false, id: providerId },
        pushName: "Yassine",
        message: { audioMessage: { mimetype: "audio/ogg; codecs=opus", seconds: 3, ptt: true }, base64: Buffer.from(voiceNote).toString("base64") },
        messageType: "audioMessage",
        messageTimestamp: Math.floor(Date.now() / 1000),
      },
    });
    expect(webhook.status).toBe(200);
    const [message] = await t.db.select().from(messages).where(eq(messages.providerMessageId, providerId));
    const url = `${PUBLIC_URL}/api/media/${message!.id}`;

    // Sent before the file is fetched: the URL is there, the file is not yet.
    await t.webhookDispatcher.runDue();
    const [first] = deliveredTo("/voice", endpoint).map((request) => request.json);
    expect(first!.data).toMatchObject({ id: message!.id, phone: "+212663333333", type: "audio" });
    expect(first!.data.media).toEqual({ url, type: "audio", mimeType: null, size: null, durationSeconds: null, caption: null, status: "pending", error: null });
    // The receiver reaches Confirma at PUBLIC_URL; here the app is called directly, on the URL's path below the base.
    const path = new URL(url).pathname.slice(new URL(PUBLIC_URL).pathname.length);
    const early = await t.call("GET", path);
    expect(early.status).toBe(404);
    expect(early.body.error).toMatchObject({ code: "media_unavailable", details: { status: "pending" } });

    // The file is fetched; the retry (the receiver failed the first attempt) says so.
    await t.jobRunner.runDue();
    t.clock.advance(RETRY_DELAYS_MS[0]!);
    await t.webhookDispatcher.runDue();
    const [firstRequest, retry] = deliveredTo("/voice", endpoint);
    expect(retry!.headers.get("webhook-id")).toBe(firstRequest!.headers.get("webhook-id"));
    expect(retry!.json.data.media).toEqual({
      url,
      type: "audio",
      mimeType: "audio/ogg",
      size: voiceNote.byteLength,
      durationSeconds: 3,
      caption: null,
      status: "stored",
      error: null,
    });
    const log = await t.call("GET", `/api/outbound-webhooks/${endpoint.id}/deliveries`);
    expect(log.body.items[0]).toMatchObject({ status: "delivered", attempts: 2, payload: { data: { media: { url, status: "stored" } } } });

    const served = await t.app.request(path, { headers: { "x-api-key": TEST_KEY } });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("audio/ogg");
    expect(Buffer.from(await served.arrayBuffer()).equals(voiceNote)).toBe(true);
    expect((await t.call("GET", path, undefined, { key: null })).status).toBe(401);
  });

  test("a change that rolls back sends nothing, though its trigger ran inside the transaction", async () => {
    const endpoint = await register("/rollback");
    const { orderId } = await pendingOrder();
    await t.webhookDispatcher.runDue();
    const before = deliveredTo("/rollback", endpoint).length;
    const [{ n: queued } = { n: 0 }] = await t.db.select({ n: count() }).from(outboundDeliveries);
    let insideTransaction = 0;
    await expect(
      t.db.transaction(async (tx) => {
        await tx.update(orders).set({ status: "confirmed" }).where(eq(orders.id, orderId));
        await tx
          .insert(statusChanges)
          .values({ entity: "order", entityId: orderId, fromStatus: "pending", toStatus: "confirmed", actorType: "system", reason: "test" });
        [{ n: insideTransaction } = { n: 0 }] = await tx.select({ n: count() }).from(outboundDeliveries);
        throw new Error("the change fails after its status change was written");
      }),
    ).rejects.toThrow("the change fails");
    expect(insideTransaction).toBe(queued + 2);
    const [{ n: after } = { n: 0 }] = await t.db.select({ n: count() }).from(outboundDeliveries);
    expect(after).toBe(queued);
    expect(await t.webhookDispatcher.runDue()).toBe(0);
    expect(deliveredTo("/rollback", endpoint)).toHaveLength(before);
  });

  test("no endpoint: the triggers write nothing", async () => {
    await pendingOrder();
    expect(await t.db.select().from(outboundDeliveries)).toHaveLength(0);
  });
});

describe("retries and disabling", () => {
  test("a 500 is retried 5 s later with the same webhook-id, each attempt signed; the log shows the attempts", async () => {
    const endpoint = await register("/flaky");
    answers.set("/flaky", [500]);
    t.clock.set(new Date());
    await pendingOrder();
    await t.webhookDispatcher.runDue();
    let [delivery] = await deliveriesOf(endpoint);
    expect(delivery).toMatchObject({ event: "order.created", status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500" });
    expect(Date.parse(delivery!.nextAttemptAt!) - t.clock.now().getTime()).toBe(5_000);
    expect((await t.call("GET", `/api/outbound-webhooks/${endpoint.id}`)).body.failingSince).toBeString();

    t.clock.advance(4_000);
    expect(await t.webhookDispatcher.runDue()).toBe(0);
    t.clock.advance(1_000);
    expect(await t.webhookDispatcher.runDue()).toBe(1);
    const attempts = deliveredTo("/flaky", endpoint);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.headers.get("webhook-id")).toBe(attempts[0]!.headers.get("webhook-id")!);
    expect(new TextDecoder().decode(attempts[1]!.body)).toBe(new TextDecoder().decode(attempts[0]!.body));
    [delivery] = await deliveriesOf(endpoint);
    expect(delivery).toMatchObject({
      status: "delivered",
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
      messageId: attempts[0]!.headers.get("webhook-id"),
    });
    expect((await t.call("GET", `/api/outbound-webhooks/${endpoint.id}`)).body.failingSince).toBeNull();
  });

  test("410 Gone disables the endpoint with the reason and stops its pending deliveries; enabling it again clears the reason", async () => {
    const endpoint = await register("/gone");
    answers.set("/gone", [500, 410]);
    t.clock.set(new Date());
    await pendingOrder();
    await t.webhookDispatcher.runDue();
    const { orderId } = await pendingOrder();
    await t.webhookDispatcher.runDue();
    const state = (await t.call("GET", `/api/outbound-webhooks/${endpoint.id}`)).body;
    expect(state).toMatchObject({ enabled: false, disabledReason: "the endpoint answered 410 Gone" });
    const log = await deliveriesOf(endpoint);
    expect(log.map((delivery) => [delivery.status, delivery.lastStatusCode])).toEqual([
      ["failed", 410],
      ["failed", 500],
    ]);
    expect(log[1]!.lastError).toContain("the endpoint was disabled");
    // Disabled: later changes queue nothing for it, and the retry that was due is not sent.
    await t.call("PUT", `/api/orders/${orderId}`, { status: "cancelled" });
    t.clock.advance(RETRY_DELAYS_MS[0]);
    expect(await t.webhookDispatcher.runDue()).toBe(0);
    expect(await deliveriesOf(endpoint)).toHaveLength(2);
    expect(deliveredTo("/gone", endpoint)).toHaveLength(2);
    expect((await t.call("POST", `/api/outbound-webhooks/${endpoint.id}/test`)).body.error.code).toBe("conflict");

    const enabled = await t.call("PATCH", `/api/outbound-webhooks/${endpoint.id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null, failingSince: null });
  });

  test("an endpoint that fails every attempt is tried ten times over about three days, then the delivery is given up and the endpoint disabled", async () => {
    const endpoint = await register("/down");
    answers.set("/down", Array(20).fill(503));
    const start = new Date();
    t.clock.set(start);
    await pendingOrder();
    await t.webhookDispatcher.runDue();
    for (const delay of RETRY_DELAYS_MS) {
      const [delivery] = await deliveriesOf(endpoint);
      expect(delivery!.status).toBe("pending");
      t.clock.advance(delay);
      expect(await t.webhookDispatcher.runDue()).toBe(1);
    }
    expect(deliveredTo("/down", endpoint)).toHaveLength(10);
    expect(new Set(deliveredTo("/down", endpoint).map((request) => request.headers.get("webhook-id"))).size).toBe(1);
    const [delivery] = await deliveriesOf(endpoint);
    expect(delivery).toMatchObject({ status: "failed", attempts: 10, lastStatusCode: 503 });
    expect(t.clock.now().getTime() - start.getTime()).toBeGreaterThan(3 * 24 * 3_600_000);
    const state = (await t.call("GET", `/api/outbound-webhooks/${endpoint.id}`)).body;
    expect(state).toMatchObject({ enabled: false, disabledReason: "every attempt failed for 72 hours (last: HTTP 503)" });
    answers.delete("/down");
  });

  test("a redirect is not followed: it is a failed attempt", async () => {
    const endpoint = await register("/moved");
    answers.set("/moved", [301]);
    await t.call("POST", `/api/outbound-webhooks/${endpoint.id}/test`);
    await t.webhookDispatcher.runDue();
    const [delivery] = await deliveriesOf(endpoint);
    expect(delivery).toMatchObject({ status: "pending", lastStatusCode: 301 });
    expect(delivery!.lastError).toContain("redirect");
  });

  test("a delivery claimed by a dispatcher that died is sent when its lease runs out, not lost", async () => {
    const endpoint = await register("/lease");
    t.clock.set(new Date());
    await t.call("POST", `/api/outbound-webhooks/${endpoint.id}/test`);
    // A dispatcher claims it, then its process dies before settling.
    expect(await claimDueDeliveries(t.db, { now: t.clock.now(), limit: 10, leaseMs: 60_000 })).toHaveLength(1);
    expect(await t.webhookDispatcher.runDue()).toBe(0);
    t.clock.advance(60_000);
    expect(await t.webhookDispatcher.runDue()).toBe(1);
    expect(deliveredTo("/lease", endpoint)).toHaveLength(1);
    expect((await deliveriesOf(endpoint))[0]).toMatchObject({ status: "delivered", attempts: 2 });
  });

  test("a running dispatcher is woken by the commit's NOTIFY: the event goes out without waiting for a poll", async () => {
    const endpoint = await register("/live");
    const live = new WebhookDispatcher({ db: t.db, listen: t.database.listen, fetch: createGuardedFetch({ allowPrivateNetworks: true }), pollMs: 60_000 });
    await live.start();
    try {
      await Bun.sleep(300); // its first pass found nothing due; from now on it waits
      await pendingOrder();
      const deadline = Date.now() + 5_000;
      while (deliveredTo("/live", endpoint).length === 0 && Date.now() < deadline) await Bun.sleep(20);
      expect(deliveredTo("/live", endpoint).map((request) => request.json.type)).toEqual(["order.created"]);
    } finally {
      await live.stop();
    }
  });

  test("two dispatchers on one database send each delivery once", async () => {
    const endpoint = await register("/shared");
    for (let index = 0; index < 4; index++) await pendingOrder();
    const dispatcher = () => new WebhookDispatcher({ db: t.db, fetch: createGuardedFetch({ allowPrivateNetworks: true }), batchSize: 1 });
    const [first, second] = await Promise.all([dispatcher().runDue(), dispatcher().runDue()]);
    expect(first + second).toBe(4);
    const ids = deliveredTo("/shared", endpoint).map((request) => request.headers.get("webhook-id"));
    expect(new Set(ids).size).toBe(4);
    expect(ids).toHaveLength(4);
  });
});

describe("test events and the delivery log", () => {
  test("POST /:id/test answers 202 and sends a signed webhook.test, whatever the endpoint subscribed to", async () => {
    const endpoint = await register("/test-event", ["message.received"]);
    const queued = await t.call("POST", `/api/outbound-webhooks/${endpoint.id}/test`);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      event: "webhook.test",
      status: "pending",
      attempts: 0,
      nextAttemptAt: null,
      payload: { type: "webhook.test", data: { webhookId: endpoint.id } },
    });
    expect(await t.webhookDispatcher.runDue()).toBe(1);
    const [request] = deliveredTo("/test-event", endpoint);
    expect(request!.json).toMatchObject({ type: "webhook.test", data: { webhookId: endpoint.id } });
    expect(request!.headers.get("webhook-id")).toBe(queued.body.messageId);
    expect((await t.call("POST", "/api/outbound-webhooks/no-such-endpoint/test")).status).toBe(404);
  });

  test("the log pages newest first and filters by status", async () => {
    const endpoint = await register("/log");
    answers.set("/log", [500]);
    for (let index = 0; index < 3; index++) await t.call("POST", `/api/outbound-webhooks/${endpoint.id}/test`);
    await t.webhookDispatcher.runDue();
    const first = await t.call("GET", `/api/outbound-webhooks/${endpoint.id}/deliveries?limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await t.call("GET", `/api/outbound-webhooks/${endpoint.id}/deliveries?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ nextCursor: null });
    const ids = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const pending = await t.call("GET", `/api/outbound-webhooks/${endpoint.id}/deliveries?status=pending`);
    expect(pending.body.items).toHaveLength(1);
    expect(pending.body.items[0]).toMatchObject({ lastStatusCode: 500, attempts: 1 });
    expect((await t.call("GET", `/api/outbound-webhooks/${endpoint.id}/deliveries?status=lost`)).status).toBe(400);
    expect((await t.call("GET", `/api/outbound-webhooks/${endpoint.id}/deliveries?cursor=nope`)).status).toBe(400);
  });
});

describe("private, loopback and link-local addresses without OUTBOUND_ALLOW_PRIVATE_NETWORKS", () => {
  test("registering or moving an endpoint there is a 400 url_not_public; a public address is accepted", async () => {
    for (const url of [`${base}/x`, `http://localhost:${receiver.port}/x`, "http://[::1]/x", "http://169.254.169.254/latest", "http://10.0.0.7/hook"]) {
      const response = await strict.call("POST", "/api/outbound-webhooks", { url });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("url_not_public");
      expect(response.body.error.message).toContain("OUTBOUND_ALLOW_PRIVATE_NETWORKS");
    }
    expect((await strict.call("GET", "/api/outbound-webhooks")).body.items).toEqual([]);
    const created = await strict.call("POST", "/api/outbound-webhooks", { url: "https://93.184.215.14/hook" });
    expect(created.status).toBe(201);
    const moved = await strict.call("PATCH", `/api/outbound-webhooks/${created.body.id}`, { url: `${base}/x` });
    expect(moved.body.error.code).toBe("url_not_public");
    expect((await strict.call("GET", `/api/outbound-webhooks/${created.body.id}`)).body.url).toBe("https://93.184.215.14/hook");
    await strict.call("DELETE", `/api/outbound-webhooks/${created.body.id}`);
  });

  test("at delivery time too: an endpoint that points there now is refused, not retried, and nothing reaches it", async () => {
    // As if its name had resolved to a public address when it was registered.
    const [endpoint] = await strict.db
      .insert(outboundWebhooks)
      .values({ url: `${base}/private`, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" })
      .returning();
    await strict.call("POST", `/api/outbound-webhooks/${endpoint!.id}/test`);
    expect(await strict.webhookDispatcher.runDue()).toBe(1);
    const [delivery] = (await strict.call("GET", `/api/outbound-webhooks/${endpoint!.id}/deliveries`)).body.items;
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null });
    expect(delivery.lastError).toContain("OUTBOUND_ALLOW_PRIVATE_NETWORKS");
    expect(received.filter((request) => request.path === "/private")).toHaveLength(0);
  });
});
