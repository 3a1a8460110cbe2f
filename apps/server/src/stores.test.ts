import { afterAll, describe, expect, test } from "bun:test";
import { jobs } from "@confirma/db";
import { signWebhook } from "@confirma/stores";
import { eq } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

// The store surface every platform shares, driven through the `custom` platform (Confirma's own
// order format, signed as Standard Webhooks): REST management without secrets, one order per
// store order, duplicates, out-of-order updates, no phone, cancellation, the storeId filter.

const t = await openTestApp({ PUBLIC_URL: "https://confirma.example.com/base" });
afterAll(() => t.close());

let store: { id: string; webhookUrl: string; webhookSecret: string };
let delivery = 0;

function orderData(overrides: Record<string, unknown> = {}) {
  return {
    id: "1001",
    number: "#1001",
    updatedAt: "2026-11-29T10:00:00Z",
    customer: { name: "Youssef Amrani", phone: "0661234567", email: "youssef@example.com" },
    shippingAddress: { name: "Youssef Amrani", address1: "12 rue Atlas", city: "Casablanca", region: "Casablanca-Settat", postcode: "20000", country: "MA" },
    products: [{ id: "p1", variantId: "v1", sku: "DJ-M", name: "Djellaba", price: "299.50", quantity: 1 }],
    total: "329.50",
    paymentMethod: "cod",
    ...overrides,
  };
}

async function deliver(type: string, data: unknown, { id = `msg_${++delivery}`, secret = store.webhookSecret, tamper = false } = {}) {
  const body = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
  const timestamp = Math.floor(Date.now() / 1000);
  const bytes = new TextEncoder().encode(body);
  const signature = signWebhook(secret, id, timestamp, bytes);
  if (tamper) bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
  const response = await t.app.request(new URL(store.webhookUrl).pathname.replace(/^\/base/, ""), {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signature },
    body: bytes,
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe("managing stores over REST", () => {
  test("POST /api/stores creates a store: 201, absolute webhookUrl, the generated secret shown once", async () => {
    const response = await t.call("POST", "/api/stores", { platform: "custom", name: "Boutique Atlas", defaultCountry: "ma", defaultCurrency: "mad" });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ platform: "custom", name: "Boutique Atlas", defaultCountry: "MA", defaultCurrency: "MAD", confirm: "cod" });
    expect(response.body.webhookUrl).toBe(`https://confirma.example.com/base/api/webhook/stores/${response.body.id}`);
    expect(response.body.webhookSecret).toMatch(/^whsec_/);
    store = response.body;
  });

  test("secrets never come back: not in GET, list, PATCH", async () => {
    const got = await t.call("GET", `/api/stores/${store.id}`);
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.body)).not.toContain(store.webhookSecret.slice(6, 20));
    expect(got.body.webhookSecret).toBeUndefined();
    expect(got.body.credentials).toEqual({ webhookSecret: true, accessToken: false, consumerKey: false, consumerSecret: false });
    const created = await t.call("POST", "/api/stores", {
      platform: "shopify",
      name: "S",
      shopDomain: "https://Atlas.myshopify.com/",
      webhookSecret: "shpss_secret_value",
      accessToken: "shpat_token_value",
    });
    expect(created.status).toBe(201);
    expect(created.body.shopDomain).toBe("atlas.myshopify.com");
    const patched = await t.call("PATCH", `/api/stores/${created.body.id}`, { name: "Atlas Shopify", accessToken: "shpat_other_value" });
    expect(patched.status).toBe(200);
    const list = await t.call("GET", "/api/stores");
    const text = JSON.stringify([created.body, patched.body, list.body]);
    for (const secret of ["shpss_secret_value", "shpat_token_value", "shpat_other_value"]) expect(text).not.toContain(secret);
    expect(list.body.items.map((item: { name: string }) => item.name)).toEqual(["Boutique Atlas", "Atlas Shopify"]);
    expect((await t.call("DELETE", `/api/stores/${created.body.id}`)).status).toBe(204);
    expect((await t.call("GET", `/api/stores/${created.body.id}`)).status).toBe(404);
  });

  test("bad input is a 400 with a code and creates nothing; the key is required", async () => {
    expect((await t.call("POST", "/api/stores", { platform: "shopify", name: "S", webhookSecret: "x" })).body.error.code).toBe("missing_field");
    expect((await t.call("POST", "/api/stores", { platform: "etsy", name: "S", webhookSecret: "x" })).status).toBe(400);
    expect((await t.call("POST", "/api/stores", { platform: "custom", name: "S", apiUrl: "ftp://x" })).status).toBe(400);
    expect((await t.call("POST", "/api/stores", { platform: "custom", name: "S", defaultCurrency: "XYZ" })).body.error.code).toBe("invalid_currency");
    expect((await t.call("POST", "/api/stores", { platform: "custom", name: "S", surprise: 1 })).status).toBe(400);
    expect((await t.call("GET", "/api/stores", undefined, { key: null })).status).toBe(401);
    expect((await t.call("GET", "/api/stores")).body.items).toHaveLength(1);
  });
});

describe("orders from a store", () => {
  let orderId = "";

  test("a signed delivery creates one order with the store's ids, address and lines; the Moroccan number is read as +212", async () => {
    const response = await deliver("order.created", orderData());
    expect(response).toMatchObject({ status: 200, body: { ok: true, outcome: "created" } });
    orderId = response.body.orderId;
    const order = (await t.call("GET", `/api/orders/${orderId}`)).body;
    expect(order).toMatchObject({
      storeId: store.id,
      externalId: "1001",
      externalNumber: "#1001",
      currency: "MAD",
      total: 329.5,
      status: "pending",
      needsReview: false,
      paymentMethod: "cod",
      customerEmail: "youssef@example.com",
      isTest: false,
      shippingAddress: { address1: "12 rue Atlas", city: "Casablanca", country: "MA" },
      products: [{ id: "p1", variantId: "v1", sku: "DJ-M", name: "Djellaba", price: 299.5, quantity: 1 }],
      writeBack: { at: null, error: null },
    });
    const client = (await t.call("GET", `/api/clients/${order.clientId}`)).body;
    expect(client).toMatchObject({ phoneNumber: "+212661234567", name: "Youssef Amrani" });
    // The confirmation request is scheduled (COD store order).
    expect(await t.jobRunner.runDue()).toBeGreaterThan(0);
    const thread = (await t.call("GET", `/api/clients/${order.clientId}/messages`)).body.items;
    expect(thread.some((message: { body: string }) => message.body.includes("#1001"))).toBe(true);
  });

  test("the same delivery again, and the same order delivered again, make no second order", async () => {
    const again = await deliver("order.created", orderData(), { id: `msg_${delivery}` });
    expect(again.body.outcome).toBe("duplicate");
    const redelivered = await deliver("order.updated", orderData());
    expect(redelivered.body).toMatchObject({ outcome: "unchanged", orderId });
    expect((await t.call("GET", `/api/orders?storeId=${store.id}`)).body.items).toHaveLength(1);
  });

  test("one changed byte, a wrong secret or no signature is refused and stores nothing", async () => {
    const tampered = await deliver("order.created", orderData({ id: "2002" }), { tamper: true });
    expect(tampered.status).toBe(401);
    expect(tampered.body.error.code).toBe("invalid_signature");
    const wrong = await deliver("order.created", orderData({ id: "2002" }), { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
    expect(wrong.status).toBe(401);
    const unsigned = await t.app.request(`/api/webhook/stores/${store.id}`, {
      method: "POST",
      body: JSON.stringify({ type: "order.created", data: orderData({ id: "2002" }) }),
    });
    expect(unsigned.status).toBe(401);
    const unknownStore = await t.app.request("/api/webhook/stores/no-such-store", { method: "POST", body: "{}" });
    expect(unknownStore.status).toBe(404);
    expect((await t.call("GET", `/api/orders?storeId=${store.id}`)).body.items).toHaveLength(1);
  });

  test("an update before the decision refreshes lines, total and address; an older update is stale", async () => {
    const update = await deliver(
      "order.updated",
      orderData({
        updatedAt: "2026-11-29T11:00:00Z",
        products: [{ id: "p1", name: "Djellaba", price: "299.50", quantity: 2 }],
        total: "629.00",
        shippingAddress: { address1: "14 rue Atlas", city: "Rabat", country: "MA" },
      }),
    );
    expect(update.body.outcome).toBe("updated");
    const stale = await deliver("order.updated", orderData({ updatedAt: "2026-11-29T10:30:00Z", total: "1.00" }));
    expect(stale.body.outcome).toBe("stale");
    const order = (await t.call("GET", `/api/orders/${orderId}`)).body;
    expect(order).toMatchObject({ total: 629, shippingAddress: { address1: "14 rue Atlas", city: "Rabat" }, products: [{ quantity: 2 }], needsReview: false });
  });

  test("an update after confirmation that changes the content is kept and flagged for review", async () => {
    const confirmed = await t.call("PUT", `/api/orders/${orderId}`, { status: "confirmed" });
    expect(confirmed.status).toBe(200);
    const update = await deliver(
      "order.updated",
      orderData({
        updatedAt: "2026-11-29T12:00:00Z",
        total: "659.00",
        products: [
          { id: "p1", name: "Djellaba", price: "299.50", quantity: 2 },
          { id: "p2", name: "Babouches", price: "30.00", quantity: 1 },
        ],
      }),
    );
    expect(update.body).toMatchObject({ outcome: "updated", flagged: "store_changed" });
    const order = (await t.call("GET", `/api/orders/${orderId}`)).body;
    expect(order).toMatchObject({ status: "confirmed", total: 659, needsReview: true, reviewReason: "store_changed" });
    // The confirmation was scheduled for write-back in its own transaction, once.
    const writeBacks = await t.db.select().from(jobs).where(eq(jobs.kind, "store_write_back"));
    expect(writeBacks.map((job) => job.orderId)).toEqual([orderId]);
  });

  test("a cancellation in the store cancels the order here", async () => {
    const cancel = await deliver(
      "order.cancelled",
      orderData({
        updatedAt: "2026-11-29T13:00:00Z",
        total: "659.00",
        products: [
          { id: "p1", name: "Djellaba", price: "299.50", quantity: 2 },
          { id: "p2", name: "Babouches", price: "30.00", quantity: 1 },
        ],
      }),
    );
    expect(cancel.body.outcome).toBe("cancelled");
    expect((await t.call("GET", `/api/orders/${orderId}`)).body.status).toBe("cancelled");
    // What the store did itself is not written back to it.
    expect(await t.db.select().from(jobs).where(eq(jobs.kind, "store_write_back"))).toHaveLength(1);
  });

  test("an update that arrives before its create makes the order, once", async () => {
    const [first, second] = await Promise.all([
      deliver("order.updated", orderData({ id: "3003", number: "#1003" })),
      deliver("order.created", orderData({ id: "3003", number: "#1003" })),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.body.outcome, second.body.outcome].sort()).toEqual(["created", "unchanged"]);
    const list = (await t.call("GET", `/api/orders?storeId=${store.id}`)).body.items;
    expect(list.filter((order: { externalId: string }) => order.externalId === "3003")).toHaveLength(1);
  });

  test("an order without a usable phone is stored and sent to review with that reason, never dropped; a phone added later sends the request", async () => {
    const response = await deliver(
      "order.created",
      orderData({ id: "4004", number: "#1004", customer: { name: "Sans Numéro" }, shippingAddress: { city: "Fès", phone: "n/a" } }),
    );
    expect(response.body).toMatchObject({ outcome: "created", flagged: "no_phone" });
    const order = (await t.call("GET", `/api/orders/${response.body.orderId}`)).body;
    expect(order).toMatchObject({ needsReview: true, reviewReason: "no_phone", status: "pending" });
    const review = (await t.call("GET", "/api/orders?needsReview=true")).body.items;
    expect(review.map((item: { id: string }) => item.id)).toContain(order.id);

    const fixed = await deliver(
      "order.updated",
      orderData({ id: "4004", number: "#1004", updatedAt: "2026-11-29T14:00:00Z", customer: { name: "Sans Numéro", phone: "0662000000" } }),
    );
    expect(fixed.body.outcome).toBe("updated");
    const after = (await t.call("GET", `/api/orders/${order.id}`)).body;
    expect(after).toMatchObject({ needsReview: false, reviewReason: null, client: { phoneNumber: "+212662000000" } });
    await t.jobRunner.runDue();
    const thread = (await t.call("GET", `/api/clients/${after.clientId}/messages`)).body.items;
    expect(thread.some((message: { body: string }) => message.body.includes("#1004"))).toBe(true);
  });

  test("bad content is a 400 with a code and stores nothing", async () => {
    const response = await deliver("order.created", { id: "5005", products: [] });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_payload");
    const badPrice = await deliver("order.created", orderData({ id: "5006", products: [{ id: "p", name: "x", price: "1.234", quantity: 1 }] }));
    expect(badPrice.body.error.code).toBe("invalid_price");
    const ids = (await t.call("GET", `/api/orders?storeId=${store.id}`)).body.items.map((order: { externalId: string }) => order.externalId);
    expect(ids).not.toContain("5005");
    expect(ids).not.toContain("5006");
  });
});
