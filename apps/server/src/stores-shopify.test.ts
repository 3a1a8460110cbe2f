import { afterAll, describe, expect, test } from "bun:test";
import { jobs } from "@confirma/db";
import { and, eq } from "drizzle-orm";
import { createHmac } from "node:crypto";
import { startFakeShopifyAdmin } from "./testing/fake-shopify-admin.ts";
import { openTestApp } from "./testing/test-app.ts";

// A Shopify store end to end: order webhooks signed as Shopify signs them, posted on raw bytes to
// the store's address, and the outcome written back to a fake Shopify Admin API on 127.0.0.1 that
// parses the GraphQL it receives and answers as Shopify does (cost, THROTTLED, 401).

const SIGNING_KEY = "9f3c1e0a7b5d4c2e8f6a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e";
const ACCESS_TOKEN = "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";

const shopify = startFakeShopifyAdmin();
shopify.acceptToken(ACCESS_TOKEN);
const t = await openTestApp({ OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true" });
afterAll(async () => {
  await t.close();
  shopify.stop();
});

let store: { id: string; webhookUrl: string };
let sequence = 0;

/** An order webhook payload as Shopify sends it (the REST Order resource), for a COD order in Morocco. */
function shopifyOrder(id: number, overrides: Record<string, unknown> = {}) {
  const address = {
    first_name: "Youssef",
    last_name: "Amrani",
    name: "Youssef Amrani",
    company: null,
    address1: "12 Rue Atlas",
    address2: "Appt 4",
    city: "Casablanca",
    province: "Casablanca-Settat",
    province_code: "06",
    zip: "20250",
    country: "Morocco",
    country_code: "MA",
    phone: "0661234567",
  };
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: "#1001",
    created_at: "2026-11-29T09:58:00+01:00",
    updated_at: "2026-11-29T09:58:02+01:00",
    cancelled_at: null,
    test: false,
    email: "youssef@example.com",
    phone: null,
    currency: "MAD",
    financial_status: "pending",
    gateway: "Cash on Delivery (COD)",
    payment_gateway_names: ["Cash on Delivery (COD)"],
    note: "Livrer après 18h",
    total_price: "628.00",
    current_total_price: "628.00",
    customer: { id: 7208877195421, email: "youssef@example.com", first_name: "Youssef", last_name: "Amrani", phone: null },
    billing_address: { ...address, phone: null },
    shipping_address: address,
    line_items: [
      {
        id: 13981402054813,
        product_id: 8471029367005,
        variant_id: 45126783000733,
        sku: "DJL-BEI-M",
        title: "Djellaba brodée",
        variant_title: "Beige / M",
        name: "Djellaba brodée - Beige / M",
        price: "299.00",
        quantity: 2,
        current_quantity: 2,
      },
    ],
    shipping_lines: [{ id: 4303065809045, title: "Livraison standard", price: "30.00" }],
    ...overrides,
  };
}

interface DeliveryOptions {
  topic?: string;
  webhookId?: string;
  eventId?: string;
  key?: string;
  to?: { webhookUrl: string };
  shop?: string;
  /** Post other bytes than the ones signed: `tamper` flips one byte, `reserialise` re-encodes the JSON. */
  alter?: "tamper" | "reserialise";
}

/** Posts one delivery as Shopify does: pretty-printed JSON, signed on its exact bytes. */
async function deliver(payload: unknown, options: DeliveryOptions = {}) {
  sequence++;
  const { topic = "orders/create", webhookId = `b54557e4-bdd9-4b37-8a5f-${String(sequence).padStart(12, "0")}`, eventId = `98880550-${sequence}` } = options;
  const text = JSON.stringify(payload, null, 2);
  let bytes = new TextEncoder().encode(text);
  const hmac = createHmac("sha256", options.key ?? SIGNING_KEY)
    .update(bytes)
    .digest("base64");
  if (options.alter === "tamper") bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
  if (options.alter === "reserialise") bytes = new TextEncoder().encode(JSON.stringify(JSON.parse(text)));
  const response = await t.app.request(new URL((options.to ?? store).webhookUrl).pathname, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-hmac-sha256": hmac,
      "x-shopify-shop-domain": options.shop ?? "atlas-shop.myshopify.com",
      "x-shopify-api-version": "2026-10",
      "x-shopify-webhook-id": webhookId,
      "x-shopify-event-id": eventId,
      "x-shopify-triggered-at": new Date().toISOString(),
    },
    body: bytes,
  });
  return { status: response.status, body: (await response.json()) as any, webhookId, eventId };
}

const getOrder = async (id: string) => (await t.call("GET", `/api/orders/${id}`)).body;
const storeOrders = async (storeId = store.id) => (await t.call("GET", `/api/orders?storeId=${storeId}`)).body.items as { id: string; externalId: string }[];
const writeBackJobs = (orderId: string) =>
  t.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, "store_write_back"), eq(jobs.orderId, orderId)));

/** A new store order with its own customer, known to the fake shop; returns the Confirma order id. */
async function placeOrder(id: number, phone: string, overrides: Record<string, unknown> = {}) {
  shopify.addOrder(id, { note: "Livrer après 18h" });
  const address = { ...shopifyOrder(id).shipping_address, phone };
  const response = await deliver(shopifyOrder(id, { name: `#${id % 10_000}`, shipping_address: address, ...overrides }));
  expect(response.body.outcome).toBe("created");
  return response.body.orderId as string;
}

describe("connecting a Shopify store", () => {
  test("POST /api/stores with the shop domain, the signing key and the Admin API token", async () => {
    const response = await t.call("POST", "/api/stores", {
      platform: "shopify",
      name: "Atlas Shopify",
      shopDomain: "atlas-shop.myshopify.com",
      webhookSecret: SIGNING_KEY,
      accessToken: ACCESS_TOKEN,
      apiUrl: shopify.url,
      defaultCountry: "MA",
      defaultCurrency: "MAD",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ platform: "shopify", shopDomain: "atlas-shop.myshopify.com", confirm: "cod" });
    expect(response.body.setup).toContain("Order creation, Order update and Order cancellation");
    expect(JSON.stringify(response.body)).not.toContain(ACCESS_TOKEN);
    store = response.body;
  });
});

describe("orders from Shopify", () => {
  let orderId = "";
  let first: { webhookId: string; eventId: string };

  test("a signed orders/create makes the order: store, #1001, address, lines, COD, the Moroccan phone", async () => {
    shopify.addOrder(5678901234567, { note: "Livrer après 18h" });
    const response = await deliver(shopifyOrder(5678901234567));
    expect(response).toMatchObject({ status: 200, body: { ok: true, outcome: "created" } });
    first = response;
    orderId = response.body.orderId;
    const order = await getOrder(orderId);
    expect(order).toMatchObject({
      storeId: store.id,
      externalId: "5678901234567",
      externalNumber: "#1001",
      status: "pending",
      currency: "MAD",
      total: 628,
      paymentMethod: "Cash on Delivery (COD)",
      customerEmail: "youssef@example.com",
      note: "Livrer après 18h",
      isTest: false,
      needsReview: false,
      shippingAddress: {
        name: "Youssef Amrani",
        address1: "12 Rue Atlas",
        address2: "Appt 4",
        city: "Casablanca",
        region: "Casablanca-Settat",
        postcode: "20250",
        country: "MA",
        phone: "0661234567",
      },
      products: [{ id: "8471029367005", variantId: "45126783000733", sku: "DJL-BEI-M", name: "Djellaba brodée - Beige / M", price: 299, quantity: 2 }],
    });
    expect((await t.call("GET", `/api/clients/${order.clientId}`)).body).toMatchObject({ phoneNumber: "+212661234567", name: "Youssef Amrani" });
    expect((await t.call("GET", `/api/stores/${store.id}`)).body.health.lastOrderAt).not.toBeNull();
  });

  test("the same delivery again, or the same event from a second subscription, makes no second order", async () => {
    expect((await deliver(shopifyOrder(5678901234567), first)).body.outcome).toBe("duplicate");
    expect((await deliver(shopifyOrder(5678901234567), { eventId: first.eventId, webhookId: "second-subscription" })).body.outcome).toBe("duplicate");
    expect((await deliver(shopifyOrder(5678901234567), { webhookId: first.webhookId, eventId: "" })).body.outcome).not.toBe("created");
    expect((await storeOrders()).filter((order) => order.externalId === "5678901234567")).toHaveLength(1);
  });

  test("one changed byte, re-serialised JSON, another key or no signature is refused and stores nothing", async () => {
    const payload = shopifyOrder(5678900000001, { name: "#9001" });
    const tampered = await deliver(payload, { alter: "tamper" });
    expect(tampered).toMatchObject({ status: 401, body: { error: { code: "invalid_signature" } } });
    expect((await deliver(payload, { alter: "reserialise" })).status).toBe(401);
    expect((await deliver(payload, { key: "another-key" })).status).toBe(401);
    const unsigned = await t.app.request(new URL(store.webhookUrl).pathname, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-topic": "orders/create" },
      body: JSON.stringify(payload),
    });
    expect(unsigned.status).toBe(401);
    expect((await storeOrders()).map((order) => order.externalId)).not.toContain("5678900000001");
  });

  test("a delivery for another shop is refused; a topic Confirma does not use is acknowledged and ignored", async () => {
    const other = await deliver(shopifyOrder(5678900000002), { shop: "someone-else.myshopify.com" });
    expect(other).toMatchObject({ status: 400, body: { error: { code: "invalid_payload" } } });
    expect((await deliver({ id: 1 }, { topic: "orders/paid" })).body).toMatchObject({ ok: true, outcome: "ignored" });
  });

  test("orders/updated before its orders/create makes the order, once", async () => {
    const payload = shopifyOrder(5678901234568, { name: "#1002", shipping_address: { ...shopifyOrder(1).shipping_address, phone: "0662000002" } });
    const updated = await deliver(payload, { topic: "orders/updated" });
    expect(updated.body.outcome).toBe("created");
    const created = await deliver(payload, { topic: "orders/create" });
    expect(created.body).toMatchObject({ orderId: updated.body.orderId });
    expect(["unchanged", "stale"]).toContain(created.body.outcome);
    expect((await storeOrders()).filter((order) => order.externalId === "5678901234568")).toHaveLength(1);
  });

  test("an order without a phone anywhere is stored and sent to review with the reason no_phone", async () => {
    const address = { ...shopifyOrder(1).shipping_address, phone: null };
    const response = await deliver(shopifyOrder(5678901234569, { name: "#1003", phone: null, shipping_address: address, billing_address: address }));
    expect(response.body).toMatchObject({ outcome: "created", flagged: "no_phone" });
    expect(await getOrder(response.body.orderId)).toMatchObject({ status: "pending", needsReview: true, reviewReason: "no_phone" });
    const review = (await t.call("GET", "/api/orders?needsReview=true")).body.items.map((item: { id: string }) => item.id);
    expect(review).toContain(response.body.orderId);
  });

  test("a test order is marked as one", async () => {
    const address = { ...shopifyOrder(1).shipping_address, phone: "0662000099" };
    const response = await deliver(shopifyOrder(5678901234570, { name: "#1004", test: true, shipping_address: address }));
    expect((await getOrder(response.body.orderId)).isTest).toBe(true);
  });

  test("the customer's “Oui” on WhatsApp reaches the Shopify order once: the tag and the note line", async () => {
    await t.jobRunner.runDue(); // the confirmation requests go out
    const before = shopify.requests.length;
    const reply = await t.call("POST", "/api/webhook/whatsapp", { from: "212661234567@s.whatsapp.net", body: "Oui je confirme", type: "text" });
    expect(reply.status).toBe(200);
    expect((await getOrder(orderId)).status).toBe("confirmed");

    await t.jobRunner.runDue();
    const calls = shopify.calls.filter((call) => JSON.stringify(call.args).includes("gid://shopify/Order/5678901234567"));
    expect(calls.map((call) => call.field)).toEqual(["tagsAdd", "orderUpdate"]);
    expect(calls[0]!.args).toEqual({ id: "gid://shopify/Order/5678901234567", tags: ["confirma-confirmed"] });
    const line = /^Confirma: confirmé par le client sur WhatsApp \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$/;
    const note = (calls[1]!.args.input as { note: string }).note.split("\n");
    expect(note[0]).toBe("Livrer après 18h");
    expect(note[1]).toMatch(line);
    expect(shopify.order(5678901234567)).toMatchObject({ tags: ["confirma-confirmed"], note: note.join("\n") });
    expect(shopify.requests.slice(before).every((request) => request.token === ACCESS_TOKEN && request.version === "2026-10")).toBe(true);

    const order = await getOrder(orderId);
    expect(order.writeBack.at).not.toBeNull();
    expect(order.writeBack.error).toBeNull();
    expect((await t.call("GET", `/api/stores/${store.id}`)).body.health).toMatchObject({ lastWriteBackError: null, lastWriteBackAt: expect.any(String) });

    // Nothing is due any more: running again sends nothing.
    const after = shopify.requests.length;
    await t.jobRunner.runDue();
    expect(shopify.requests.length).toBe(after);
    expect(await writeBackJobs(orderId)).toMatchObject([{ status: "done" }]);
  });

  test("Shopify's orders/updated echo of the write-back changes nothing and writes nothing back", async () => {
    const echoed = shopifyOrder(5678901234567, {
      updated_at: "2026-11-29T10:02:05+01:00",
      note: shopify.order(5678901234567)!.note,
      tags: "confirma-confirmed",
    });
    expect((await deliver(echoed, { topic: "orders/updated" })).body).toMatchObject({ outcome: "unchanged", orderId });
    expect(await getOrder(orderId)).toMatchObject({ status: "confirmed", note: "Livrer après 18h", needsReview: false });
    await t.jobRunner.runDue();
    expect(await writeBackJobs(orderId)).toHaveLength(1);
  });
});

describe("Shopify's limits and refusals", () => {
  test("THROTTLED is retried after the delay, then the write-back goes through", async () => {
    const id = await placeOrder(5678901234571, "0663000004");
    expect((await t.call("PUT", `/api/orders/${id}`, { status: "confirmed" })).status).toBe(200);
    shopify.throttle(1);
    await t.jobRunner.runDue();
    expect(await writeBackJobs(id)).toMatchObject([{ status: "pending", attempts: 1, lastError: expect.stringContaining("THROTTLED") }]);
    expect((await getOrder(id)).writeBack.error).toContain("THROTTLED");
    expect(shopify.order(5678901234571)!.tags).toEqual([]);

    t.clock.advance(60_000);
    await t.jobRunner.runDue();
    expect(await writeBackJobs(id)).toMatchObject([{ status: "done", attempts: 2 }]);
    expect(shopify.order(5678901234571)).toMatchObject({ tags: ["confirma-confirmed"], note: expect.stringContaining("Confirma: confirmé via l'API") });
    expect((await getOrder(id)).writeBack).toMatchObject({ at: expect.any(String), error: null });
  });

  test("a revoked token (401) fails the job for good, and the store and the order say why", async () => {
    const id = await placeOrder(5678901234572, "0663000005");
    shopify.revokeToken(ACCESS_TOKEN);
    await t.call("PUT", `/api/orders/${id}`, { status: "confirmed" });
    await t.jobRunner.runDue();
    const [job] = await writeBackJobs(id);
    expect(job).toMatchObject({ status: "failed", attempts: 1 });
    expect((await getOrder(id)).writeBack.error).toContain("Shopify refused the access token (401)");
    expect((await t.call("GET", `/api/stores/${store.id}`)).body.health.lastWriteBackError).toContain("401");

    const sent = shopify.requests.length;
    t.clock.advance(6 * 3_600_000);
    await t.jobRunner.runDue();
    expect(shopify.requests.length).toBe(sent);
    shopify.acceptToken(ACCESS_TOKEN);
  });
});

describe("cancelling in Shopify", () => {
  test("off by default: a cancellation tags the Shopify order and leaves it open", async () => {
    const id = await placeOrder(5678901234573, "0663000006");
    await t.call("PUT", `/api/orders/${id}`, { status: "cancelled" });
    await t.jobRunner.runDue();
    const calls = shopify.calls.filter((call) => JSON.stringify(call.args).includes("5678901234573"));
    expect(calls.map((call) => call.field)).toEqual(["tagsAdd", "orderUpdate"]);
    expect(shopify.order(5678901234573)).toMatchObject({ tags: ["confirma-cancelled"], cancelledAt: null });
  });

  test("with it off, a cancellation made in Shopify after an agent reopened the order cancels it", async () => {
    const id = await placeOrder(5678901234576, "0663000009");
    await t.call("PUT", `/api/orders/${id}`, { status: "cancelled" });
    await t.jobRunner.runDue();
    await t.call("PUT", `/api/orders/${id}`, { status: "pending" });
    await t.jobRunner.runDue();
    expect(shopify.order(5678901234576)).toMatchObject({ tags: ["confirma-pending"], cancelledAt: null });
    // The shop owner cancels it in Shopify: the store's own decision.
    const now = new Date().toISOString();
    shopify.order(5678901234576)!.cancelledAt = now;
    const cancelled = await deliver(shopifyOrder(5678901234576, { name: "#4576", cancelled_at: now, updated_at: now }), { topic: "orders/cancelled" });
    expect(cancelled.body).toMatchObject({ outcome: "cancelled", orderId: id });
    expect((await getOrder(id)).status).toBe("cancelled");
  });

  test("when the merchant enables it, the order is cancelled in Shopify, and Shopify's own orders/cancelled changes nothing more", async () => {
    const patched = await t.call("PATCH", `/api/stores/${store.id}`, { writeBack: { cancelOrder: true } });
    expect(patched.body.writeBack).toMatchObject({ cancelOrder: true });
    const id = await placeOrder(5678901234574, "0663000007");
    await t.call("PUT", `/api/orders/${id}`, { status: "cancelled" });
    await t.jobRunner.runDue();
    const cancel = shopify.calls.find((call) => call.field === "orderCancel");
    expect(cancel?.args).toEqual({
      orderId: "gid://shopify/Order/5678901234574",
      reason: "CUSTOMER",
      restock: true,
      refundMethod: { originalPaymentMethodsRefund: false },
      notifyCustomer: false,
      staffNote: expect.stringMatching(/^Confirma: annulé via l'API \(/),
    });
    expect(shopify.order(5678901234574)!.cancelledAt).not.toBeNull();

    const echo = await deliver(
      shopifyOrder(5678901234574, { name: "#4574", cancelled_at: "2026-11-29T12:00:00+01:00", updated_at: "2026-11-29T12:00:01+01:00" }),
      {
        topic: "orders/cancelled",
      },
    );
    expect(echo.status).toBe(200);
    expect(await writeBackJobs(id)).toHaveLength(1);
    expect(shopify.calls.filter((call) => call.field === "orderCancel")).toHaveLength(1);
  });

  test("Shopify's echo of that cancellation, arriving after an agent reopened the order, does not cancel it again", async () => {
    const id = await placeOrder(5678901234575, "0663000008");
    await t.call("PUT", `/api/orders/${id}`, { status: "cancelled" });
    await t.jobRunner.runDue();
    const cancelledAt = shopify.order(5678901234575)!.cancelledAt;
    expect(cancelledAt).not.toBeNull();
    // The customer calls back; the agent reopens the order. Shopify cannot reopen a cancelled
    // order: it stays cancelled there, and every later version of it says so.
    await t.call("PUT", `/api/orders/${id}`, { status: "pending" });
    await t.jobRunner.runDue();
    expect(shopify.order(5678901234575)).toMatchObject({ tags: ["confirma-pending"], cancelledAt });
    const later = new Date(Date.now() + 60_000).toISOString();
    const cancelledEcho = shopifyOrder(5678901234575, { name: "#4575", cancelled_at: cancelledAt, updated_at: later });
    expect((await deliver(cancelledEcho, { topic: "orders/cancelled" })).body.outcome).not.toBe("cancelled");
    expect((await getOrder(id)).status).toBe("pending");
    // The orders/updated that the tag write caused carries the same cancellation.
    const tagEcho = { ...cancelledEcho, tags: "confirma-pending", updated_at: new Date(Date.now() + 120_000).toISOString() };
    expect((await deliver(tagEcho, { topic: "orders/updated" })).body.outcome).not.toBe("cancelled");
    expect((await t.call("PUT", `/api/orders/${id}`, { status: "confirmed" })).status).toBe(200);
    expect((await getOrder(id)).status).toBe("confirmed");
  });
});

describe("a store connected with a Dev Dashboard app (client credentials)", () => {
  test("Confirma asks Shopify for the token with the client ID and secret, once, and writes back with it", async () => {
    const souk = startFakeShopifyAdmin({ shopDomain: "souk-shop.myshopify.com" });
    try {
      souk.installApp("c0ffee00c0ffee00c0ffee00c0ffee00", "shpss_app_client_secret");
      const created = await t.call("POST", "/api/stores", {
        platform: "shopify",
        name: "Souk",
        shopDomain: "souk-shop.myshopify.com",
        webhookSecret: "notifications-signing-key",
        consumerKey: "c0ffee00c0ffee00c0ffee00c0ffee00",
        consumerSecret: "shpss_app_client_secret",
        apiUrl: souk.url,
        defaultCountry: "MA",
      });
      expect(created.status).toBe(201);
      const ids: string[] = [];
      for (const [index, phone] of ["0664000001", "0664000002"].entries()) {
        const shopifyId = 7000000000001 + index;
        souk.addOrder(shopifyId);
        const address = { ...shopifyOrder(1).shipping_address, phone };
        const response = await deliver(shopifyOrder(shopifyId, { name: `#${2001 + index}`, shipping_address: address }), {
          key: "notifications-signing-key",
          to: created.body,
          shop: "souk-shop.myshopify.com",
        });
        expect(response.body.outcome).toBe("created");
        ids.push(response.body.orderId);
        await t.call("PUT", `/api/orders/${response.body.orderId}`, { status: "confirmed" });
        await t.jobRunner.runDue();
      }
      expect(souk.requests.filter((request) => request.path === "/admin/oauth/access_token")).toHaveLength(1);
      expect(souk.requests.filter((request) => request.token === "shpat_granted_1")).toHaveLength(4);
      expect(souk.order(7000000000001)!.tags).toEqual(["confirma-confirmed"]);
      expect(souk.order(7000000000002)!.tags).toEqual(["confirma-confirmed"]);
      for (const id of ids) expect((await getOrder(id)).writeBack.error).toBeNull();
    } finally {
      souk.stop();
    }
  });
});
