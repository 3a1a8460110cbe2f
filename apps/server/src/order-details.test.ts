import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createUser } from "@confirma/api/testing";
import { auditEvents, clients, jobs, orders } from "@confirma/db";
import { signWebhook } from "@confirma/stores";
import { and, eq } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

// An agent corrects an order's shipping address and phone during the call: REST `PATCH
// /api/orders/:id` and tRPC `orders.updateDetails`, one service. The phone is read with the
// store's country, the order moves to that number's client (never a duplicate), a no-phone
// review ends and the request goes, the audit trail says who changed what, and the store's later
// versions of the order do not undo the correction. Orders show their store.

const t = await openTestApp();
afterAll(() => t.close());

let store: { id: string; webhookUrl: string; webhookSecret: string };
let delivery = 0;
type UserCaller = ReturnType<typeof t.caller>;
let amina: UserCaller;
let bilal: UserCaller;
let aminaId = "";

beforeAll(async () => {
  // A Moroccan store: `0662…` is read as +212 whatever the server's DEFAULT_COUNTRY (FR here).
  const created = await t.call("POST", "/api/stores", { platform: "custom", name: "Boutique Atlas", defaultCountry: "MA", defaultCurrency: "MAD" });
  expect(created.status).toBe(201);
  store = created.body;
  const a = await createUser(t.db, { email: "amina@example.com", name: "Amina", password: "a long password", role: "agent" });
  const b = await createUser(t.db, { email: "bilal@example.com", name: "Bilal", password: "a long password", role: "agent" });
  aminaId = a.id;
  amina = t.caller({ actor: { type: "user", id: a.id }, user: { id: a.id, email: a.email, name: a.name, role: "agent" } });
  bilal = t.caller({ actor: { type: "user", id: b.id }, user: { id: b.id, email: b.email, name: b.name, role: "agent" } });
});

function orderData(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    number: `#${id}`,
    updatedAt: "2026-11-29T10:00:00Z",
    customer: { name: "Sans Numéro" },
    shippingAddress: { name: "Sans Numéro", address1: "3 rue Fès", city: "Fès", country: "MA" },
    products: [{ id: "p1", name: "Djellaba", price: "299.50", quantity: 1 }],
    paymentMethod: "cod",
    ...overrides,
  };
}

async function deliver(type: string, data: unknown) {
  const id = `msg_${++delivery}`;
  const body = new TextEncoder().encode(JSON.stringify({ type, data }));
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await t.app.request(new URL(store.webhookUrl).pathname, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signWebhook(store.webhookSecret, id, timestamp, body),
    },
    body,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { outcome: string; orderId: string };
}

async function confirmationJobs(orderId: string) {
  return t.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "confirmation_request")));
}

async function detailsEvents(orderId: string) {
  return t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.target, orderId), eq(auditEvents.action, "order.details_changed")));
}

describe("orders name their store", () => {
  test("a store order carries its store's id, name and platform; an order made here has none", async () => {
    const { orderId } = await deliver("order.created", orderData("700", { customer: { name: "Nadia", phone: "0661700700" } }));
    const order = (await t.call("GET", `/api/orders/${orderId}`)).body;
    expect(order).toMatchObject({ externalNumber: "#700", store: { id: store.id, name: "Boutique Atlas", platform: "custom" }, externalUrl: null });
    const listed = (await amina.orders.list({ storeId: store.id })).items.find((item) => item.id === orderId);
    expect(listed?.store?.name).toBe("Boutique Atlas");

    // The link to the order in the store's admin comes from the platform's adapter.
    const shopify = (
      await t.call("POST", "/api/stores", { platform: "shopify", name: "Atlas Shopify", shopDomain: "atlas-shop.myshopify.com", webhookSecret: "shpss_x" })
    ).body;
    const customer = (await t.call("POST", "/api/clients", { phoneNumber: "+212661700701" })).body;
    const [shopifyOrder] = await t.db
      .insert(orders)
      .values({ clientId: customer.id, currency: "MAD", totalMinor: 1000, storeId: shopify.id, externalId: "5678901234567", externalNumber: "#1002" })
      .returning();
    expect((await t.call("GET", `/api/orders/${shopifyOrder!.id}`)).body).toMatchObject({
      store: { name: "Atlas Shopify", platform: "shopify" },
      externalUrl: "https://atlas-shop.myshopify.com/admin/orders/5678901234567",
    });

    const client = (await t.call("POST", "/api/clients", { phoneNumber: "+33611000001" })).body;
    const own = await t.call("POST", "/api/orders", { clientId: client.id, products: [{ id: "x", name: "X", price: 10, quantity: 1 }] });
    expect(own.body).toMatchObject({ store: null, externalUrl: null });
  });
});

describe("correcting the phone", () => {
  test("an order without a phone gets one over REST: read with the store's country, moved to that client, out of review, request scheduled", async () => {
    const { orderId } = await deliver("order.created", orderData("701"));
    const before = (await t.call("GET", `/api/orders/${orderId}`)).body;
    expect(before).toMatchObject({ needsReview: true, reviewReason: "no_phone", client: { phoneNumber: null, name: "Sans Numéro" } });
    expect(await confirmationJobs(orderId)).toHaveLength(0);

    const response = await t.call("PATCH", `/api/orders/${orderId}`, { phone: "06 62 00 07 01" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ needsReview: false, reviewReason: null, client: { phoneNumber: "+212662000701", name: "Sans Numéro" } });
    expect(response.body.clientId).not.toBe(before.clientId);
    expect(await confirmationJobs(orderId)).toHaveLength(1);
    // The placeholder client that only held this order is gone: no empty second copy of the customer.
    expect((await t.call("GET", `/api/clients/${before.clientId}`)).status).toBe(404);
    // The request goes to the corrected number, with the store's order number.
    await t.jobRunner.runDue();
    const thread = (await t.call("GET", `/api/clients/${response.body.clientId}/messages`)).body.items;
    expect(thread.some((message: { body: string }) => message.body.includes("#701"))).toBe(true);

    const [event] = await detailsEvents(orderId);
    expect(event).toMatchObject({ actorType: "api_key", details: { before: { phone: null }, after: { phone: "+212662000701" } } });
  });

  test("a number that already has a client moves the order to that client: never a duplicate", async () => {
    const existing = (await t.call("POST", "/api/clients", { phoneNumber: "+212662000702", name: "Karim" })).body;
    const { orderId } = await deliver("order.created", orderData("702", { customer: { name: "Karim", phone: "0662999999" } }));
    const moved = await amina.orders.updateDetails({ id: orderId, phone: "0662000702" });
    expect(moved.clientId).toBe(existing.id);
    expect(await t.db.select().from(clients).where(eq(clients.phoneNumber, "+212662000702"))).toHaveLength(1);
    // The other number's client keeps existing: it is a real customer's number.
    expect(await t.db.select().from(clients).where(eq(clients.phoneNumber, "+212662999999"))).toHaveLength(1);
    const [event] = await detailsEvents(orderId);
    expect(event).toMatchObject({ actorType: "user", actorId: aminaId, details: { before: { phone: "+212662999999" }, after: { phone: "+212662000702" } } });
    const history = await amina.audit.orderEvents({ orderId });
    expect(history.items[0]).toMatchObject({ action: "order.details_changed", actorName: "Amina" });
  });

  test("an invalid number is a 400 invalid_phone and changes nothing", async () => {
    const { orderId } = await deliver("order.created", orderData("703"));
    const before = (await t.call("GET", `/api/orders/${orderId}`)).body;
    const response = await t.call("PATCH", `/api/orders/${orderId}`, { phone: "12", shippingAddress: { city: "Rabat" } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_phone");
    const after = (await t.call("GET", `/api/orders/${orderId}`)).body;
    expect(after).toMatchObject({ clientId: before.clientId, needsReview: true, shippingAddress: { city: "Fès" } });
    expect(await detailsEvents(orderId)).toHaveLength(0);
  });

  test("a corrected phone stays when the store sends the order again before the decision", async () => {
    const { orderId } = await deliver("order.created", orderData("704", { customer: { name: "Samir", phone: "0662111111" } }));
    const corrected = await amina.orders.updateDetails({ id: orderId, phone: "0662000704" });
    const update = await deliver("order.updated", orderData("704", { updatedAt: "2026-11-29T11:00:00Z", customer: { name: "Samir", phone: "0662111111" } }));
    expect(update.orderId).toBe(orderId);
    const after = (await t.call("GET", `/api/orders/${orderId}`)).body;
    expect(after).toMatchObject({ clientId: corrected.clientId, client: { phoneNumber: "+212662000704" } });
  });

  test("an order of a store that asks only COD orders, not paid on delivery: out of review, no request", async () => {
    const { orderId } = await deliver("order.created", orderData("705", { paymentMethod: "card", cashOnDelivery: false }));
    const moved = await amina.orders.updateDetails({ id: orderId, phone: "0662000705" });
    expect(moved.needsReview).toBe(false);
    expect(await confirmationJobs(orderId)).toHaveLength(0);
  });
});

describe("correcting the address", () => {
  test("the fields given replace theirs, the rest stays; before and after are recorded; a later store version keeps the correction", async () => {
    const { orderId } = await deliver("order.created", orderData("710", { customer: { name: "Leila", phone: "0662000710" } }));
    const corrected = await t.call("PATCH", `/api/orders/${orderId}`, { shippingAddress: { address1: "5 avenue Hassan II", address2: "", postcode: "30000" } });
    expect(corrected.status).toBe(200);
    expect(corrected.body.shippingAddress).toEqual({
      name: "Sans Numéro",
      address1: "5 avenue Hassan II",
      address2: null,
      city: "Fès",
      region: null,
      postcode: "30000",
      country: "MA",
      phone: null,
    });
    const [event] = await detailsEvents(orderId);
    expect(event?.details).toMatchObject({
      before: { shippingAddress: { address1: "3 rue Fès", postcode: null } },
      after: { shippingAddress: { address1: "5 avenue Hassan II", postcode: "30000" } },
    });
    expect(Object.keys((event!.details as { after: object }).after)).toEqual(["shippingAddress"]);

    // The store still has the old address; its next version updates the lines but not the address.
    await deliver(
      "order.updated",
      orderData("710", {
        updatedAt: "2026-11-29T12:00:00Z",
        customer: { name: "Leila", phone: "0662000710" },
        products: [{ id: "p1", name: "Djellaba", price: "299.50", quantity: 2 }],
      }),
    );
    const after = (await t.call("GET", `/api/orders/${orderId}`)).body;
    expect(after).toMatchObject({ total: 599, shippingAddress: { address1: "5 avenue Hassan II", postcode: "30000" } });
  });

  test("the same values again record nothing", async () => {
    const { orderId } = await deliver("order.created", orderData("711", { customer: { name: "Omar", phone: "0662000711" } }));
    const response = await t.call("PATCH", `/api/orders/${orderId}`, { shippingAddress: { city: "Fès" }, phone: "+212662000711" });
    expect(response.status).toBe(200);
    expect(await detailsEvents(orderId)).toHaveLength(0);
  });
});

describe("rules", () => {
  test("another agent's claim holds back a correction; the holder may correct", async () => {
    const { orderId } = await deliver("order.created", orderData("720", { customer: { name: "Hind", phone: "0662000720" } }));
    await amina.calls.claim({ orderId });
    const refused = await bilal.orders.updateDetails({ id: orderId, shippingAddress: { city: "Meknès" } }).catch((error) => error);
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("Amina");
    const allowed = await amina.orders.updateDetails({ id: orderId, shippingAddress: { city: "Meknès" } });
    expect(allowed.shippingAddress?.city).toBe("Meknès");
  });

  test("bad input is a 400 with a code and writes nothing; an unknown order is a 404", async () => {
    const { orderId } = await deliver("order.created", orderData("721", { customer: { name: "Rim", phone: "0662000721" } }));
    expect((await t.call("PATCH", `/api/orders/${orderId}`, {})).body.error.code).toBe("invalid_input");
    expect((await t.call("PATCH", `/api/orders/${orderId}`, { status: "confirmed" })).body.error.code).toBe("unknown_field");
    expect((await t.call("PATCH", `/api/orders/${orderId}`, { shippingAddress: { floor: "2" } })).body.error.code).toBe("unknown_field");
    expect((await t.call("PATCH", `/api/orders/${orderId}`, { shippingAddress: { city: "a\u0000b" } })).body.error.code).toBe("invalid_input");
    expect((await t.call("PATCH", `/api/orders/${orderId}`, "not json")).body.error.code).toBe("invalid_json");
    expect((await t.call("PATCH", "/api/orders/no-such-order", { phone: "0662000000" })).status).toBe(404);
    expect((await t.call("PATCH", `/api/orders/${orderId}`, { phone: "0662000000" }, { key: null })).status).toBe(401);
    expect(await detailsEvents(orderId)).toHaveLength(0);
  });
});
