import { describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import type { StoreConnection, StoreOrder } from "../types.ts";
import { woocommerceAdapter as adapter } from "./woocommerce-adapter.ts";

const SECRET = "wc-secret-0123";
const store: StoreConnection = {
  id: "store-1",
  platform: "woocommerce",
  name: "Atlas",
  shopDomain: null,
  siteUrl: "https://atlas-shop.ma",
  platformStoreId: null,
  webhookSecret: SECRET,
  accessToken: null,
  consumerKey: "ck_test",
  consumerSecret: "cs_test",
  apiUrl: null,
  writeBack: {},
};

/** A COD checkout order in the REST v3 shape of WooCommerce's documentation (GET /wc/v3/orders/727), moved to Morocco. */
function wooOrder(overrides: Record<string, unknown> = {}) {
  return {
    id: 727,
    parent_id: 0,
    number: "727",
    order_key: "wc_order_58d2d042d1d",
    created_via: "checkout",
    version: "9.4.2",
    status: "processing",
    currency: "MAD",
    date_created: "2026-11-29T11:00:00",
    date_created_gmt: "2026-11-29T10:00:00",
    date_modified: "2026-11-29T11:00:05",
    date_modified_gmt: "2026-11-29T10:00:05",
    discount_total: "0.00",
    discount_tax: "0.00",
    shipping_total: "30.00",
    shipping_tax: "0.00",
    cart_tax: "0.00",
    total: "629.00",
    total_tax: "0.00",
    prices_include_tax: false,
    customer_id: 0,
    customer_note: "Livrer après 18h",
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
      address_2: "Appt 4",
      city: "Casablanca",
      state: "",
      postcode: "20000",
      country: "MA",
      phone: "",
    },
    payment_method: "cod",
    payment_method_title: "Paiement à la livraison",
    transaction_id: "",
    meta_data: [],
    line_items: [
      {
        id: 315,
        name: "Djellaba &ndash; Taille: M",
        product_id: 93,
        variation_id: 94,
        quantity: 2,
        tax_class: "",
        subtotal: "598.00",
        subtotal_tax: "0.00",
        total: "598.00",
        total_tax: "0.00",
        taxes: [],
        meta_data: [],
        sku: "DJ-M",
        price: 299,
      },
    ],
    shipping_lines: [{ id: 317, method_title: "Livraison", method_id: "flat_rate", total: "30.00", total_tax: "0.00", taxes: [], meta_data: [] }],
    fee_lines: [],
    coupon_lines: [],
    refunds: [],
    ...overrides,
  };
}

function sign(body: Uint8Array | string, secret = SECRET) {
  return createHmac("sha256", secret).update(body).digest("base64");
}

/** A delivery as WooCommerce's WC_Webhook::deliver() sends it. */
function delivery(payload: unknown, { topic = "order.created", secret = SECRET, signature }: { topic?: string; secret?: string; signature?: string } = {}) {
  const rawBody = new TextEncoder().encode(typeof payload === "string" ? payload : JSON.stringify(payload));
  const [resource, event] = topic.split(".");
  const headers = new Headers({
    "content-type": "application/json",
    "user-agent": "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)",
    "x-wc-webhook-source": "https://atlas-shop.ma/",
    "x-wc-webhook-topic": topic,
    "x-wc-webhook-resource": resource ?? "",
    "x-wc-webhook-event": event ?? "",
    "x-wc-webhook-signature": signature ?? sign(rawBody, secret),
    "x-wc-webhook-id": "12",
    "x-wc-webhook-delivery-id": "c5d0e2a4f1b7c9e3d8a6b2f4e1c7d9a3",
  });
  return { headers, rawBody };
}

function parsedOrder(payload: unknown, topic = "order.created"): StoreOrder {
  const parsed = adapter.parse(delivery(payload, { topic }), store);
  if (!parsed.ok || parsed.event.kind !== "order") throw new Error(`not an order: ${JSON.stringify(parsed)}`);
  return parsed.event.order;
}

describe("signature", () => {
  test("matches a vector computed outside this code (openssl dgst -sha256 -hmac … | base64)", () => {
    const body = '{"id":727,"status":"processing"}';
    expect(adapter.verify(delivery(body, { signature: "tHXcv4gkMxPGfcw6Rhd6zBIoZgumQrrMh9u1G2L+XRE=" }), store)).toBe("valid");
  });

  test("is checked on the raw bytes: one changed byte, the same JSON re-spaced, or another secret is refused", () => {
    const signed = delivery(wooOrder());
    expect(adapter.verify(signed, store)).toBe("valid");
    const tampered = signed.rawBody.slice();
    tampered[40] = tampered[40]! ^ 1;
    expect(adapter.verify({ headers: signed.headers, rawBody: tampered }, store)).toBe("invalid");
    const respaced = new TextEncoder().encode(JSON.stringify(wooOrder(), null, 1));
    expect(adapter.verify({ headers: signed.headers, rawBody: respaced }, store)).toBe("invalid");
    expect(adapter.verify(delivery(wooOrder(), { secret: "another-secret" }), store)).toBe("invalid");
    expect(adapter.verify(delivery(wooOrder(), { signature: "not base64 at all" }), store)).toBe("invalid");
  });

  test("the secret is keyed as WooCommerce keys it: wp_specialchars_decode($secret, ENT_QUOTES)", () => {
    const pasted = { ...store, webhookSecret: "a&amp;b&lt;c&#039;d" };
    expect(adapter.verify(delivery(wooOrder(), { secret: "a&b<c'd" }), pasted)).toBe("valid");
    expect(adapter.verify(delivery(wooOrder(), { secret: "a&amp;b&lt;c&#039;d" }), pasted)).toBe("invalid");
  });

  test("no signature header is missing", () => {
    const signed = delivery(wooOrder());
    signed.headers.delete("x-wc-webhook-signature");
    expect(adapter.verify(signed, store)).toBe("missing");
  });
});

describe("the ping WooCommerce sends when a webhook is saved", () => {
  const ping = (body: string, headers: Record<string, string> = {}) => ({
    headers: new Headers({
      "content-type": "application/x-www-form-urlencoded; charset=UTF-8",
      "user-agent": "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)",
      ...headers,
    }),
    rawBody: new TextEncoder().encode(body),
  });

  test("webhook_id=<id>, unsigned, is the ping", () => {
    expect(adapter.isUnsignedPing!(ping("webhook_id=12"))).toBe(true);
    expect(adapter.isUnsignedPing!({ headers: new Headers(), rawBody: new TextEncoder().encode("webhook_id=3") })).toBe(true);
  });

  test("anything else is not: a signed body, an order, another form", () => {
    expect(adapter.isUnsignedPing!(ping("webhook_id=12", { "x-wc-webhook-signature": sign("webhook_id=12") }))).toBe(false);
    expect(adapter.isUnsignedPing!(ping(JSON.stringify(wooOrder())))).toBe(false);
    expect(adapter.isUnsignedPing!(ping("webhook_id=12&id=727"))).toBe(false);
    expect(adapter.isUnsignedPing!(ping("webhook_id="))).toBe(false);
  });
});

describe("topics and statuses", () => {
  test.each([
    ["order.created", "created"],
    ["order.updated", "updated"],
  ])("%s is %s", (topic, expected) => {
    const parsed = adapter.parse(delivery(wooOrder(), { topic }), store);
    expect(parsed).toMatchObject({ ok: true, event: { kind: "order", topic: expected } });
  });

  test("a cancelled order is the cancelled topic", () => {
    const parsed = adapter.parse(delivery(wooOrder({ status: "cancelled" }), { topic: "order.updated" }), store);
    expect(parsed).toMatchObject({ ok: true, event: { kind: "order", topic: "cancelled", order: { cancelled: true } } });
  });

  test.each(["order.deleted", "order.restored", "product.updated", "action.woocommerce_order_status_changed", "toString"])("%s is ignored", (topic) => {
    const parsed = adapter.parse(delivery({ id: 727 }, { topic }), store);
    expect(parsed).toMatchObject({ ok: true, event: { kind: "ignored", reason: `topic ${topic}` } });
  });

  test.each(["checkout-draft", "draft", "auto-draft"])("a %s order is ignored", (status) => {
    const parsed = adapter.parse(delivery(wooOrder({ status })), store);
    expect(parsed).toMatchObject({ ok: true, event: { kind: "ignored", reason: `status ${status}` } });
  });

  test("an order without lines yet (an admin building it) is ignored; its update will carry them", () => {
    expect(adapter.parse(delivery(wooOrder({ status: "pending", line_items: [] })), store)).toMatchObject({ ok: true, event: { kind: "ignored" } });
  });

  test("no topic header, a body that is not JSON or not an order is invalid", () => {
    const noTopic = delivery(wooOrder());
    noTopic.headers.delete("x-wc-webhook-topic");
    expect(adapter.parse(noTopic, store)).toMatchObject({ ok: false, code: "invalid_payload" });
    expect(adapter.parse(delivery("{not json"), store)).toMatchObject({ ok: false, code: "invalid_payload" });
    expect(adapter.parse(delivery({ id: "abc" }), store)).toMatchObject({ ok: false, code: "invalid_payload", message: expect.stringContaining("id") });
  });
});

describe("delivery id", () => {
  test("the same bytes are the same delivery whatever X-WC-Webhook-Delivery-ID says; another body or topic is another", () => {
    const id = (payload: unknown, topic = "order.created") => {
      const parsed = adapter.parse(delivery(payload, { topic }), store);
      return parsed.ok ? parsed.deliveryId : null;
    };
    const first = id(wooOrder());
    expect(first).toMatch(/^order\.created:[\w-]{43}$/);
    expect(id(wooOrder())).toBe(first);
    // Two deliveries within one second share WooCommerce's delivery id: they must not share ours.
    expect(id(wooOrder({ id: 728, number: "728" }))).not.toBe(first);
    expect(id(wooOrder({ date_modified_gmt: "2026-11-29T10:00:06" }))).not.toBe(first);
    expect(id(wooOrder(), "order.updated")).not.toBe(first);
  });
});

describe("the order", () => {
  test("maps the REST v3 order: ids, number, customer, address, lines, total, COD, note, GMT time", () => {
    expect(parsedOrder(wooOrder())).toEqual({
      externalId: "727",
      externalNumber: "#727",
      updatedAt: "2026-11-29T10:00:05Z",
      cancelled: false,
      test: false,
      customerName: "Youssef Amrani",
      email: "youssef@example.com",
      phones: ["0661234567"],
      shippingAddress: {
        name: "Youssef Amrani",
        address1: "12 rue Atlas",
        address2: "Appt 4",
        city: "Casablanca",
        region: null,
        postcode: "20000",
        country: "MA",
        phone: null,
      },
      items: [{ productId: "93", variantId: "94", sku: "DJ-M", title: "Djellaba – Taille: M", unitPrice: "299.00", quantity: 2 }],
      total: "629.00",
      currency: "MAD",
      paymentMethod: "cod",
      cashOnDelivery: true,
      note: "Livrer après 18h",
    });
  });

  test.each([
    ["billing only", { phone: "0661234567" }, { phone: "" }, ["0661234567"]],
    ["shipping only", { phone: "" }, { phone: "0662000000" }, ["0662000000"]],
    ["both, billing first", { phone: "0661234567" }, { phone: "+212 662 00 00 00" }, ["0661234567", "+212 662 00 00 00"]],
    ["neither", { phone: "" }, {}, []],
  ])("phone in %s", (_, billing, shipping, phones) => {
    const order = parsedOrder(
      wooOrder({ billing: { ...wooOrder().billing, ...billing }, shipping: { ...wooOrder().shipping, phone: undefined, ...shipping } }),
    );
    expect(order.phones).toEqual(phones);
  });

  test("the shipping address falls back to billing when the shipping part is empty (no shipping needed, or a one-form COD checkout)", () => {
    const order = parsedOrder(wooOrder({ shipping: { first_name: "", last_name: "", address_1: "", city: "", country: "" } }));
    expect(order.shippingAddress).toMatchObject({ name: "Youssef Amrani", address1: "12 rue Atlas", city: "Casablanca", phone: "0661234567" });
    expect(parsedOrder(wooOrder({ shipping: null, billing: { first_name: "Sara", phone: "0661234567" } })).shippingAddress).toBeNull();
  });

  test("unit prices come from the line's exact strings, not the float `price`: before discount, tax added when prices include it", () => {
    const line = (fields: Record<string, unknown>) => ({ id: 1, name: "Caftan", product_id: 7, variation_id: 0, sku: "", ...fields });
    const order = parsedOrder(
      wooOrder({
        prices_include_tax: true,
        total: "556.66",
        line_items: [
          // 3 × 100.00 with a 10% coupon: WooCommerce's price is 90 (after discount, without tax).
          line({ quantity: 3, subtotal: "250.00", subtotal_tax: "50.00", total: "225.00", total_tax: "45.00", price: 75 }),
          // 100.00 over 3 units: the float price would be 33.333333333333336.
          line({ id: 2, product_id: 8, quantity: 3, subtotal: "83.33", subtotal_tax: "16.67", total: "83.33", total_tax: "16.67", price: 27.776666666666667 }),
          line({ id: 3, product_id: 9, quantity: 1, subtotal: "156.66", subtotal_tax: "0.00", total: "156.66", total_tax: "0.00", price: 156.66 }),
        ],
      }),
    );
    expect(order.items.map((item) => [item.unitPrice, item.quantity])).toEqual([
      ["100.00", 3],
      ["33.33", 3],
      ["156.66", 1],
    ]);
    expect(order.total).toBe("556.66");
  });

  test("amounts are in the currency's digits whatever the store's decimals setting (0-digit XOF, 3-digit TND, trailing zeros)", () => {
    const items = (currency: string, subtotal: string, total: string) =>
      parsedOrder(wooOrder({ currency, total, line_items: [{ ...wooOrder().line_items[0], quantity: 1, subtotal, total: subtotal }] }));
    expect(items("XOF", "15000", "16500")).toMatchObject({ items: [{ unitPrice: "15000" }], total: "16500" });
    expect(items("TND", "12.500", "19.500")).toMatchObject({ items: [{ unitPrice: "12.500" }], total: "19.500" });
    expect(items("MAD", "299.000", "329.000")).toMatchObject({ items: [{ unitPrice: "299.00" }], total: "329.00" });
  });

  test("a fractional quantity becomes one line at the line's amount; an emptied line is dropped; a deleted product keeps its line", () => {
    const order = parsedOrder(
      wooOrder({
        line_items: [
          { id: 1, name: "Tissu", product_id: 5, quantity: 2.5, subtotal: "125.00", total: "125.00" },
          { id: 2, name: "Retiré", product_id: 6, quantity: 0, subtotal: "0.00", total: "0.00" },
          { id: 3, name: "Ancien produit", product_id: 0, variation_id: 0, quantity: 1, subtotal: "40.00", total: "40.00", sku: null },
        ],
      }),
    );
    expect(order.items).toEqual([
      { productId: "5", variantId: null, sku: null, title: "Tissu × 2.5", unitPrice: "125.00", quantity: 1 },
      { productId: "line-3", variantId: null, sku: null, title: "Ancien produit", unitPrice: "40.00", quantity: 1 },
    ]);
  });

  test("a line or a total without a readable amount is refused with its place, never guessed", () => {
    const parsed = adapter.parse(delivery(wooOrder({ line_items: [{ id: 1, name: "X", product_id: 1, quantity: 1, subtotal: "abc" }] })), store);
    expect(parsed).toMatchObject({ ok: false, code: "invalid_payload", message: expect.stringContaining("line_items.1") });
    expect(adapter.parse(delivery(wooOrder({ total: "-10.00" })), store)).toMatchObject({ ok: false, message: "total: `-10.00` is not a decimal amount" });
  });

  test("another payment method is not cash on delivery; a plugin's number and an empty number read well", () => {
    const order = parsedOrder(wooOrder({ payment_method: "bacs", payment_method_title: "Virement", number: "WC-2026-0042" }));
    expect(order).toMatchObject({ cashOnDelivery: false, paymentMethod: "bacs", externalNumber: "#WC-2026-0042" });
    expect(parsedOrder(wooOrder({ number: "" })).externalNumber).toBe("#727");
  });

  test("names decode WordPress's HTML entities", () => {
    const order = parsedOrder(wooOrder({ line_items: [{ ...wooOrder().line_items[0], name: "Thé &amp; menthe &#8211; 500&nbsp;g &#x2013; n&deg;1" }] }));
    expect(order.items[0]!.title).toBe("Thé & menthe – 500 g – n&deg;1");
  });
});

test("the order's admin page opens on every WooCommerce (post.php redirects to the HPOS editor when HPOS is on)", () => {
  expect(adapter.adminOrderUrl!({ ...store, siteUrl: "https://atlas-shop.ma/boutique/" }, "727")).toBe(
    "https://atlas-shop.ma/boutique/wp-admin/post.php?post=727&action=edit",
  );
});
