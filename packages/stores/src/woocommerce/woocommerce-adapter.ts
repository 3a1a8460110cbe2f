import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { StoreAdapter, StoreConnection, StoreOrder } from "../types.ts";
import { toStoreOrder, wooOrderSchema } from "./woocommerce-order.ts";
import { DEFAULT_WOOCOMMERCE_STATUS_MAP, writeBackToWooCommerce } from "./woocommerce-write-back.ts";

/**
 * `woocommerce`: webhooks from WooCommerce → Settings → Advanced → Webhooks (topics Order created
 * and Order updated, API version v3), outcomes written back with a REST API key.
 *
 * - Signature: `X-WC-Webhook-Signature` = base64 HMAC-SHA256 of the exact body, keyed with the
 *   webhook's secret as text (WC_Webhook::generate_signature).
 * - Ping: saving an active webhook POSTs `webhook_id=<id>` (form-encoded, unsigned, no
 *   `X-WC-Webhook-*` header; WC_Webhook::deliver_ping) and activates the webhook only on a 200.
 * - Delivery id: the body's SHA-256, per topic. WooCommerce's `X-WC-Webhook-Delivery-ID` is
 *   `wp_hash(webhook id . current second)`: every delivery one webhook sends within the same
 *   second shares it (the Action Scheduler sends queued deliveries back to back), so deduplicating
 *   on it would drop real orders. The body carries the whole order and its `date_modified_gmt`:
 *   the same bytes twice are the same delivery.
 */

const SIGNATURE_HEADER = "x-wc-webhook-signature";
const PING = /^webhook_id=\d+$/;
const ORDER_TOPICS = { "order.created": "created", "order.updated": "updated" } as const;
/** Orders that are not orders yet: the Checkout block's draft (and WordPress drafts, which WooCommerce mostly filters itself). */
const DRAFT_STATUSES = new Set(["checkout-draft", "draft", "auto-draft"]);

/**
 * WooCommerce keys the HMAC with `wp_specialchars_decode($secret, ENT_QUOTES)`: a secret saved
 * with `&amp;` in it signs with `&`. Decoding the same five entities here keeps us byte-for-byte
 * with it whatever the merchant pasted (Confirma's generated secrets have no `&`).
 */
function wpSpecialcharsDecode(secret: string): string {
  if (!secret.includes("&")) return secret;
  const characters: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#039": "'", "#39": "'", "#x27": "'" };
  return secret.replace(/&(amp|lt|gt|quot|#0?39|#x27);/gi, (entity, name: string) => characters[name.toLowerCase()] ?? entity);
}

export const woocommerceAdapter: StoreAdapter = {
  platform: "woocommerce",
  setupHint:
    "WooCommerce → Settings → Advanced → Webhooks → Add webhook, twice: Topic “Order created”, then “Order updated”; Status Active; Delivery URL = this store's webhook URL; Secret = this store's secret; API version WP REST API Integration v3. For write-back: Settings → Advanced → REST API → Add key with Read/Write permissions, and give Confirma the consumer key and secret.",

  isUnsignedPing(request) {
    if (request.headers.has(SIGNATURE_HEADER) || request.rawBody.length > 64) return false;
    return PING.test(new TextDecoder().decode(request.rawBody).trim());
  },

  verify(request, store) {
    const given = request.headers.get(SIGNATURE_HEADER)?.trim();
    if (!given) return "missing";
    const expected = createHmac("sha256", wpSpecialcharsDecode(store.webhookSecret)).update(request.rawBody).digest();
    const decoded = Buffer.from(given, "base64");
    return decoded.length === expected.length && timingSafeEqual(decoded, expected) ? "valid" : "invalid";
  },

  parse(request, store) {
    const topic = request.headers.get("x-wc-webhook-topic")?.trim() ?? "";
    if (!topic) return { ok: false, code: "invalid_payload", message: "X-WC-Webhook-Topic is missing" };
    const deliveryId = `${topic.slice(0, 100)}:${createHash("sha256").update(request.rawBody).digest("base64url")}`;
    if (!Object.hasOwn(ORDER_TOPICS, topic)) return { ok: true, deliveryId, event: { kind: "ignored", reason: `topic ${topic.slice(0, 80)}` } };

    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(request.rawBody));
    } catch {
      return { ok: false, code: "invalid_payload", message: "the body is not JSON" };
    }
    const result = wooOrderSchema.safeParse(json);
    if (!result.success) {
      const issue = result.error.issues[0];
      return { ok: false, code: "invalid_payload", message: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` };
    }
    const order = result.data;
    if (DRAFT_STATUSES.has(order.status)) return { ok: true, deliveryId, event: { kind: "ignored", reason: `status ${order.status}` } };
    const read = toStoreOrder(order);
    if (!read.ok) return { ok: false, code: "invalid_payload", message: read.problem };
    // An order an admin is still putting together in wp-admin has no lines yet; its update will.
    if (read.order.items.length === 0) return { ok: true, deliveryId, event: { kind: "ignored", reason: "no line items yet" } };
    const storeTopic = read.order.cancelled ? "cancelled" : ORDER_TOPICS[topic as keyof typeof ORDER_TOPICS];
    return { ok: true, deliveryId, event: { kind: "order", topic: storeTopic, order: withParcel(read.order, wooParcel(order.status, store)) } };
  },

  writeBack: writeBackToWooCommerce,

  /**
   * `post.php?post={id}&action=edit` opens the order on every WooCommerce: natively with posts
   * storage, and through WooCommerce's own redirect (PostsRedirectionController) to
   * `admin.php?page=wc-orders&action=edit&id={id}` when HPOS is on. The HPOS address only
   * redirects back on versions that have COTRedirectionController, so it is not the safe one.
   */
  adminOrderUrl(store, externalId) {
    if (!store.siteUrl) return null;
    return `${store.siteUrl.replace(/\/+$/, "")}/wp-admin/post.php?post=${encodeURIComponent(externalId)}&action=edit`;
  },
};

function withParcel(order: StoreOrder, parcel: "delivered" | null): StoreOrder {
  return parcel ? { ...order, parcel } : order;
}

/**
 * WooCommerce's `completed` is "fulfilled and complete": for a cash-on-delivery order, the parcel
 * was delivered (and paid). Not read when the store's write-back itself sets `completed` for a
 * Confirma status: that would be Confirma's own change coming back. No other status says where
 * the parcel is (WooCommerce has no "shipped"; `refunded` is money, not a returned parcel).
 */
function wooParcel(status: string, store: StoreConnection) {
  if (status !== "completed") return null;
  const written = Object.values(store.writeBack.statusMap ?? DEFAULT_WOOCOMMERCE_STATUS_MAP);
  return written.includes("completed") ? null : ("delivered" as const);
}
