import { clients, orderItems, orders, recordChanges, storeOrderLockKey, stores, webhookReceipts, type Executor, type Order, type Store } from "@confirma/db";
import { canTransition, parcelPath, parseAmountToMinor } from "@confirma/domain";
import type { StoreEvent, StoreOrder } from "@confirma/stores";
import { normalizePhoneNumber } from "@confirma/whatsapp";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { clientForPhone } from "../clients/client-for-phone.ts";
import { rememberStoreLocale } from "../clients/client-language.ts";
import { scheduleConfirmationRequest } from "../confirmation/confirmation-flow.ts";
import type { Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { currencyDigits, orderTotalMinor } from "../money/money.ts";
import { holdNewOrder } from "../orders/order-duplicates.ts";
import { enterReviewFromStore, leaveReview } from "../orders/queue-flags.ts";
import { transitionOrder } from "../orders/transition-order.ts";
import { recordStatusChange } from "../status-changes/record-status-change.ts";
import { isStoreCancellation } from "./store-cancellation.ts";
import { storeWantsConfirmation } from "./store-wants-confirmation.ts";

export type StoreDeliveryOutcome =
  | { outcome: "duplicate" | "ignored"; reason?: string }
  | { outcome: "created" | "updated" | "unchanged" | "stale" | "cancelled"; orderId: string; flagged?: "no_phone" | "store_changed" | "blocked" | "duplicate" };

/** The actor of everything a store's deliveries do. Its status changes carry `store:` reasons, which are not written back. */
export function storeActor(storeId: string): Actor {
  return { type: "system", id: `store:${storeId}` };
}

/** A store order in Confirma's units: lines and total in exact minor units, the phone in E.164. */
interface PreparedOrder {
  currency: string;
  totalMinor: number;
  lines: { position: number; productId: string; variantId: string | null; sku: string | null; name: string; unitPriceMinor: number; quantity: number }[];
  phone: string | null;
  fields: Pick<Order, "externalNumber" | "shippingAddress" | "customerEmail" | "paymentMethod" | "note" | "isTest" | "cashOnDelivery" | "storeUpdatedAt">;
}

function prepare(services: Services, store: Store, order: StoreOrder): PreparedOrder {
  const currency = (order.currency ?? store.defaultCurrency ?? services.settings.defaultCurrency).toUpperCase();
  currencyDigits(currency);
  if (order.items.length === 0) throw new DomainError("empty_order", "the store order has no line items");
  const lines = order.items.map((item, position) => {
    const unitPriceMinor = parseAmountToMinor(item.unitPrice, currency);
    if (unitPriceMinor === null) throw new DomainError("invalid_price", `line ${position + 1}: price \`${item.unitPrice}\` is not an exact ${currency} amount`);
    if (!Number.isInteger(item.quantity) || item.quantity < 1)
      throw new DomainError("invalid_quantity", `line ${position + 1}: quantity must be a whole number from 1`);
    return { position, productId: item.productId, variantId: item.variantId, sku: item.sku, name: item.title, unitPriceMinor, quantity: item.quantity };
  });
  const totalMinor = order.total === null ? orderTotalMinor(lines) : parseAmountToMinor(order.total, currency);
  if (totalMinor === null) throw new DomainError("invalid_price", `total \`${order.total}\` is not an exact ${currency} amount`);
  const country = store.defaultCountry ?? services.settings.defaultCountry;
  let phone: string | null = null;
  for (const candidate of order.phones) {
    const normalized = normalizePhoneNumber(candidate, country);
    if (normalized.ok) {
      phone = normalized.e164;
      break;
    }
  }
  const updatedAt = order.updatedAt ? new Date(order.updatedAt) : null;
  return {
    currency,
    totalMinor,
    lines,
    phone,
    fields: {
      externalNumber: order.externalNumber,
      shippingAddress: order.shippingAddress,
      customerEmail: order.email,
      paymentMethod: order.paymentMethod,
      note: order.note,
      isTest: order.test,
      cashOnDelivery: order.cashOnDelivery,
      storeUpdatedAt: updatedAt && !Number.isNaN(updatedAt.getTime()) ? updatedAt : null,
    },
  };
}

/**
 * Stores one authenticated store delivery in one transaction: exactly once per delivery id, one
 * Confirma order per store order (a create and an update that race, or an update that arrives
 * first, make one order), an update before the decision refreshes the order, an update after it
 * is recorded and flagged when the content changed, a cancellation made in the store cancels it
 * here (not the store's echo of Confirma's own cancellation: `store-cancellation.ts`).
 */
export async function ingestStoreDelivery(services: Services, store: Store, deliveryId: string, event: StoreEvent): Promise<StoreDeliveryOutcome> {
  const prepared = event.kind === "order" ? prepare(services, store, event.order) : null;
  return services.db.transaction(async (tx) => {
    const [receipt] = await tx
      .insert(webhookReceipts)
      .values({ provider: `store:${store.id}`, providerMessageId: deliveryId })
      .onConflictDoNothing()
      .returning({ id: webhookReceipts.providerMessageId });
    if (!receipt) return { outcome: "duplicate" };
    if (event.kind === "ignored" || !prepared) return { outcome: "ignored", reason: event.kind === "ignored" ? event.reason : "" };
    const order = event.order;

    await tx.execute(sql`select pg_advisory_xact_lock(${storeOrderLockKey(store.id, order.externalId)})`);
    await tx.update(stores).set({ lastOrderAt: sql`now()` }).where(eq(stores.id, store.id));
    const [existing] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.storeId, store.id), eq(orders.externalId, order.externalId)))
      .for("update");
    if (!existing) return createFromStore(tx, services, store, order, prepared);
    return updateFromStore(tx, services, store, existing, order, prepared);
  });
}

async function createFromStore(tx: Executor, services: Services, store: Store, order: StoreOrder, prepared: PreparedOrder): Promise<StoreDeliveryOutcome> {
  const actor = storeActor(store.id);
  const clientId = await clientForPhone(tx, prepared.phone, order.customerName ?? order.shippingAddress?.name ?? null);
  await rememberStoreLocale(tx, clientId, order.customerLocale);
  const [created] = await tx
    .insert(orders)
    .values({
      clientId,
      currency: prepared.currency,
      totalMinor: prepared.totalMinor,
      storeId: store.id,
      externalId: order.externalId,
      ...prepared.fields,
      ...(prepared.phone || order.cancelled ? {} : enterReviewFromStore("no_phone")),
    })
    .returning();
  if (!created) throw new Error("insert returned no order");
  await tx.insert(orderItems).values(prepared.lines.map((line) => ({ ...line, orderId: created.id })));
  await recordStatusChange(tx, { entity: "order", entityId: created.id, fromStatus: null, toStatus: "pending", actor, reason: "store:created" });
  await recordChanges(tx, [{ entity: "order", entityId: created.id, action: "created", clientId }]);
  if (order.cancelled) {
    await transitionOrder(tx, created, "cancelled", { actor, reason: "store:cancelled" });
    return { outcome: "cancelled", orderId: created.id };
  }
  // A blocked number or a likely duplicate waits for a person: no request until then.
  const held = prepared.phone ? await holdNewOrder(tx, created, prepared.lines, actor) : null;
  if (prepared.phone && !held && storeWantsConfirmation(store, order.cashOnDelivery)) await scheduleConfirmationRequest(tx, services, created.id);
  const flagged = prepared.phone ? (held ?? undefined) : ("no_phone" as const);
  return { outcome: "created", orderId: created.id, ...(flagged ? { flagged } : {}) };
}

async function updateFromStore(
  tx: Executor,
  services: Services,
  store: Store,
  existing: Order,
  order: StoreOrder,
  prepared: PreparedOrder,
): Promise<StoreDeliveryOutcome> {
  const actor = storeActor(store.id);
  // Deliveries can overtake each other: an older version than the one stored changes nothing.
  if (prepared.fields.storeUpdatedAt && existing.storeUpdatedAt && prepared.fields.storeUpdatedAt < existing.storeUpdatedAt) {
    return { outcome: "stale", orderId: existing.id };
  }
  const currentLines = await tx.select().from(orderItems).where(eq(orderItems.orderId, existing.id)).orderBy(asc(orderItems.position));
  const contentChanged =
    existing.totalMinor !== prepared.totalMinor ||
    existing.currency !== prepared.currency ||
    JSON.stringify(currentLines.map(lineKey)) !== JSON.stringify(prepared.lines.map(lineKey));
  // What a person corrected in Confirma stays: the store still holds the old address or number.
  const fields = existing.addressCorrectedAt ? { ...prepared.fields, shippingAddress: existing.shippingAddress } : prepared.fields;
  const addressChanged = canonicalJson(existing.shippingAddress) !== canonicalJson(fields.shippingAddress);
  const undecided = existing.status === "pending" || existing.status === "no_answer";

  let flags = {};
  let flagged: "no_phone" | "store_changed" | undefined;
  let clientId = existing.clientId;
  if (undecided) {
    // Before the decision the store's version is the order: a phone added in the store moves the
    // order to that customer and out of the no-phone review, and the request can go.
    if (prepared.phone && !existing.phoneCorrectedAt) {
      const [owner] = await tx.select({ phone: clients.phoneNumber }).from(clients).where(eq(clients.id, existing.clientId));
      if (owner?.phone !== prepared.phone) clientId = await clientForPhone(tx, prepared.phone, order.customerName ?? order.shippingAddress?.name ?? null);
      await rememberStoreLocale(tx, clientId, order.customerLocale);
      if (existing.needsReview && existing.reviewReason === "no_phone") flags = leaveReview(existing);
    }
  } else if (contentChanged) {
    flags = enterReviewFromStore("store_changed");
    flagged = "store_changed";
    await recordAudit(tx, actor, "order.store_changed", existing.id, {
      status: existing.status,
      before: { totalMinor: existing.totalMinor, currency: existing.currency, lines: currentLines.map(lineKey) },
      after: { totalMinor: prepared.totalMinor, currency: prepared.currency, lines: prepared.lines.map(lineKey) },
    });
  }

  const [updated] = await tx
    .update(orders)
    .set({ ...fields, clientId, currency: prepared.currency, totalMinor: prepared.totalMinor, ...flags, updatedAt: sql`now()` })
    .where(eq(orders.id, existing.id))
    .returning();
  if (contentChanged) {
    await tx.delete(orderItems).where(eq(orderItems.orderId, existing.id));
    await tx.insert(orderItems).values(prepared.lines.map((line) => ({ ...line, orderId: existing.id })));
  }
  await recordChanges(tx, [{ entity: "order", entityId: existing.id, action: "updated", clientId }]);
  if (clientId !== existing.clientId) await recordChanges(tx, [{ entity: "order", entityId: existing.id, action: "updated", clientId: existing.clientId }]);

  // The store's "cancelled" may be the late echo of Confirma's own write-back (the agent may have reopened the order since).
  const cancelledInStore = isStoreCancellation({ cancelled: order.cancelled, updatedAt: prepared.fields.storeUpdatedAt }, existing);
  if (cancelledInStore && existing.status !== "cancelled" && canTransition(existing.status, "cancelled")) {
    await transitionOrder(tx, updated!, "cancelled", { actor, reason: "store:cancelled" });
    return { outcome: "cancelled", orderId: existing.id };
  }
  // The store says where the parcel is (shipped, delivered): a confirmed order follows, through
  // shipped when it skipped it; an order not confirmed here, or already further, stays.
  const path = !order.cancelled && order.parcel ? parcelPath(existing.status, order.parcel) : null;
  if (path && path.length > 0) {
    let current = updated!;
    for (const step of path) current = await transitionOrder(tx, current, step, { actor, reason: `store:${step}` });
    return { outcome: "updated", orderId: existing.id, ...(flagged ? { flagged } : {}) };
  }
  if (
    undecided &&
    prepared.phone &&
    !existing.phoneCorrectedAt &&
    existing.needsReview &&
    existing.reviewReason === "no_phone" &&
    storeWantsConfirmation(store, order.cashOnDelivery)
  ) {
    await scheduleConfirmationRequest(tx, services, existing.id);
  }
  if (!contentChanged && !addressChanged && clientId === existing.clientId) return { outcome: "unchanged", orderId: existing.id };
  return { outcome: "updated", orderId: existing.id, ...(flagged ? { flagged } : {}) };
}

function lineKey(line: { productId: string; variantId: string | null; name: string; unitPriceMinor: number; quantity: number }) {
  return [line.productId, line.variantId, line.name, line.unitPriceMinor, line.quantity];
}

/** JSON with sorted keys: jsonb hands objects back in its own key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );
}
