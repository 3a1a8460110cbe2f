import { clients, messages, orderItems, statusChanges, stores, type Executor, type Order, type OrderItem, type ReviewReason, type Store } from "@confirma/db";
import { ORDER_TRANSITIONS } from "@confirma/domain";
import type { CustomerHistory, CustomerRisk, MessageLanguage } from "@confirma/domain";
import { and, asc, eq, inArray, max, sql } from "drizzle-orm";
import { STORE_ADAPTERS } from "@confirma/stores";
import { fromMinorUnits } from "../money/money.ts";
import { toStoreConnection } from "../stores/store-service.ts";
import { standingsOf } from "../customers/customer-history.ts";
import { loadCustomerRules } from "../customers/risk-settings.ts";
import { openDuplicatesOf } from "./duplicate-links.ts";
import { isMediaType, mediaByMessage, toMediaView, type MediaView } from "../media/media-service.ts";

export interface ProductLineView {
  id: string;
  name: string;
  price: number;
  quantity: number;
  /** A store line's variant and SKU (absent for orders created through the API). */
  variantId?: string;
  sku?: string;
}

export interface ShippingAddressView {
  name: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
  phone: string | null;
}

/** The order as the API shows it: money as exact decimals computed from minor units. */
export interface OrderView {
  id: string;
  clientId: string;
  status: Order["status"];
  /** Where the order may go next: the status buttons to offer. */
  allowedTransitions: readonly Order["status"][];
  currency: string;
  total: number;
  products: ProductLineView[];
  needsReview: boolean;
  reviewMessageId: string | null;
  /** Why that reply was not taken as an answer (`unclear`, `weak_after_unclear`, `awaiting_person`, `not_asked`, `several_orders`); null when not in review. */
  reviewReason: ReviewReason | null;
  /** The reply that put the order in the review queue, when it is there. */
  reviewMessage?: { id: string; body: string; type: string; createdAt: string; media: MediaView | null } | null;
  /**
   * The language the customer is written to in (`customerLanguage`: known, their replies', their
   * country's, the shop's): lists and queues fill it (`orders.list`, `calls.queue`, a client's
   * orders), so a card offers canned replies in it first; absent on single-order answers.
   */
  language?: MessageLanguage;
  /** Who ordered: for lists, so a row names its customer. */
  client?: { name: string | null; phoneNumber: string | null } | null;
  /** For an order from a store: the store, the platform's order id and human number (`#1001`). */
  storeId: string | null;
  externalId: string | null;
  externalNumber: string | null;
  /** The store the order came from (null for orders created here, or once the store is deleted). */
  store: { id: string; name: string; platform: Store["platform"] } | null;
  /** The order's page in the store's admin, when the platform has one. */
  externalUrl: string | null;
  shippingAddress: ShippingAddressView | null;
  customerEmail: string | null;
  paymentMethod: string | null;
  note: string | null;
  /** A store's test order. */
  isTest: boolean;
  /** The last write-back to the store: when it succeeded, or why it failed (null for orders without a store). */
  writeBack: { at: string | null; error: string | null } | null;
  createdAt: string;
  updatedAt: string;
  /** When the order reached its current status ("confirmed on"), in lists; the creation for a new order. */
  statusChangedAt?: string;
  /** The other orders this one is likely the same as (open duplicate links), oldest first. */
  duplicateOf?: string[];
  /** The customer's risk level and the rules that set it (settings `risk`), with their history. */
  customerRisk?: CustomerRisk;
  customerHistory?: CustomerHistory;
}

/** The order's page in its store's admin, as the platform's adapter builds it. */
function externalUrlOf(order: Order, store: Store | null): string | null {
  if (!store || !order.externalId) return null;
  return STORE_ADAPTERS[store.platform].adminOrderUrl?.(toStoreConnection(store), order.externalId) ?? null;
}

/** One order as the API shows it; `store` is its store's row when it has one (toOrderViews loads them). */
export function toOrderView(order: Order, items: OrderItem[], store: Store | null = null): OrderView {
  return {
    id: order.id,
    clientId: order.clientId,
    status: order.status,
    allowedTransitions: ORDER_TRANSITIONS[order.status],
    currency: order.currency,
    total: fromMinorUnits(order.totalMinor, order.currency),
    products: items.map((item) => ({
      id: item.productId,
      name: item.name,
      price: fromMinorUnits(item.unitPriceMinor, order.currency),
      quantity: item.quantity,
      ...(item.variantId ? { variantId: item.variantId } : {}),
      ...(item.sku ? { sku: item.sku } : {}),
    })),
    needsReview: order.needsReview,
    reviewMessageId: order.reviewMessageId,
    reviewReason: order.needsReview ? (order.reviewReason ?? "unclear") : null,
    storeId: order.storeId,
    externalId: order.externalId,
    externalNumber: order.externalNumber,
    store: store ? { id: store.id, name: store.name, platform: store.platform } : null,
    externalUrl: externalUrlOf(order, store),
    shippingAddress: (order.shippingAddress as ShippingAddressView | null) ?? null,
    customerEmail: order.customerEmail,
    paymentMethod: order.paymentMethod,
    note: order.note,
    isTest: order.isTest,
    writeBack: order.storeId ? { at: order.writeBackAt?.toISOString() ?? null, error: order.writeBackError } : null,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

/** Loads the product lines, customers, review replies, status dates, stores, duplicates and customer standings of many orders in a few queries. */
export async function toOrderViews(tx: Executor, rows: Order[]): Promise<OrderView[]> {
  if (rows.length === 0) return [];
  const reviewIds = rows.flatMap((row) => (row.reviewMessageId ? [row.reviewMessageId] : []));
  const ids = rows.map((row) => row.id);
  const storeIds = [...new Set(rows.flatMap((row) => (row.storeId ? [row.storeId] : [])))];
  const [items, owners, reviews, statusDates, storeRows] = await Promise.all([
    tx.select().from(orderItems).where(inArray(orderItems.orderId, ids)).orderBy(asc(orderItems.orderId), asc(orderItems.position)),
    tx
      .select({ id: clients.id, name: clients.name, phoneNumber: clients.phoneNumber })
      .from(clients)
      .where(inArray(clients.id, [...new Set(rows.map((row) => row.clientId))])),
    reviewIds.length
      ? tx
          .select({ id: messages.id, body: messages.body, type: messages.type, media: messages.media, createdAt: messages.createdAt })
          .from(messages)
          .where(inArray(messages.id, reviewIds))
      : Promise.resolve([]),
    // The latest real change (a dismissed review records X → X): the same moment `orders.list`'s
    // `statusChangedFrom`/`statusChangedTo` filter on (order-service.ts `reachedStatusBetween`).
    tx
      .select({ orderId: statusChanges.entityId, at: max(statusChanges.createdAt) })
      .from(statusChanges)
      .where(
        and(
          eq(statusChanges.entity, "order"),
          inArray(statusChanges.entityId, ids),
          sql`${statusChanges.fromStatus} is distinct from ${statusChanges.toStatus}`,
        ),
      )
      .groupBy(statusChanges.entityId),
    storeIds.length ? tx.select().from(stores).where(inArray(stores.id, storeIds)) : Promise.resolve([]),
  ]);
  const [duplicates, rules] = await Promise.all([openDuplicatesOf(tx, ids), loadCustomerRules(tx)]);
  const standings = await standingsOf(
    tx,
    rows.map((row) => row.clientId),
    rules.risk,
  );
  const storeById = new Map(storeRows.map((store) => [store.id, store]));
  const byOrder = Map.groupBy(items, (item) => item.orderId);
  const ownerById = new Map(owners.map((owner) => [owner.id, owner]));
  const reviewById = new Map(reviews.map((review) => [review.id, review]));
  const reviewMedia = await mediaByMessage(
    tx,
    reviews.flatMap((review) => (isMediaType(review.type) ? [review.id] : [])),
  );
  const statusDateById = new Map(statusDates.map((row) => [row.orderId, row.at]));
  return rows.map((row) => {
    const owner = ownerById.get(row.clientId);
    const review = row.reviewMessageId ? reviewById.get(row.reviewMessageId) : undefined;
    return {
      ...toOrderView(row, byOrder.get(row.id) ?? [], (row.storeId && storeById.get(row.storeId)) || null),
      client: owner ? { name: owner.name, phoneNumber: owner.phoneNumber } : null,
      reviewMessage: review
        ? {
            id: review.id,
            body: review.body,
            type: review.type,
            createdAt: review.createdAt.toISOString(),
            media: toMediaView(review, reviewMedia.get(review.id)),
          }
        : null,
      statusChangedAt: (statusDateById.get(row.id) ?? row.createdAt).toISOString(),
      duplicateOf: duplicates.get(row.id) ?? [],
      customerRisk: standings.get(row.clientId)?.risk,
      customerHistory: standings.get(row.clientId)?.history,
    };
  });
}
