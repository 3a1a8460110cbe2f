import { describe, expect, test } from "bun:test";
import type { StoreConnection, StoreOrder, WriteBackChange, WriteBackResult } from "../types.ts";
import { youcanAdapter } from "./youcan-adapter.ts";
import { DOCUMENTED_ORDER_CREATE, INVENTORY_LOW, MOROCCAN_COD_ORDER } from "./youcan-fixtures.ts";
import { phpJsonEncode, youcanSignature } from "./youcan-signature.ts";

const store: StoreConnection = {
  id: "store-1",
  platform: "youcan",
  name: "Boutique Atlas",
  shopDomain: null,
  siteUrl: null,
  platformStoreId: "atlas",
  webhookSecret: "yc_client_secret",
  accessToken: "yc_access_token",
  consumerKey: null,
  consumerSecret: null,
  apiUrl: null,
  writeBack: {},
};

/** A delivery as YouCan sends it: PHP's json_encode of the payload, signed with the Client Secret. */
function delivery(json: string) {
  const rawBody = new TextEncoder().encode(phpJsonEncode(json)!);
  return { headers: new Headers({ "content-type": "application/json", "x-youcan-signature": youcanSignature(store.webhookSecret, rawBody) }), rawBody };
}

function orderOf(json: string): StoreOrder {
  const parsed = youcanAdapter.parse(delivery(json), store);
  if (!parsed.ok || parsed.event.kind !== "order") throw new Error(`not an order: ${JSON.stringify(parsed)}`);
  expect(parsed.event.topic).toBe("created");
  return parsed.event.order;
}

// biome-ignore lint/suspicious/noExplicitAny: a test edits the JSON payload freely
type PayloadEdit = (order: any) => void;

const edit = (json: string, change: PayloadEdit) => {
  const order = JSON.parse(json);
  change(order);
  return JSON.stringify(order);
};

describe("reading order.create", () => {
  test("the documentation's example payload", () => {
    expect(youcanAdapter.verify(delivery(DOCUMENTED_ORDER_CREATE), store)).toBe("valid");
    expect(orderOf(DOCUMENTED_ORDER_CREATE)).toEqual({
      externalId: "e1f4dd96-7e1c-4cd6-b9c8-9ede62f53eae",
      externalNumber: "#025",
      updatedAt: null,
      cancelled: false,
      test: false,
      customerName: "John Doe",
      email: "john@example.com",
      phones: ["+1234567890"],
      shippingAddress: null,
      items: [{ productId: "sample-product", variantId: null, sku: "SK7897", title: "Sample Product", unitPrice: "300", quantity: 1 }],
      total: "300",
      currency: "USD",
      paymentMethod: "cod",
      cashOnDelivery: true,
      note: null,
    });
  });

  test("a Moroccan COD order: money as written, phones customer then shipping, the shipping address, variant options in the title", () => {
    expect(orderOf(MOROCCAN_COD_ORDER)).toEqual({
      externalId: "72aa7882-3898-49a8-87a2-506af3dd7320",
      externalNumber: "#1042",
      updatedAt: "2026-11-29T09:42:07+00:00",
      cancelled: false,
      test: false,
      customerName: "يوسف Amrani",
      email: "youssef@example.com",
      phones: ["0661234567", "0662000000"],
      shippingAddress: {
        name: "Youssef Amrani",
        address1: "12 rue Atlas, Maârif",
        address2: "Appt 4",
        city: "Casablanca",
        region: "Casablanca-Settat",
        postcode: "20000",
        country: "MA",
        phone: "0662000000",
      },
      items: [
        {
          productId: "d974bd63-6bad-41bf-9e5a-2bb53502d6db",
          variantId: "8a3a5a98-05a5-49c0-bff2-ef4f00d495e8",
          sku: "DJ-M-BG",
          title: "Djellaba (M / Beige)",
          unitPrice: "199.50",
          quantity: 2,
        },
      ],
      total: "429.00",
      currency: "MAD",
      paymentMethod: "cod",
      cashOnDelivery: true,
      note: "Livrer après 18h / appeler avant",
    });
  });

  test("phone found in each place: customer, shipping address, billing address; none at all", () => {
    const phones = (change: PayloadEdit) => orderOf(edit(MOROCCAN_COD_ORDER, change)).phones;
    expect(phones((order) => delete order.customer.phone)).toEqual(["0662000000"]);
    expect(
      phones((order) => {
        order.customer.phone = null;
        order.shipping.address = [];
        order.payment.address = { first_name: "Y", phone: "0663000000" };
      }),
    ).toEqual(["0663000000"]);
    expect(
      phones((order) => {
        order.customer.phone = "";
        delete order.shipping.address.phone;
      }),
    ).toEqual([]);
  });

  test("no shipping address: the customer's city is where the parcel goes; a list of addresses gives its first", () => {
    const noAddress = orderOf(edit(MOROCCAN_COD_ORDER, (order) => (order.shipping.address = [])));
    expect(noAddress.shippingAddress).toEqual({
      name: "يوسف Amrani",
      address1: null,
      address2: null,
      city: "Casablanca",
      region: null,
      postcode: null,
      country: "MA",
      phone: "0661234567",
    });
    const listed = orderOf(edit(MOROCCAN_COD_ORDER, (order) => (order.shipping.address = [{ first_line: "1 av. Hassan II", city: "Rabat" }])));
    expect(listed.shippingAddress).toMatchObject({ address1: "1 av. Hassan II", city: "Rabat", name: null });
  });

  test("cash on delivery: gateway cod; another gateway is not; no gateway is COD unless paid", () => {
    const cod = (change: PayloadEdit) => orderOf(edit(MOROCCAN_COD_ORDER, change)).cashOnDelivery;
    expect(cod((order) => (order.payment.payload.gateway = "youcan_pay"))).toBe(false);
    expect(cod((order) => (order.payment.payload = []))).toBe(true);
    expect(
      cod((order) => {
        order.payment.payload = [];
        order.payment.status_text = "paid";
      }),
    ).toBe(false);
  });

  test("an order YouCan shows cancelled by the seller is cancelled", () => {
    expect(orderOf(edit(MOROCCAN_COD_ORDER, (order) => (order.status_object = { slug: "canceled-by-seller" }))).cancelled).toBe(true);
  });

  test("another hook's body (inventory.low) is ignored; a broken order is invalid_payload", () => {
    expect(youcanAdapter.parse(delivery(INVENTORY_LOW), store)).toMatchObject({ ok: true, event: { kind: "ignored" } });
    const invalid = (body: string) => youcanAdapter.parse({ headers: new Headers(), rawBody: new TextEncoder().encode(body) }, store);
    expect(invalid("not json")).toMatchObject({ ok: false, code: "invalid_payload" });
    expect(invalid("[1]")).toMatchObject({ ok: false, code: "invalid_payload" });
    expect(invalid(edit(MOROCCAN_COD_ORDER, (order) => (order.variants = [])))).toMatchObject({ ok: false, code: "invalid_payload" });
    expect(invalid(MOROCCAN_COD_ORDER.replace('"price": 199.50,\n      "quantity": 2', '"price": -1,\n      "quantity": 2'))).toMatchObject({
      ok: false,
      message: expect.stringContaining("variants.0.price"),
    });
    expect(invalid(edit(MOROCCAN_COD_ORDER, (order) => (order.variants[0].quantity = 0)))).toMatchObject({ ok: false, code: "invalid_payload" });
  });

  test("the delivery id: the same for a redelivery, another for another order", () => {
    const id = (json: string) => (youcanAdapter.parse(delivery(json), store) as { deliveryId: string }).deliveryId;
    expect(id(MOROCCAN_COD_ORDER)).toMatch(/^youcan:[0-9a-f]{64}$/);
    expect(id(MOROCCAN_COD_ORDER)).toBe(id(MOROCCAN_COD_ORDER));
    expect(id(MOROCCAN_COD_ORDER)).not.toBe(id(DOCUMENTED_ORDER_CREATE));
  });

  test("the order's page in the seller area", () => {
    expect(youcanAdapter.adminOrderUrl?.(store, "72aa7882-3898-49a8-87a2-506af3dd7320")).toBe(
      "https://seller-area.youcan.shop/admin/orders/72aa7882-3898-49a8-87a2-506af3dd7320",
    );
  });
});

describe("writing the confirmation status back", () => {
  const change = (to: WriteBackChange["to"], from: WriteBackChange["from"] = "pending"): WriteBackChange => ({
    changeId: "1",
    orderId: "o1",
    externalId: "72aa7882-3898-49a8-87a2-506af3dd7320",
    externalNumber: "#1042",
    from,
    to,
    reason: "reply:word:fr:oui",
    actor: "system",
    at: new Date("2026-11-29T10:00:00Z"),
  });

  async function writeBack(to: WriteBackChange["to"], reply: Response, connection: Partial<StoreConnection> = {}) {
    const calls: { url: string; init: RequestInit }[] = [];
    const result = (await youcanAdapter.writeBack!(change(to), {
      store: { ...store, ...connection },
      fetch: async (url, init) => {
        calls.push({ url, init });
        return reply.clone();
      },
    })) as WriteBackResult;
    return { result, calls };
  }

  const ok = () => Response.json({ status: 200, detail: "Status is successfully updated", meta: [] });

  test("confirmed → PUT /orders/{id}/status processed with the access token; cancelled → canceled-by-seller; undone → open", async () => {
    const confirmed = await writeBack("confirmed", ok());
    expect(confirmed.result).toEqual({ status: "done", detail: "YouCan status set to processed" });
    expect(confirmed.calls).toHaveLength(1);
    expect(confirmed.calls[0]!.url).toBe("https://api.youcan.shop/orders/72aa7882-3898-49a8-87a2-506af3dd7320/status");
    expect(confirmed.calls[0]!.init).toMatchObject({ method: "PUT", body: '{"status":"processed"}' });
    expect(new Headers(confirmed.calls[0]!.init.headers).get("authorization")).toBe("Bearer yc_access_token");
    expect((await writeBack("cancelled", ok())).calls[0]!.init.body).toBe('{"status":"canceled-by-seller"}');
    expect((await writeBack("pending", ok())).calls[0]!.init.body).toBe('{"status":"open"}');
  });

  test("no_answer has no YouCan status: skipped, nothing sent; the store's map replaces the default one", async () => {
    expect(await writeBack("no_answer", ok())).toEqual({ result: { status: "skipped", detail: "no YouCan status is mapped to no_answer" }, calls: [] });
    const mapped = await writeBack("no_answer", ok(), { apiUrl: "http://127.0.0.1:9/", writeBack: { statusMap: { no_answer: "pas-de-reponse" } } });
    expect(mapped.calls[0]).toMatchObject({
      url: "http://127.0.0.1:9/orders/72aa7882-3898-49a8-87a2-506af3dd7320/status",
      init: { body: '{"status":"pas-de-reponse"}' },
    });
    expect((await writeBack("confirmed", ok(), { writeBack: { statusMap: { no_answer: "pas-de-reponse" } } })).calls).toEqual([]);
  });

  test("401, 403, 404 and a refused input fail for good and say why; 429 and 5xx are retried, after Retry-After when given", async () => {
    const unauthorized = await writeBack("confirmed", Response.json({ status: 401, detail: "Unauthenticated", meta: [] }, { status: 401 }));
    expect(unauthorized.result).toEqual({
      status: "failed",
      error: "YouCan answered 401: Unauthenticated (the access token is revoked, expired or lacks the edit-orders scope)",
    });
    expect((await writeBack("confirmed", new Response("", { status: 403 }))).result.status).toBe("failed");
    expect((await writeBack("confirmed", Response.json({ status: 0, detail: "order not found" }, { status: 404 }))).result).toEqual({
      status: "failed",
      error: "YouCan answered 404: order not found (no such order in the store)",
    });
    expect((await writeBack("confirmed", Response.json({ detail: "The status field is required." }, { status: 422 }))).result.status).toBe("failed");
    expect((await writeBack("confirmed", new Response("busy", { status: 429, headers: { "retry-after": "30" } }))).result).toEqual({
      status: "retry",
      error: "YouCan answered 429: busy",
      retryAfterMs: 30_000,
    });
    expect((await writeBack("confirmed", new Response("<html>Bad gateway</html>", { status: 502 }))).result).toMatchObject({ status: "retry" });
  });

  test("without an access token nothing is sent and the store says why", async () => {
    expect(await writeBack("confirmed", ok(), { accessToken: null })).toMatchObject({ result: { status: "failed" }, calls: [] });
  });
});
