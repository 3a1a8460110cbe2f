import { afterAll, describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { jobs, statusChanges, webhookReceipts } from "@confirma/db";
import { and, eq } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

// A WooCommerce store end to end: the webhook WooCommerce sends (its ping, signed order.created /
// order.updated deliveries with the REST v3 order as body) and the write-back to a fake WooCommerce
// REST API on 127.0.0.1 that checks Basic auth and answers as WooCommerce does, errors included.

const CONSUMER_KEY = "ck_4f7d1c0a9b8e7d6c5b4a39281706f5e4d3c2b1a0";
const CONSUMER_SECRET = "cs_0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3";

interface WooRequest {
  method: string;
  path: string;
  body: unknown;
}

/** WooCommerce's REST API v3 for orders and their notes, as far as Confirma uses it. */
function fakeWooCommerce() {
  const orders = new Map<string, { id: number; status: string; modified: string; notes: { id: number; note: string; customer_note: boolean }[] }>();
  const requests: WooRequest[] = [];
  // WooCommerce's own clock, a minute per change: `date_modified_gmt` (seconds, no zone), as its REST answers and webhooks give it.
  let clock = Date.parse("2026-11-29T11:00:00Z");
  const tick = () => new Date((clock += 60_000)).toISOString().slice(0, 19);
  /** The next answers, whatever is asked: `{ status, body }` as WooCommerce would send them. */
  const failNext: { status: number; body: unknown }[] = [];
  let noteIds = 100;
  const wooError = (status: number, code: string, message: string) => Response.json({ code, message, data: { status } }, { status });

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const body = request.method === "GET" ? undefined : await request.json();
      requests.push({ method: request.method, path: url.pathname + url.search, body });
      const failure = failNext.shift();
      if (failure) return Response.json(failure.body, { status: failure.status });
      // Basic auth with a REST API key (WC_REST_Authentication::perform_basic_authentication).
      const [scheme, encoded] = (request.headers.get("authorization") ?? "").split(" ");
      const [key, secret] = scheme === "Basic" && encoded ? atob(encoded).split(":") : [];
      if (!key) return wooError(401, "woocommerce_rest_authentication_error", "Consumer key is missing.");
      if (key !== CONSUMER_KEY) return wooError(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
      if (secret !== CONSUMER_SECRET) return wooError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.");

      const match = /^\/wp-json\/wc\/v3\/orders\/(\d+)(\/notes)?$/.exec(url.pathname);
      const order = match ? orders.get(match[1]!) : undefined;
      if (!match || !order) return wooError(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
      if (match[2]) {
        if (request.method === "GET") return Response.json(order.notes);
        const { note, customer_note } = body as { note: string; customer_note: boolean };
        const created = { id: ++noteIds, note, customer_note };
        order.notes.unshift(created);
        return Response.json(created, { status: 201 });
      }
      if (request.method === "PUT") {
        const { status } = body as { status: string };
        if (!["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"].includes(status)) {
          return Response.json(
            { code: "rest_invalid_param", message: "Invalid parameter(s): status", data: { status: 400, params: { status: "status is not one of …" } } },
            { status: 400 },
          );
        }
        order.status = status;
        order.modified = tick();
      }
      return Response.json({ id: order.id, status: order.status, date_modified_gmt: order.modified });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    orders,
    requests,
    failNext,
    /** The store side of an order placed at checkout. */
    place: (id: number, status: string) => orders.set(String(id), { id, status, modified: "2026-11-29T10:00:05", notes: [] }),
    /** The shop owner changes the order's status in WooCommerce's admin; returns its new `date_modified_gmt`. */
    setStatus(id: number, status: string) {
      const order = orders.get(String(id))!;
      order.status = status;
      order.modified = tick();
      return order.modified;
    },
    writes: (id: number) => requests.filter((request) => request.method !== "GET" && request.path.startsWith(`/wp-json/wc/v3/orders/${id}`)),
    stop: () => server.stop(true),
  };
}

const woo = fakeWooCommerce();
const t = await openTestApp({ OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true" });
afterAll(async () => {
  await t.close();
  woo.stop();
});

let store: { id: string; webhookUrl: string; webhookSecret: string };

/** A COD checkout order as WooCommerce's webhook carries it (the REST v3 order of its documentation, in Morocco). */
function wooOrder(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    parent_id: 0,
    number: String(id),
    order_key: `wc_order_${id}`,
    created_via: "checkout",
    status: "on-hold",
    currency: "MAD",
    date_created_gmt: "2026-11-29T10:00:00",
    date_modified_gmt: "2026-11-29T10:00:05",
    discount_total: "0.00",
    shipping_total: "30.00",
    total: "629.00",
    total_tax: "0.00",
    prices_include_tax: false,
    customer_id: 0,
    customer_note: "",
    billing: {
      first_name: "Youssef",
      last_name: "Amrani",
      company: "",
      address_1: "12 rue Atlas",
      address_2: "",
      city: "Casablanca",
      state: "",
      postcode: "20000",
      country: "MA",
      email: "youssef@example.com",
      phone: "0661234567",
    },
    shipping: {
      first_name: "Youssef",
      last_name: "Amrani",
      company: "",
      address_1: "12 rue Atlas",
      address_2: "",
      city: "Casablanca",
      state: "",
      postcode: "20000",
      country: "MA",
      phone: "",
    },
    payment_method: "cod",
    payment_method_title: "Paiement à la livraison",
    line_items: [
      {
        id: id * 10,
        name: "Djellaba &ndash; Taille: M",
        product_id: 93,
        variation_id: 94,
        quantity: 2,
        subtotal: "598.00",
        subtotal_tax: "0.00",
        total: "598.00",
        total_tax: "0.00",
        sku: "DJ-M",
        price: 299,
      },
    ],
    shipping_lines: [{ id: id * 10 + 1, method_title: "Livraison", method_id: "flat_rate", total: "30.00" }],
    ...overrides,
  };
}

/** POSTs what WC_Webhook::deliver() sends: JSON body, X-WC-Webhook-* headers, the signature over those exact bytes. */
async function deliver(topic: string, payload: unknown, { tamper = false, bytes }: { tamper?: boolean; bytes?: Uint8Array } = {}) {
  const body = bytes ?? new TextEncoder().encode(JSON.stringify(payload));
  const signature = createHmac("sha256", store.webhookSecret).update(body).digest("base64");
  const sent = body.slice();
  if (tamper) sent[20] = sent[20]! ^ 1;
  const [resource, event] = topic.split(".");
  const response = await t.app.request(new URL(store.webhookUrl).pathname, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)",
      "x-wc-webhook-source": "https://atlas-shop.ma/",
      "x-wc-webhook-topic": topic,
      "x-wc-webhook-resource": resource!,
      "x-wc-webhook-event": event!,
      "x-wc-webhook-signature": signature,
      "x-wc-webhook-id": "12",
      // wp_hash(webhook id . current second): the same for every delivery of this second.
      "x-wc-webhook-delivery-id": "7c2f0e9d4b1a",
    },
    body: sent,
  });
  return { status: response.status, body: (await response.json()) as any, bytes: body };
}

async function storeOrders() {
  return (await t.call("GET", `/api/orders?storeId=${store.id}`)).body.items as { id: string; externalId: string; status: string }[];
}

async function orderFor(externalId: string) {
  const order = (await storeOrders()).find((item) => item.externalId === externalId);
  return (await t.call("GET", `/api/orders/${order!.id}`)).body;
}

test("a WooCommerce store is created with a generated webhook secret, shown once", async () => {
  const response = await t.call("POST", "/api/stores", {
    platform: "woocommerce",
    name: "Atlas WooCommerce",
    siteUrl: "https://atlas-shop.ma",
    apiUrl: woo.url,
    consumerKey: CONSUMER_KEY,
    consumerSecret: CONSUMER_SECRET,
    defaultCountry: "MA",
  });
  expect(response.status).toBe(201);
  expect(response.body.webhookSecret).toMatch(/^[\w-]{32}$/);
  expect(response.body.setup).toContain("Order created");
  expect(JSON.stringify(response.body)).not.toContain(CONSUMER_SECRET);
  store = response.body;
});

describe("orders from WooCommerce", () => {
  test("the ping WooCommerce sends when the webhook is saved: 200, nothing stored", async () => {
    const response = await t.app.request(new URL(store.webhookUrl).pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8", "user-agent": "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)" },
      body: "webhook_id=12",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, outcome: "ping" });
    expect(await storeOrders()).toHaveLength(0);
    expect(
      await t.db
        .select()
        .from(webhookReceipts)
        .where(eq(webhookReceipts.provider, `store:${store.id}`)),
    ).toHaveLength(0);
  });

  test("a signed order.created makes one Confirma order: store ids, number, address, lines, COD, the Moroccan phone", async () => {
    woo.place(727, "on-hold");
    const response = await deliver("order.created", wooOrder(727, { customer_note: "Livrer après 18h" }));
    expect(response).toMatchObject({ status: 200, body: { ok: true, outcome: "created" } });
    const order = await orderFor("727");
    expect(order).toMatchObject({
      storeId: store.id,
      externalId: "727",
      externalNumber: "#727",
      status: "pending",
      currency: "MAD",
      total: 629,
      paymentMethod: "cod",
      customerEmail: "youssef@example.com",
      note: "Livrer après 18h",
      needsReview: false,
      shippingAddress: { name: "Youssef Amrani", address1: "12 rue Atlas", city: "Casablanca", postcode: "20000", country: "MA" },
      products: [{ id: "93", variantId: "94", sku: "DJ-M", name: "Djellaba – Taille: M", price: 299, quantity: 2 }],
      client: { phoneNumber: "+212661234567" },
    });
  });

  test("one changed byte is refused and stores nothing", async () => {
    const response = await deliver("order.created", wooOrder(730), { tamper: true });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("invalid_signature");
    expect((await storeOrders()).map((order) => order.externalId)).toEqual(["727"]);
  });

  test("the same delivery again is a duplicate; the same order updated is one order", async () => {
    const first = await deliver("order.updated", wooOrder(727, { customer_note: "Livrer après 18h" }));
    expect(first.body).toMatchObject({ outcome: "unchanged" });
    const again = await deliver("order.updated", null, { bytes: first.bytes });
    expect(again.body).toMatchObject({ outcome: "duplicate" });
    expect(await storeOrders()).toHaveLength(1);
  });

  test("two orders in the same second (same X-WC-Webhook-Delivery-ID) are two orders", async () => {
    woo.place(728, "on-hold");
    woo.place(729, "on-hold");
    const [a, b] = await Promise.all([
      deliver("order.updated", wooOrder(728, { billing: { ...wooOrder(728).billing, first_name: "Sara", phone: "0662000001" } })),
      deliver("order.created", wooOrder(729, { billing: { ...wooOrder(729).billing, first_name: "Omar", phone: "0662000002" } })),
    ]);
    expect([a.body.outcome, b.body.outcome]).toEqual(["created", "created"]);
  });

  test("an order.updated before its order.created makes the order once", async () => {
    woo.place(731, "on-hold");
    const update = await deliver(
      "order.updated",
      wooOrder(731, { date_modified_gmt: "2026-11-29T10:00:09", billing: { ...wooOrder(731).billing, phone: "0662000003" } }),
    );
    expect(update.body.outcome).toBe("created");
    const created = await deliver("order.created", wooOrder(731, { billing: { ...wooOrder(731).billing, phone: "0662000003" } }));
    expect(created.body.outcome).toBe("stale");
    expect((await storeOrders()).filter((order) => order.externalId === "731")).toHaveLength(1);
  });

  test("a Checkout-block draft is ignored; the order placed from it arrives as an update", async () => {
    const draft = await deliver("order.created", wooOrder(732, { status: "checkout-draft", billing: { ...wooOrder(732).billing, phone: "0662000004" } }));
    expect(draft.body).toMatchObject({ outcome: "ignored", reason: "status checkout-draft" });
    expect((await storeOrders()).some((order) => order.externalId === "732")).toBe(false);
    const placed = await deliver(
      "order.updated",
      wooOrder(732, { status: "processing", date_modified_gmt: "2026-11-29T10:01:00", billing: { ...wooOrder(732).billing, phone: "0662000004" } }),
    );
    expect(placed.body.outcome).toBe("created");
  });

  test("completed in WooCommerce: a confirmed order is delivered (through shipped); a pending one stays", async () => {
    const phone = { ...wooOrder(734).billing, phone: "0662000005" };
    woo.place(734, "processing");
    await deliver("order.created", wooOrder(734, { status: "processing", billing: phone }));
    const order = await orderFor("734");
    await t.call("PUT", `/api/orders/${order.id}`, { status: "confirmed" });
    const completed = await deliver("order.updated", wooOrder(734, { status: "completed", date_modified_gmt: "2026-11-29T12:00:00", billing: phone }));
    expect(completed.body).toMatchObject({ ok: true, outcome: "updated" });
    expect((await orderFor("734")).status).toBe("delivered");
    const changes = await t.db
      .select({ from: statusChanges.fromStatus, to: statusChanges.toStatus, reason: statusChanges.reason })
      .from(statusChanges)
      .where(and(eq(statusChanges.entity, "order"), eq(statusChanges.entityId, order.id)));
    expect(changes.slice(-2)).toEqual([
      { from: "confirmed", to: "shipped", reason: "store:shipped" },
      { from: "shipped", to: "delivered", reason: "store:delivered" },
    ]);
    // Not confirmed here: the store's word does not skip the confirmation.
    const other = { ...wooOrder(735).billing, phone: "0662000006" };
    woo.place(735, "processing");
    await deliver("order.created", wooOrder(735, { status: "processing", billing: other }));
    await deliver("order.updated", wooOrder(735, { status: "completed", date_modified_gmt: "2026-11-29T12:00:00", billing: other }));
    expect((await orderFor("735")).status).toBe("pending");
  });

  test("an order without a phone is stored and sent to review with reason no_phone", async () => {
    const response = await deliver(
      "order.created",
      wooOrder(733, { billing: { ...wooOrder(733).billing, first_name: "Sans", last_name: "Numéro", phone: "" } }),
    );
    expect(response.body).toMatchObject({ outcome: "created", flagged: "no_phone" });
    const order = await orderFor("733");
    expect(order).toMatchObject({ needsReview: true, reviewReason: "no_phone", status: "pending" });
    const review = (await t.call("GET", "/api/orders?needsReview=true")).body.items.map((item: { id: string }) => item.id);
    expect(review).toContain(order.id);
  });
});

describe("the outcome goes back to WooCommerce", () => {
  test("the customer's “Oui” on WhatsApp → exactly one status PUT and one private note on the store's order", async () => {
    await t.jobRunner.runDue(); // the confirmation requests go out
    const reply = await t.call("POST", "/api/webhook/whatsapp", { from: "212661234567@s.whatsapp.net", body: "Oui je confirme", type: "text" });
    expect(reply.status).toBe(200);
    expect((await orderFor("727")).status).toBe("confirmed");

    await t.jobRunner.runDue();
    expect(woo.writes(727)).toEqual([
      { method: "PUT", path: "/wp-json/wc/v3/orders/727", body: { status: "processing" } },
      {
        method: "POST",
        path: "/wp-json/wc/v3/orders/727/notes",
        body: { note: expect.stringMatching(/^Confirma: order confirmed by the customer on WhatsApp\. \[confirma:[\w-]+\]$/), customer_note: false },
      },
    ]);
    expect(woo.orders.get("727")).toMatchObject({ status: "processing", notes: [{ customer_note: false }] });
    const order = await orderFor("727");
    expect(order.writeBack.error).toBeNull();
    expect(order.writeBack.at).not.toBeNull();
    expect((await t.call("GET", `/api/stores/${store.id}`)).body.health).toMatchObject({ lastWriteBackError: null, lastOrderAt: expect.any(String) });
  });

  test("running the jobs again writes nothing more", async () => {
    const before = woo.requests.length;
    t.clock.advance(10 * 60_000);
    await t.jobRunner.runDue();
    expect(woo.requests.length).toBe(before);
    expect(woo.writes(727)).toHaveLength(2);
  });

  test("a 500 is retried later and then succeeds, once", async () => {
    const order = await orderFor("728");
    woo.failNext.push({
      status: 500,
      body: { code: "internal_server_error", message: "There has been a critical error on this website.", data: { status: 500 } },
    });
    expect((await t.call("PUT", `/api/orders/${order.id}`, { status: "cancelled" })).status).toBe(200);
    await t.jobRunner.runDue();
    expect(woo.writes(728)).toHaveLength(0);
    const failing = await orderFor("728");
    expect(failing.writeBack.error).toContain("answered 500, internal_server_error");
    expect((await t.call("GET", `/api/stores/${store.id}`)).body.health.lastWriteBackError).toContain("500");
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, "store_write_back"), eq(jobs.orderId, order.id)));
    expect(job).toMatchObject({ status: "pending", attempts: 1 });

    t.clock.advance(2 * 60_000);
    await t.jobRunner.runDue();
    expect(woo.writes(728)).toEqual([
      { method: "PUT", path: "/wp-json/wc/v3/orders/728", body: { status: "cancelled" } },
      {
        method: "POST",
        path: "/wp-json/wc/v3/orders/728/notes",
        body: { note: expect.stringContaining("order cancelled through the Confirma API"), customer_note: false },
      },
    ]);
    expect((await orderFor("728")).writeBack.error).toBeNull();
    expect((await t.call("GET", `/api/stores/${store.id}`)).body.health.lastWriteBackError).toBeNull();
  });

  test("a 401 (the key was revoked) fails at once, is not retried, and shows on the store's health and the order", async () => {
    expect((await t.call("PATCH", `/api/stores/${store.id}`, { consumerSecret: "cs_revoked_key_0000000000000000000000000000" })).status).toBe(200);
    const order = await orderFor("729");
    expect((await t.call("PUT", `/api/orders/${order.id}`, { status: "confirmed" })).status).toBe(200);
    await t.jobRunner.runDue();
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, "store_write_back"), eq(jobs.orderId, order.id)));
    expect(job).toMatchObject({ status: "failed", attempts: 1 });
    const health = (await t.call("GET", `/api/stores/${store.id}`)).body.health;
    expect(health.lastWriteBackError).toBe(
      "WooCommerce GET /wp-json/wc/v3/orders/729 answered 401, woocommerce_rest_authentication_error: Consumer secret is invalid.",
    );
    expect((await orderFor("729")).writeBack.error).toContain("401");

    const before = woo.requests.length;
    t.clock.advance(60 * 60_000);
    await t.jobRunner.runDue();
    expect(woo.requests.length).toBe(before);
    expect(woo.orders.get("729")!.status).toBe("on-hold");
  });
});

describe("WooCommerce's echo of Confirma's own cancellation", () => {
  /** The order.updated WooCommerce sends for the order as it is now in the store (its queue may hold it for a while). */
  const storeVersion = (id: number, phone: string) => {
    const order = woo.orders.get(String(id))!;
    return wooOrder(id, { status: order.status, date_modified_gmt: order.modified, billing: { ...wooOrder(id).billing, phone } });
  };
  async function cancelledHereAndThere(id: number, phone: string) {
    woo.place(id, "processing");
    await deliver("order.created", storeVersion(id, phone));
    const order = await orderFor(String(id));
    expect((await t.call("PUT", `/api/orders/${order.id}`, { status: "cancelled" })).status).toBe(200);
    await t.jobRunner.runDue();
    expect(woo.orders.get(String(id))!.status).toBe("cancelled");
    return order.id as string;
  }

  test("arriving after an agent reopened the order, it does not cancel it again; the agent's confirmation goes back", async () => {
    expect((await t.call("PATCH", `/api/stores/${store.id}`, { consumerSecret: CONSUMER_SECRET })).status).toBe(200);
    const orderId = await cancelledHereAndThere(740, "0662000010");
    const echo = storeVersion(740, "0662000010");
    // The customer calls back: the agent reopens the order before WooCommerce's queue sends the echo.
    expect((await t.call("PUT", `/api/orders/${orderId}`, { status: "pending" })).status).toBe(200);
    expect((await deliver("order.updated", echo)).body.outcome).not.toBe("cancelled");
    expect((await orderFor("740")).status).toBe("pending");

    expect((await t.call("PUT", `/api/orders/${orderId}`, { status: "confirmed" })).status).toBe(200);
    await t.jobRunner.runDue();
    expect(woo.orders.get("740")!.status).toBe("processing");
    expect((await deliver("order.updated", storeVersion(740, "0662000010"))).body.outcome).not.toBe("cancelled");
    expect((await orderFor("740")).status).toBe("confirmed");
  });

  test("arriving after the reopening was written back, it changes nothing; a cancellation made in WooCommerce afterwards cancels", async () => {
    const orderId = await cancelledHereAndThere(741, "0662000011");
    const echo = storeVersion(741, "0662000011");
    expect((await t.call("PUT", `/api/orders/${orderId}`, { status: "pending" })).status).toBe(200);
    await t.jobRunner.runDue();
    expect(woo.orders.get("741")!.status).toBe("on-hold");
    expect((await deliver("order.updated", echo)).body.outcome).not.toBe("cancelled");
    expect((await orderFor("741")).status).toBe("pending");

    // The shop owner cancels it in WooCommerce: that is the store's own decision.
    woo.setStatus(741, "cancelled");
    expect((await deliver("order.updated", storeVersion(741, "0662000011"))).body).toMatchObject({ outcome: "cancelled", orderId });
    expect((await orderFor("741")).status).toBe("cancelled");
    // Not written back: the store made it.
    const writes = woo.writes(741).length;
    await t.jobRunner.runDue();
    expect(woo.writes(741)).toHaveLength(writes);
  });
});
