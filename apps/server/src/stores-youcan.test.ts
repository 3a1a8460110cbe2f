import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { jobs } from "@confirma/db";
import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

// A YouCan store end to end: order.create REST hooks signed `x-youcan-signature` (hex HMAC-SHA256
// with the OAuth app's Client Secret) reach the confirmation loop, and the customer's "oui" on
// WhatsApp reaches a fake YouCan Store Admin API on 127.0.0.1 as the order's confirmation status.

const CLIENT_SECRET = "yc-client-secret-0123456789abcdef";
const ACCESS_TOKEN = "yc-access-token-0123456789abcdef";

/** The fake api.youcan.shop: records every call; orders whose id starts with `revoked` answer 401 as YouCan does. */
const calls: { method: string; path: string; authorization: string | null; body: string }[] = [];
const youcan = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  async fetch(request) {
    const { pathname } = new URL(request.url);
    calls.push({ method: request.method, path: pathname, authorization: request.headers.get("authorization"), body: await request.text() });
    if (pathname.startsWith("/orders/revoked")) return Response.json({ status: 401, detail: "Unauthenticated", meta: [] }, { status: 401 });
    if (request.method === "PUT" && /^\/orders\/[^/]+\/status$/.test(pathname)) {
      return Response.json({ status: 200, detail: "Status is successfully updated", meta: [] });
    }
    return Response.json({ status: 404, detail: "not found", meta: [] }, { status: 404 });
  },
});

const t = await openTestApp({ OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true" });
afterAll(async () => {
  await t.close();
  youcan.stop(true);
});

let store: { id: string; webhookUrl: string };

beforeAll(async () => {
  const created = await t.call("POST", "/api/stores", {
    platform: "youcan",
    name: "Atlas YouCan",
    storeId: "atlas-store",
    webhookSecret: CLIENT_SECRET,
    accessToken: ACCESS_TOKEN,
    apiUrl: youcan.url.toString(),
    defaultCountry: "MA",
    defaultCurrency: "MAD",
  });
  expect(created.status).toBe(201);
  expect(created.body.setup).toContain("order.create");
  store = created.body;
});

/** An order.create body modelled on YouCan's documented example and `GET /orders/{id}`. */
function youcanOrder(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    ref: "1042",
    total: 429,
    currency: "MAD",
    status: 1,
    created_at: "2026-11-29T09:42:07+00:00",
    customer: { id: "c-1", first_name: "Youssef", last_name: "Amrani", email: "youssef@example.com", phone: "0661234567" },
    payment: { status: -1, status_text: "unpaid", payload: { gateway: "cod" }, address: [] },
    shipping: {
      status: 0,
      price: 30,
      address: {
        first_name: "Youssef",
        last_name: "Amrani",
        first_line: "12 rue Atlas, Maârif",
        city: "Casablanca",
        region: "Casablanca-Settat",
        country_code: "MA",
      },
    },
    variants: [{ id: "l-1", price: 199.5, quantity: 2, variant: { id: "v-1", sku: "DJ-M", product: { id: "p-1", name: "Djellaba" } } }],
    ...overrides,
  };
}

/** PHP's json_encode of a payload (what YouCan posts and signs): `\/`, and `\uXXXX` for every non-ASCII character. */
function phpJson(payload: unknown): string {
  return JSON.stringify(payload)
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replaceAll("/", "\\/");
}

async function deliver(body: string, { signature = createHmac("sha256", CLIENT_SECRET).update(body).digest("hex") as string | null, tamper = false } = {}) {
  const bytes = new TextEncoder().encode(body);
  if (tamper) bytes[bytes.indexOf(0x34 /* the first "4": a digit of the ref */)] = 0x35;
  const response = await t.app.request(new URL(store.webhookUrl).pathname, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "x-youcan-signature": signature } : {}) },
    body: bytes,
  });
  return { status: response.status, body: (await response.json()) as any };
}

const storeOrders = async () => (await t.call("GET", `/api/orders?storeId=${store.id}`)).body.items as { id: string; externalId: string }[];
const writeBackCalls = (externalId: string) => calls.filter((call) => call.path.startsWith(`/orders/${externalId}`));

describe("order.create from YouCan", () => {
  let orderId = "";

  test("a signed order.create becomes a Confirma order of the store: number, address, lines, +212 phone from 0661234567", async () => {
    const response = await deliver(phpJson(youcanOrder("yc-order-1")));
    expect(response).toMatchObject({ status: 200, body: { ok: true, outcome: "created" } });
    orderId = response.body.orderId;
    const order = (await t.call("GET", `/api/orders/${orderId}`)).body;
    expect(order).toMatchObject({
      storeId: store.id,
      externalId: "yc-order-1",
      externalNumber: "#1042",
      currency: "MAD",
      total: 429,
      status: "pending",
      needsReview: false,
      paymentMethod: "cod",
      customerEmail: "youssef@example.com",
      shippingAddress: { name: "Youssef Amrani", address1: "12 rue Atlas, Maârif", city: "Casablanca", region: "Casablanca-Settat", country: "MA" },
      products: [{ id: "p-1", variantId: "v-1", sku: "DJ-M", name: "Djellaba", price: 199.5, quantity: 2 }],
    });
    expect((await t.call("GET", `/api/clients/${order.clientId}`)).body).toMatchObject({ phoneNumber: "+212661234567", name: "Youssef Amrani" });
  });

  test("the same delivery again, byte for byte or re-encoded, is a duplicate: no second order", async () => {
    expect((await deliver(phpJson(youcanOrder("yc-order-1")))).body).toMatchObject({ ok: true, outcome: "duplicate" });
    // Unescaped unicode and slashes, signed as YouCan documents it: over json_encode($payload).
    const reEncoded = JSON.stringify(youcanOrder("yc-order-1"));
    const documented = createHmac("sha256", CLIENT_SECRET)
      .update(phpJson(youcanOrder("yc-order-1")))
      .digest("hex");
    expect((await deliver(reEncoded, { signature: documented })).body).toMatchObject({ ok: true, outcome: "duplicate" });
    expect((await storeOrders()).filter((order) => order.externalId === "yc-order-1")).toHaveLength(1);
  });

  test("one changed byte, another key or no signature is refused with 401 and stores nothing", async () => {
    const body = phpJson(youcanOrder("yc-order-2"));
    const tampered = await deliver(body, { tamper: true });
    expect(tampered).toMatchObject({ status: 401, body: { error: { code: "invalid_signature" } } });
    const wrongKey = await deliver(body, { signature: createHmac("sha256", ACCESS_TOKEN).update(body).digest("hex") });
    expect(wrongKey.status).toBe(401);
    expect((await deliver(body, { signature: null })).body.error.code).toBe("unauthorized");
    expect((await storeOrders()).map((order) => order.externalId)).not.toContain("yc-order-2");
  });

  test("an order without a phone is stored and sent to review with reason no_phone", async () => {
    const response = await deliver(
      phpJson(
        youcanOrder("yc-order-3", {
          ref: "1043",
          customer: { first_name: "Sans", last_name: "Numéro", phone: null },
          shipping: { address: { first_line: "3 rue Fès", city: "Fès", country_code: "MA" } },
        }),
      ),
    );
    expect(response.body).toMatchObject({ outcome: "created", flagged: "no_phone" });
    const order = (await t.call("GET", `/api/orders/${response.body.orderId}`)).body;
    expect(order).toMatchObject({ needsReview: true, reviewReason: "no_phone", status: "pending", externalNumber: "#1043" });
  });

  test("a body that is not an order (another REST hook pointed here) is answered and ignored; a broken order is a 400", async () => {
    expect((await deliver(phpJson({ id: "v-1", inventory: 2 }))).body).toMatchObject({ ok: true, outcome: "ignored" });
    const broken = await deliver(phpJson(youcanOrder("yc-order-4", { variants: [] })));
    expect(broken).toMatchObject({ status: 400, body: { error: { code: "invalid_payload" } } });
  });

  test("the customer's 'Oui' on WhatsApp sets the YouCan order's status to processed: one PUT, with the access token, never twice", async () => {
    await t.jobRunner.runDue(); // the confirmation request goes out
    const reply = await t.call("POST", "/api/webhook/whatsapp", {
      from: "212661234567@s.whatsapp.net",
      body: "Oui je confirme",
      type: "text",
      id: "wamid.yc-1",
    });
    expect(reply.status).toBe(200);
    expect((await t.call("GET", `/api/orders/${orderId}`)).body.status).toBe("confirmed");
    expect(writeBackCalls("yc-order-1")).toEqual([]);

    await t.jobRunner.runDue();
    expect(writeBackCalls("yc-order-1")).toEqual([
      { method: "PUT", path: "/orders/yc-order-1/status", authorization: `Bearer ${ACCESS_TOKEN}`, body: '{"status":"processed"}' },
    ]);
    t.clock.advance(24 * 3600_000);
    await t.jobRunner.runDue();
    expect(writeBackCalls("yc-order-1")).toHaveLength(1);

    const order = (await t.call("GET", `/api/orders/${orderId}`)).body;
    expect(order.writeBack.error).toBeNull();
    expect(order.writeBack.at).not.toBeNull();
    expect((await t.call("GET", `/api/stores/${store.id}`)).body.health).toMatchObject({ lastWriteBackError: null, lastWriteBackAt: expect.any(String) });
  });

  test("a 401 from YouCan fails the write-back for good: said on the order and the store, not retried", async () => {
    const created = await deliver(phpJson(youcanOrder("revoked-order", { ref: "1044", customer: { first_name: "Amal", phone: "0662111111" } })));
    expect(created.body.outcome).toBe("created");
    expect((await t.call("PUT", `/api/orders/${created.body.orderId}`, { status: "confirmed" })).status).toBe(200);

    await t.jobRunner.runDue();
    expect(writeBackCalls("revoked-order")).toHaveLength(1);
    const order = (await t.call("GET", `/api/orders/${created.body.orderId}`)).body;
    expect(order.writeBack.error).toContain("YouCan answered 401: Unauthenticated");
    expect((await t.call("GET", `/api/stores/${store.id}`)).body.health.lastWriteBackError).toContain("401");
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, "store_write_back"), eq(jobs.orderId, created.body.orderId)));
    expect(job).toMatchObject({ status: "failed" });

    t.clock.advance(7 * 24 * 3600_000);
    await t.jobRunner.runDue();
    expect(writeBackCalls("revoked-order")).toHaveLength(1);
    expect(JSON.stringify(calls)).not.toContain(CLIENT_SECRET);
  });
});
