import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { StoreAdapter, StoreConnection, StoreWebhookRequest } from "../types.ts";
import { parseShopifyJson, readShopifyOrder } from "./shopify-order.ts";
import { shopifyWriteBack } from "./shopify-write-back.ts";

/**
 * Shopify: order webhooks (`orders/create`, `orders/updated`, `orders/cancelled`, JSON) signed in
 * `X-Shopify-Hmac-Sha256` with a base64 HMAC-SHA256 of the raw body, and the outcome written back
 * through the GraphQL Admin API (tags, a note line, optionally the cancellation).
 */

const TOPICS = { "orders/create": "created", "orders/updated": "updated", "orders/cancelled": "cancelled" } as const;

/** `X-Shopify-Hmac-Sha256` against the raw bytes with one key, in constant time. */
function signatureMatches(secret: string, rawBody: Uint8Array, header: string): boolean {
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const given = Buffer.from(header.trim(), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The keys a delivery may be signed with: the store's webhook secret (the key Shopify shows under
 * Settings → Notifications → Webhooks, or the app's client secret for webhooks the app subscribes)
 * and, when set, the app's client secret kept for the Admin API.
 */
function signingKeys(store: StoreConnection): string[] {
  return [store.webhookSecret, store.consumerSecret].filter((key, index, all): key is string => Boolean(key) && all.indexOf(key) === index);
}

/**
 * The delivery's id for deduplication. Shopify: "the same X-Shopify-Event-Id across more than one
 * webhook indicates a duplicate" — it covers the retries of one delivery and the copies a second
 * subscription to the same topic sends, where X-Shopify-Webhook-Id (one per delivery, kept across
 * its retries) covers only the first. Scoped by topic, so an update and a cancellation born of the
 * same event are both read. Without either header (never seen from Shopify) identical bytes are
 * the same delivery.
 */
function deliveryIdOf(request: StoreWebhookRequest, topic: string): string {
  const eventId = request.headers.get("x-shopify-event-id")?.trim();
  if (eventId) return `event:${topic}:${eventId}`.slice(0, 300);
  const webhookId = request.headers.get("x-shopify-webhook-id")?.trim();
  if (webhookId) return `webhook:${webhookId}`.slice(0, 300);
  return `body:${createHash("sha256").update(request.rawBody).digest("hex")}`;
}

export const shopifyAdapter: StoreAdapter = {
  platform: "shopify",
  setupHint:
    'In Shopify: Settings → Notifications → Webhooks → Create webhook for Order creation, Order update and Order cancellation, format JSON, this URL, the latest API version; the key shown there ("Your webhooks will be signed with …") is the webhook secret. To write outcomes back: an app from the Dev Dashboard with the read_orders and write_orders scopes, installed on the store — its Client ID and Client secret (or a custom app\'s Admin API access token, shpat_…).',

  verify(request, store) {
    const header = request.headers.get("x-shopify-hmac-sha256");
    if (!header) return "missing";
    return signingKeys(store).some((key) => signatureMatches(key, request.rawBody, header)) ? "valid" : "invalid";
  },

  parse(request, store) {
    const topic = request.headers.get("x-shopify-topic")?.trim().toLowerCase() ?? "";
    const deliveryId = deliveryIdOf(request, topic);
    // A Partner app shares one client secret across every shop it is installed on: a delivery
    // signed with it may still be another shop's, posted to this store's address by mistake.
    const shop = request.headers.get("x-shopify-shop-domain")?.trim().toLowerCase();
    if (shop && store.shopDomain?.endsWith(".myshopify.com") && shop !== store.shopDomain) {
      return { ok: false, code: "invalid_payload", message: `this delivery is for the shop ${shop}, not ${store.shopDomain}` };
    }
    if (!(topic in TOPICS)) return { ok: true, deliveryId, event: { kind: "ignored", reason: `topic ${topic || "(none)"} is not used` } };
    const kind = TOPICS[topic as keyof typeof TOPICS];

    let json: unknown;
    try {
      json = parseShopifyJson(new TextDecoder().decode(request.rawBody));
    } catch {
      return { ok: false, code: "invalid_payload", message: "the body is not JSON" };
    }
    const read = readShopifyOrder(json, { cancelledTopic: kind === "cancelled" });
    if (!read.ok) return { ok: false, code: "invalid_payload", message: read.message };
    return { ok: true, deliveryId, event: { kind: "order", topic: kind, order: read.order } };
  },

  writeBack: shopifyWriteBack,

  adminOrderUrl(store, externalId) {
    return store.shopDomain ? `https://${store.shopDomain}/admin/orders/${encodeURIComponent(externalId)}` : null;
  },
};
