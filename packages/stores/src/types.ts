import type { OrderStatus, ParcelStatus } from "@confirma/domain";

export const STORE_PLATFORMS = ["shopify", "woocommerce", "youcan", "custom"] as const;
export type StorePlatform = (typeof STORE_PLATFORMS)[number];

/** Which of a store's orders get the WhatsApp confirmation request. */
export const STORE_CONFIRM_MODES = ["cod", "all", "none"] as const;
export type StoreConfirmMode = (typeof STORE_CONFIRM_MODES)[number];

/** The statuses Confirma writes back to a store (and the reverse moves out of them). */
export type WriteBackStatus = Extract<OrderStatus, "pending" | "confirmed" | "cancelled" | "no_answer">;

/** What to write back, per store. Every field has a default, so `{}` is a valid choice. */
export interface WriteBackOptions {
  /** Tag the order (`confirma-confirmed`, …; Shopify, YouCan where possible). Default on. */
  tags?: boolean;
  /** Add a note line / order note saying what happened. Default on. */
  note?: boolean;
  /** Shopify: cancel the store order when the customer cancels (cannot be undone). Default off. */
  cancelOrder?: boolean;
  /** WooCommerce: the store status to set per Confirma status; a status left out is not changed. */
  statusMap?: Partial<Record<WriteBackStatus, string>>;
}

/** A store as an adapter sees it: ids, secrets and write-back credentials (never shown by the API). */
export interface StoreConnection {
  id: string;
  platform: StorePlatform;
  name: string;
  shopDomain: string | null;
  siteUrl: string | null;
  platformStoreId: string | null;
  webhookSecret: string;
  accessToken: string | null;
  consumerKey: string | null;
  consumerSecret: string | null;
  /** Overrides the platform's API base (self-hosted setups, tests). */
  apiUrl: string | null;
  writeBack: WriteBackOptions;
}

/** A webhook delivery as it arrived: authenticated on these exact bytes, before any parsing. */
export interface StoreWebhookRequest {
  headers: Headers;
  rawBody: Uint8Array;
}

export type SignatureVerdict = "valid" | "invalid" | "missing";

export interface StoreAddress {
  name: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  /** ISO 3166-1 alpha-2 when the platform gives it (`MA`), else as given. */
  country: string | null;
  phone: string | null;
}

export interface StoreLineItem {
  productId: string;
  variantId: string | null;
  sku: string | null;
  title: string;
  /** Decimal text exactly as the platform wrote it (`"199.00"`): converted to minor units without floats. */
  unitPrice: string;
  quantity: number;
}

/** A store order in one shape, whatever the platform. */
export interface StoreOrder {
  /** The platform's order id (`5678901234`), unique within the store. */
  externalId: string;
  /** The human number the merchant and the customer see (`#1001`). */
  externalNumber: string | null;
  /** The platform's last-modified time (ISO 8601): an older update than the one stored is stale. */
  updatedAt: string | null;
  /** Cancelled on the platform. */
  cancelled: boolean;
  /**
   * Where the parcel is, when the platform says it plainly (Shopify: fulfilled → shipped, every
   * fulfillment delivered → delivered; WooCommerce: completed → delivered). Absent or null: unknown.
   */
  parcel?: ParcelStatus | null;
  /** A test order (Shopify `test: true`). */
  test: boolean;
  customerName: string | null;
  /** The customer's language on the platform (Shopify `customer_locale`: `fr`, `ar-MA`), when it gives one. */
  customerLocale?: string | null;
  email: string | null;
  /** Phone candidates in the platform's order of preference; the first usable one is the customer's. */
  phones: string[];
  shippingAddress: StoreAddress | null;
  items: StoreLineItem[];
  /** What the customer pays, as decimal text (`"349.00"`), shipping and discounts included; null = the sum of the lines. */
  total: string | null;
  /** ISO 4217, or null to use the store's default. */
  currency: string | null;
  /** As the platform names it (`cod`, `Cash on Delivery (COD)`, `manual`). */
  paymentMethod: string | null;
  /** Cash on delivery, as the adapter reads the platform's payment fields. */
  cashOnDelivery: boolean;
  note: string | null;
}

export type StoreEvent =
  | { kind: "order"; topic: "created" | "updated" | "cancelled"; order: StoreOrder }
  /** Understood and deliberately not stored (a ping, a checkout draft, a topic we do not use). */
  | { kind: "ignored"; reason: string };

export type ParsedStoreDelivery =
  | {
      ok: true;
      /** The platform's delivery id (Shopify `X-Shopify-Webhook-Id`…): a redelivery with the same id changes nothing. */
      deliveryId: string;
      event: StoreEvent;
    }
  | { ok: false; code: "invalid_payload" | "unsupported_event"; message: string };

/** One status change to write back to the store. */
export interface WriteBackChange {
  /** Confirma's status change id: the unit written exactly once. */
  changeId: string;
  orderId: string;
  externalId: string;
  externalNumber: string | null;
  from: OrderStatus;
  to: OrderStatus;
  /** Why (the audit trail's reason: `reply:word:fr:oui`, `manual`, …) and who, for the note. */
  reason: string;
  actor: string;
  at: Date;
}

/**
 * Thrown by the outbound `fetch` for a request it will not make (a private address without
 * OUTBOUND_ALLOW_PRIVATE_NETWORKS, a scheme other than http(s)): retrying cannot help.
 */
export class OutboundRefusedError extends Error {
  override readonly name = "OutboundRefusedError";
}

/** `fetch` with Confirma's outbound rules (private networks refused unless allowed, no redirects). */
export type StoreFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface WriteBackContext {
  store: StoreConnection;
  fetch: StoreFetch;
}

/**
 * What a write-back left the store order as, when it set the order's state there (WooCommerce's
 * status, Shopify's cancellation): Confirma keeps it on the order to tell the echo of its own
 * cancellation from one made in the store (`packages/api/src/stores/store-cancellation.ts`).
 */
export interface StoreStateWritten {
  cancelled: boolean;
  /** The platform's last-modified time of the order after the write (ISO 8601), when its answer gives one. */
  at: string | null;
}

export type WriteBackResult =
  | { status: "done"; detail: string; written?: StoreStateWritten }
  /** Nothing to write for this change with the store's options. */
  | { status: "skipped"; detail: string }
  /** Try again later (network, 5xx, 429 / throttled); `retryAfterMs` when the platform says. */
  | { status: "retry"; error: string; retryAfterMs?: number }
  /** Will never work as is (revoked token, 401/403/404, refused input): stop and say why. */
  | { status: "failed"; error: string };

/**
 * One platform: how its webhooks are authenticated and read, and how an outcome is written back.
 * Pure of Confirma's database: the api package stores what `parse` returns and runs `writeBack`
 * from the durable job runner.
 */
export interface StoreAdapter {
  platform: StorePlatform;
  /**
   * A delivery the platform sends unsigned and that must be answered 200 without storing
   * anything (WooCommerce's ping when a webhook is saved). Checked before the signature.
   */
  isUnsignedPing?(request: StoreWebhookRequest): boolean;
  /** Checks the platform's signature over the raw bytes. */
  verify(request: StoreWebhookRequest, store: StoreConnection): SignatureVerdict;
  /** Reads an authenticated delivery. */
  parse(request: StoreWebhookRequest, store: StoreConnection): ParsedStoreDelivery;
  /** Writes one status change back; absent when the platform offers no way to. */
  writeBack?(change: WriteBackChange, context: WriteBackContext): Promise<WriteBackResult>;
  /** The order's page in the store's admin (Shopify `https://{shop}/admin/orders/{id}`), for the dashboard's link. */
  adminOrderUrl?(store: StoreConnection, externalId: string): string | null;
  /** What the admin pastes on the platform, shown on the Stores page (topics, content type, where). */
  setupHint: string;
}
