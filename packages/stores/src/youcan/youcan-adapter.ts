import type { StoreAdapter } from "../types.ts";
import { readYoucanDelivery } from "./youcan-order.ts";
import { payloadDigest, verifyYoucanSignature } from "./youcan-signature.ts";
import { writeBackToYoucan } from "./youcan-write-back.ts";

/** Where a seller opens an order (the `links.self` YouCan's API gives every order). */
const SELLER_AREA_ORDERS = "https://seller-area.youcan.shop/admin/orders/";

/**
 * `youcan`: YouCan's `order.create` REST hook, signed `x-youcan-signature` with the OAuth app's
 * Client Secret (the store's `webhookSecret`), and the confirmation status written back with the
 * store's access token. YouCan sends no delivery id, and retries a failed push 3 times about a
 * second apart: the delivery id is the SHA-256 of the signed payload, so a redelivery of the same
 * order.create is a duplicate.
 */
export const youcanAdapter: StoreAdapter = {
  platform: "youcan",
  setupHint:
    'Subscribe this URL to the order.create REST hook: POST https://api.youcan.shop/resthooks/subscribe { "event": "order.create", "target_url": "<this URL>" } with the store\'s access token (scopes edit-rest-hooks, edit-orders). webhookSecret = the Client Secret of the YouCan app that token belongs to (it signs x-youcan-signature); accessToken = that token (writes the confirmation status back).',
  verify(request, store) {
    return verifyYoucanSignature(store.webhookSecret, request.headers, request.rawBody);
  },
  parse(request) {
    const read = readYoucanDelivery(request.rawBody);
    if (!read.ok) return { ok: false, code: "invalid_payload", message: read.message };
    return { ok: true, deliveryId: `youcan:${payloadDigest(request.rawBody)}`, event: read.event };
  },
  writeBack: writeBackToYoucan,
  adminOrderUrl(_store, externalId) {
    return SELLER_AREA_ORDERS + encodeURIComponent(externalId);
  },
};
