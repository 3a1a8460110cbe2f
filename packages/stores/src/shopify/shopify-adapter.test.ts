import { describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import type { StoreConnection, StoreOrder } from "../types.ts";
import { shopifyAdapter } from "./shopify-adapter.ts";
import { codOrder, SHOPIFY_DOCS_ORDER, shopifyAddress } from "./shopify-fixtures.ts";
import { isCashOnDelivery, parseShopifyJson } from "./shopify-order.ts";

const SECRET = "1d5c0a4c3b2e6f7a8b9c0d1e2f3a4b5c";

const store: StoreConnection = {
  id: "store-1",
  platform: "shopify",
  name: "Atlas",
  shopDomain: "atlas-shop.myshopify.com",
  siteUrl: null,
  platformStoreId: null,
  webhookSecret: SECRET,
  accessToken: "shpat_test",
  consumerKey: null,
  consumerSecret: null,
  apiUrl: null,
  writeBack: {},
};

const sign = (bytes: Uint8Array, secret = SECRET) => createHmac("sha256", secret).update(bytes).digest("base64");

function delivery(body: string | Uint8Array, headers: Record<string, string> = {}) {
  const rawBody = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return {
    rawBody,
    headers: new Headers({
      "content-type": "application/json",
      "x-shopify-topic": "orders/create",
      "x-shopify-hmac-sha256": sign(rawBody),
      "x-shopify-shop-domain": "atlas-shop.myshopify.com",
      "x-shopify-api-version": "2026-10",
      "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
      "x-shopify-event-id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
      "x-shopify-triggered-at": "2026-11-29T08:58:02.000Z",
      ...headers,
    }),
  };
}

function parsedOrder(body: string | Uint8Array, headers: Record<string, string> = {}): StoreOrder {
  const parsed = shopifyAdapter.parse(delivery(body, headers), store);
  if (!parsed.ok || parsed.event.kind !== "order") throw new Error(`not an order: ${JSON.stringify(parsed)}`);
  return parsed.event.order;
}

describe("X-Shopify-Hmac-Sha256", () => {
  test("is accepted on the raw bytes", () => {
    expect(shopifyAdapter.verify(delivery(SHOPIFY_DOCS_ORDER), store)).toBe("valid");
  });

  test("is refused after one changed byte, anywhere", () => {
    const bytes = new TextEncoder().encode(SHOPIFY_DOCS_ORDER);
    const signature = sign(bytes);
    for (const position of [0, 40, bytes.length - 1]) {
      const tampered = bytes.slice();
      tampered[position] = tampered[position]! ^ 1;
      expect(shopifyAdapter.verify(delivery(tampered, { "x-shopify-hmac-sha256": signature }), store)).toBe("invalid");
    }
  });

  test("is checked on the bytes that came, never on re-serialised JSON", () => {
    const signature = sign(new TextEncoder().encode(SHOPIFY_DOCS_ORDER));
    const reserialised = JSON.stringify(JSON.parse(SHOPIFY_DOCS_ORDER));
    expect(reserialised).not.toBe(SHOPIFY_DOCS_ORDER);
    // The same JSON value, other bytes: the signature of the original does not cover it…
    expect(shopifyAdapter.verify(delivery(reserialised, { "x-shopify-hmac-sha256": signature }), store)).toBe("invalid");
    // …and a signature of the re-serialised text does not cover the original.
    const other = sign(new TextEncoder().encode(reserialised));
    expect(shopifyAdapter.verify(delivery(SHOPIFY_DOCS_ORDER, { "x-shopify-hmac-sha256": other }), store)).toBe("invalid");
  });

  test("a wrong secret, a garbled header or no header is not valid", () => {
    const bytes = new TextEncoder().encode(SHOPIFY_DOCS_ORDER);
    expect(shopifyAdapter.verify(delivery(bytes, { "x-shopify-hmac-sha256": sign(bytes, "another-secret") }), store)).toBe("invalid");
    expect(shopifyAdapter.verify(delivery(bytes, { "x-shopify-hmac-sha256": "not base64 at all" }), store)).toBe("invalid");
    const unsigned = delivery(bytes);
    unsigned.headers.delete("x-shopify-hmac-sha256");
    expect(shopifyAdapter.verify(unsigned, store)).toBe("missing");
  });

  test("the app's client secret kept for the Admin API signs the app's own webhooks: both keys are accepted", () => {
    const bytes = new TextEncoder().encode(SHOPIFY_DOCS_ORDER);
    const withApp = { ...store, consumerKey: "a1b2c3", consumerSecret: "app-client-secret" };
    expect(shopifyAdapter.verify(delivery(bytes, { "x-shopify-hmac-sha256": sign(bytes, "app-client-secret") }), withApp)).toBe("valid");
    expect(shopifyAdapter.verify(delivery(bytes), withApp)).toBe("valid");
    expect(shopifyAdapter.verify(delivery(bytes, { "x-shopify-hmac-sha256": sign(bytes, "app-client-secret") }), store)).toBe("invalid");
  });
});

describe("the order payload", () => {
  test("Shopify's documented sample: 64-bit ids exact, the test flag, the cancellation, lines and address", () => {
    const order = parsedOrder(SHOPIFY_DOCS_ORDER);
    expect((parseShopifyJson(SHOPIFY_DOCS_ORDER) as { id: unknown }).id).toBe("820982911946154508");
    expect(JSON.parse(SHOPIFY_DOCS_ORDER).id).not.toBe(820982911946154508n.toString());
    expect(order).toEqual({
      externalId: "820982911946154508",
      externalNumber: "#9999",
      updatedAt: "2021-12-31T19:00:00-05:00",
      cancelled: true,
      test: true,
      customerName: "John Smith",
      customerLocale: "en",
      email: "jon@example.com",
      phones: ["555-555-SHIP"],
      shippingAddress: {
        name: "Steve Shipper",
        address1: "123 Shipping Street",
        address2: null,
        city: "Shippington",
        region: "Kentucky",
        postcode: "40003",
        country: "US",
        phone: "555-555-SHIP",
      },
      items: [
        { productId: "632910392", variantId: "808950810", sku: "IPOD2008PINK", title: "IPod Nano - 8GB", unitPrice: "199.00", quantity: 1 },
        { productId: "632910392", variantId: "808950810", sku: "IPOD2008PINK", title: "IPod Nano - 8GB", unitPrice: "199.00", quantity: 1 },
      ],
      total: "398.00",
      currency: "USD",
      paymentMethod: "visa, bogus",
      cashOnDelivery: false,
      note: null,
    });
  });

  test("a COD order: number, MAD total, variant title, COD gateway, note", () => {
    const order = parsedOrder(JSON.stringify(codOrder()));
    expect(order).toMatchObject({
      externalId: "5678901234567",
      externalNumber: "#1001",
      cancelled: false,
      test: false,
      customerName: "Youssef Amrani",
      phones: ["0661234567"],
      shippingAddress: {
        name: "Youssef Amrani",
        address1: "12 Rue Atlas",
        address2: "Appt 4",
        city: "Casablanca",
        region: "Casablanca-Settat",
        postcode: "20250",
        country: "MA",
      },
      items: [
        { productId: "8471029367005", variantId: "45126783000733", sku: "DJL-BEI-M", title: "Djellaba brodée - Beige / M", unitPrice: "299.00", quantity: 2 },
      ],
      total: "628.00",
      currency: "MAD",
      paymentMethod: "Cash on Delivery (COD)",
      cashOnDelivery: true,
      note: "Livrer après 18h",
    });
  });

  const noPhone = {
    phone: null,
    customer: { first_name: "Sans", last_name: "Numéro", phone: null },
    shipping_address: shopifyAddress({ phone: null }),
    billing_address: shopifyAddress({ phone: null }),
  };
  test.each([
    ["the order", { phone: "+212661000001" }, "+212661000001"],
    ["the customer", { customer: { first_name: "Y", last_name: "A", phone: "0661000002" } }, "0661000002"],
    ["the shipping address", { shipping_address: shopifyAddress({ phone: "0661000003" }) }, "0661000003"],
    ["the billing address", { billing_address: shopifyAddress({ phone: "0661000004" }) }, "0661000004"],
  ])("the phone is found on %s", (_place, where, phone) => {
    expect(parsedOrder(JSON.stringify(codOrder({ ...noPhone, ...where }))).phones).toEqual([phone]);
  });

  test("phones come in Shopify's order of preference, each once; none at all is an empty list", () => {
    const all = codOrder({
      phone: "0661000001",
      customer: { phone: "0661000002" },
      shipping_address: shopifyAddress({ phone: "0661000003" }),
      billing_address: shopifyAddress({ phone: "0661000001" }),
    });
    expect(parsedOrder(JSON.stringify(all)).phones).toEqual(["0661000001", "0661000002", "0661000003"]);
    expect(parsedOrder(JSON.stringify(codOrder(noPhone))).phones).toEqual([]);
    expect(parsedOrder(JSON.stringify(codOrder({ ...noPhone, shipping_address: null, billing_address: null }))).shippingAddress).toBeNull();
  });

  test("the lines Confirma wrote into the note are not read back as the customer's note", () => {
    const echoed = codOrder({ note: "Livrer après 18h\nConfirma: confirmé par le client sur WhatsApp (2026-11-29 10:02)" });
    expect(parsedOrder(JSON.stringify(echoed)).note).toBe("Livrer après 18h");
    expect(parsedOrder(JSON.stringify(codOrder({ note: "Confirma: confirmé par un agent (2026-11-29 10:02)" }))).note).toBeNull();
  });

  test("test orders are marked as tests", () => {
    expect(parsedOrder(JSON.stringify(codOrder({ test: true }))).test).toBe(true);
    expect(parsedOrder(JSON.stringify(codOrder({ test: null }))).test).toBe(false);
  });

  test("cancelled by the orders/cancelled topic or by cancelled_at", () => {
    const cancelled = shopifyAdapter.parse(delivery(JSON.stringify(codOrder()), { "x-shopify-topic": "orders/cancelled" }), store);
    expect(cancelled).toMatchObject({ ok: true, event: { kind: "order", topic: "cancelled", order: { cancelled: true } } });
    expect(parsedOrder(JSON.stringify(codOrder({ cancelled_at: "2026-11-29T11:00:00+01:00" })), { "x-shopify-topic": "orders/updated" }).cancelled).toBe(true);
  });

  test("lines removed by an order edit are left out; the total is what is left to collect", () => {
    const [line] = codOrder().line_items as Record<string, unknown>[];
    const edited = codOrder({
      line_items: [
        line,
        {
          ...line,
          id: 2,
          product_id: 2,
          variant_id: null,
          name: null,
          title: "Babouches",
          variant_title: null,
          price: "150.00",
          quantity: 1,
          current_quantity: 0,
        },
      ],
      total_price: "778.00",
      current_total_price: "628.00",
    });
    const order = parsedOrder(JSON.stringify(edited));
    expect(order.items.map((item) => item.title)).toEqual(["Djellaba brodée - Beige / M"]);
    expect(order.total).toBe("628.00");
  });

  test("bad payloads are refused with a reason", () => {
    expect(shopifyAdapter.parse(delivery("{not json"), store)).toMatchObject({ ok: false, code: "invalid_payload" });
    const noLines = shopifyAdapter.parse(delivery(JSON.stringify(codOrder({ line_items: undefined }))), store);
    expect(noLines).toMatchObject({ ok: false, code: "invalid_payload", message: expect.stringContaining("line_items") });
    const badPrice = shopifyAdapter.parse(delivery(JSON.stringify(codOrder({ total_price: 628 }))), store);
    expect(badPrice).toMatchObject({ ok: false, code: "invalid_payload" });
  });
});

describe("topics and delivery ids", () => {
  test.each([
    ["orders/create", "created"],
    ["orders/updated", "updated"],
    ["orders/cancelled", "cancelled"],
  ])("%s is an order %s", (topic, kind) => {
    expect(shopifyAdapter.parse(delivery(JSON.stringify(codOrder()), { "x-shopify-topic": topic }), store)).toMatchObject({
      ok: true,
      event: { kind: "order", topic: kind },
    });
  });

  test("other topics are understood and ignored, even with a body we do not read", () => {
    expect(shopifyAdapter.parse(delivery("{}", { "x-shopify-topic": "orders/paid" }), store)).toMatchObject({
      ok: true,
      event: { kind: "ignored", reason: "topic orders/paid is not used" },
    });
    const noTopic = delivery("{}");
    noTopic.headers.delete("x-shopify-topic");
    expect(shopifyAdapter.parse(noTopic, store)).toMatchObject({ ok: true, event: { kind: "ignored" } });
  });

  test("deduplicated on X-Shopify-Event-Id per topic; X-Shopify-Webhook-Id without it; the bytes without either", () => {
    const body = JSON.stringify(codOrder());
    const idOf = (headers: Record<string, string>) => {
      const request = delivery(body, headers);
      for (const [name, value] of Object.entries(headers)) if (value === "") request.headers.delete(name);
      const parsed = shopifyAdapter.parse(request, store);
      return parsed.ok ? parsed.deliveryId : null;
    };
    const first = idOf({});
    // A retry (same webhook id) and a second subscription's copy (another webhook id) of one event: one delivery.
    expect(idOf({ "x-shopify-webhook-id": "another-subscription" })).toBe(first);
    expect(idOf({ "x-shopify-topic": "orders/updated" })).not.toBe(first);
    expect(idOf({ "x-shopify-event-id": "" })).toBe("webhook:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
    const bare = idOf({ "x-shopify-event-id": "", "x-shopify-webhook-id": "" });
    expect(bare).toMatch(/^body:[0-9a-f]{64}$/);
    expect(idOf({ "x-shopify-event-id": "", "x-shopify-webhook-id": "" })).toBe(bare);
  });

  test("a delivery for another shop is refused", () => {
    const parsed = shopifyAdapter.parse(delivery(JSON.stringify(codOrder()), { "x-shopify-shop-domain": "other-shop.myshopify.com" }), store);
    expect(parsed).toMatchObject({ ok: false, code: "invalid_payload", message: expect.stringContaining("other-shop.myshopify.com") });
  });

  test("the order's page in the Shopify admin", () => {
    expect(shopifyAdapter.adminOrderUrl?.(store, "5678901234567")).toBe("https://atlas-shop.myshopify.com/admin/orders/5678901234567");
    expect(shopifyAdapter.adminOrderUrl?.({ ...store, shopDomain: null }, "1")).toBeNull();
  });
});

describe("cash on delivery", () => {
  test.each([
    [["Cash on Delivery (COD)"], "pending", true],
    [["cod"], "pending", true],
    [["COD Form & Upsells"], "pending", true],
    [["Paiement à la livraison"], "pending", true],
    [["الدفع عند الاستلام"], "pending", true],
    [["Contra reembolso"], "pending", true],
    [["manual"], "pending", true],
    [["manual"], "paid", false],
    [["Bank Deposit"], "pending", false],
    [["shopify_payments"], "paid", false],
    [["visa", "bogus"], "voided", false],
    [["Codify Pay"], "paid", false],
    [[], "pending", false],
  ] as const)("%p (%s) → %p", (gateways, status, expected) => {
    expect(isCashOnDelivery(gateways, status)).toBe(expected);
  });
});
