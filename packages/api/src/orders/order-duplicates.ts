import { clientOrdersLockKey, orderDuplicates, orderItems, orders, recordChanges, stores, type Executor, type Order } from "@confirma/db";
import { and, asc, eq, gte, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { nowOf, type Services } from "../context.ts";
import { blockOfClient } from "../customers/blocklist-service.ts";
import { loadCustomerRules } from "../customers/risk-settings.ts";
import { scheduleConfirmationRequest } from "../confirmation/confirmation-flow.ts";
import { DomainError } from "../errors/domain-error.ts";
import { recordStatusChange } from "../status-changes/record-status-change.ts";
import { storeWantsConfirmation } from "../stores/store-wants-confirmation.ts";
import { assertClaimAllows } from "../calls/claim-guard.ts";
import { openDuplicatesOf } from "./duplicate-links.ts";
import { toOrderViews, type OrderView } from "./order-view.ts";
import { holdForReview, leaveReview } from "./queue-flags.ts";
import { transitionOrder } from "./transition-order.ts";

/** Orders a new order may duplicate: not yet shipped, not cancelled. */
const OPEN_FOR_DUPLICATES = ["pending", "no_answer", "confirmed"] as const;
/** Orders that may be merged away or cancelled as a duplicate: nobody answered for them yet. */
const REMOVABLE = new Set<Order["status"]>(["pending", "no_answer"]);
/** Orders that may receive a merged order's lines. */
const MERGE_TARGETS = new Set<Order["status"]>(["pending", "no_answer", "confirmed"]);

export interface NewOrderLine {
  variantId?: string | null;
  sku?: string | null;
  name: string;
}

/**
 * Inside a new order's transaction: is it to be held back from the WhatsApp request? A blocked
 * number holds it (`blocked`); so does another open order of the customer created within the
 * window with a common item — same product name (ignoring case), SKU or store variant; not the
 * product id alone, which integrations often reuse for anything (`duplicate`): both orders are linked
 * and flagged, and the new one is asked only once a person resolved it (merge, cancel, or keep).
 * Returns why it is held, or null when the request may go.
 */
export async function holdNewOrder(tx: Executor, order: Order, lines: readonly NewOrderLine[], actor: Actor): Promise<"blocked" | "duplicate" | null> {
  const block = await blockOfClient(tx, order.clientId);
  const rules = await loadCustomerRules(tx);
  let duplicates: string[] = [];
  if (rules.duplicates.enabled) {
    await tx.execute(sql`select pg_advisory_xact_lock(${clientOrdersLockKey(order.clientId)})`);
    const since = new Date(order.createdAt.getTime() - rules.duplicates.windowHours * 3_600_000);
    const names = [...new Set(lines.map((line) => line.name.trim().toLowerCase()))];
    const variants = [...new Set(lines.flatMap((line) => (line.variantId ? [line.variantId] : [])))];
    const skus = [...new Set(lines.flatMap((line) => (line.sku ? [line.sku] : [])))];
    const rows = await tx
      .selectDistinct({ id: orders.id })
      .from(orders)
      .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
      .where(
        and(
          eq(orders.clientId, order.clientId),
          ne(orders.id, order.id),
          inArray(orders.status, [...OPEN_FOR_DUPLICATES]),
          gte(orders.createdAt, since),
          or(
            inArray(sql`lower(btrim(${orderItems.name}))`, names),
            skus.length ? inArray(orderItems.sku, skus) : undefined,
            variants.length ? inArray(orderItems.variantId, variants) : undefined,
          ),
        ),
      );
    duplicates = rows.map((row) => row.id).sort();
  }
  if (duplicates.length > 0) {
    await tx
      .insert(orderDuplicates)
      .values(duplicates.map((other) => (other < order.id ? { orderId: other, otherOrderId: order.id } : { orderId: order.id, otherOrderId: other })))
      .onConflictDoNothing();
    // The earlier orders are flagged too, unless a person already has them in review for another reason.
    const flagged = await tx
      .update(orders)
      .set(holdForReview("duplicate"))
      .where(and(inArray(orders.id, duplicates), eq(orders.needsReview, false)))
      .returning({ id: orders.id, status: orders.status, clientId: orders.clientId });
    for (const other of flagged) {
      await recordStatusChange(tx, {
        entity: "order",
        entityId: other.id,
        fromStatus: other.status,
        toStatus: other.status,
        actor,
        reason: `duplicate_flagged:${order.id}`,
      });
    }
    await recordChanges(
      tx,
      flagged.map((other) => ({ entity: "order" as const, entityId: other.id, action: "updated" as const, clientId: other.clientId })),
    );
  }
  const held = block ? "blocked" : duplicates.length > 0 ? "duplicate" : null;
  if (held) {
    await tx.update(orders).set(holdForReview(held)).where(eq(orders.id, order.id));
    await recordStatusChange(tx, {
      entity: "order",
      entityId: order.id,
      fromStatus: order.status,
      toStatus: order.status,
      actor,
      reason: held === "blocked" ? "blocked" : `duplicate_flagged:${duplicates.join(",")}`,
    });
  }
  return held;
}

/**
 * The order's last duplicate link was resolved: it leaves the review queue (when a duplicate was
 * why it was there) and, still pending and never asked, its confirmation request goes now, unless
 * its number was blocked meanwhile or its store does not want one.
 */
async function releaseHeld(tx: Executor, services: Services, orderId: string): Promise<void> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return;
  const open = await openDuplicatesOf(tx, [orderId]);
  if ((open.get(orderId) ?? []).length > 0) return;
  if (order.needsReview && order.reviewReason === "duplicate") {
    await tx.update(orders).set(leaveReview(order)).where(eq(orders.id, orderId));
    await recordChanges(tx, [{ entity: "order", entityId: orderId, action: "updated", clientId: order.clientId }]);
  }
  if (order.status !== "pending" || (await blockOfClient(tx, order.clientId))) return;
  if (order.storeId) {
    const [store] = await tx.select({ confirm: stores.confirm }).from(stores).where(eq(stores.id, order.storeId));
    if (!store || !storeWantsConfirmation(store, order.cashOnDelivery ?? false)) return;
  }
  // One request per order ever (the job's key): an order asked before is not asked twice.
  await scheduleConfirmationRequest(tx, services, orderId);
}

/** Marks the links between `orderId` and the given orders (all its links when omitted) resolved. */
async function resolveLinks(tx: Executor, orderId: string, others?: readonly string[]): Promise<string[]> {
  const mine = or(eq(orderDuplicates.orderId, orderId), eq(orderDuplicates.otherOrderId, orderId));
  const theirs = others ? or(inArray(orderDuplicates.orderId, [...others]), inArray(orderDuplicates.otherOrderId, [...others])) : undefined;
  const rows = await tx
    .update(orderDuplicates)
    .set({ resolvedAt: sql`now()` })
    .where(and(isNull(orderDuplicates.resolvedAt), mine, theirs))
    .returning();
  return rows.map((row) => (row.orderId === orderId ? row.otherOrderId : row.orderId));
}

/** A person kept the order as it is (review dismissed): its duplicate links are resolved, and each order released. */
export async function keepApart(tx: Executor, services: Services, orderId: string): Promise<void> {
  const others = await resolveLinks(tx, orderId);
  for (const id of [orderId, ...others]) await releaseHeld(tx, services, id);
}

async function lockPair(tx: Executor, services: Services, id: string, otherId: string, actor: Actor): Promise<[Order, Order]> {
  if (id === otherId) throw new DomainError("conflict", "an order cannot be its own duplicate");
  const rows = await tx
    .select()
    .from(orders)
    .where(inArray(orders.id, [id, otherId]))
    .orderBy(asc(orders.id))
    .for("update");
  const order = rows.find((row) => row.id === id);
  const other = rows.find((row) => row.id === otherId);
  if (!order) throw new DomainError("not_found", `no order \`${id}\``);
  if (!other) throw new DomainError("not_found", `no order \`${otherId}\``);
  if (order.clientId !== other.clientId) throw new DomainError("conflict", "the two orders are not the same customer's");
  const now = nowOf(services);
  await assertClaimAllows(tx, order, actor, now);
  await assertClaimAllows(tx, other, actor, now);
  if (!REMOVABLE.has(order.status))
    throw new DomainError("illegal_transition", `the order is ${order.status}: only a pending or unanswered order can be removed as a duplicate`);
  return [order, other];
}

function sameLine(a: { productId: string; variantId: string | null; sku: string | null; name: string; unitPriceMinor: number }, b: typeof a) {
  return a.productId === b.productId && a.variantId === b.variantId && a.sku === b.sku && a.name === b.name && a.unitPriceMinor === b.unitPriceMinor;
}

/**
 * Merges order `id` into `into`, in one transaction: its lines move to `into` (a line both have is
 * kept once, at the larger quantity: a duplicate is the same wish sent twice), `into`'s total grows
 * by what was added, and `id` is cancelled (`merged_into:<into>`); both histories say so.
 */
export async function mergeOrder(services: Services, id: string, into: string, actor: Actor): Promise<{ order: OrderView; cancelled: OrderView }> {
  return services.db.transaction(async (tx) => {
    const [source, target] = await lockPair(tx, services, id, into, actor);
    if (!MERGE_TARGETS.has(target.status)) throw new DomainError("illegal_transition", `the order to merge into is ${target.status}`);
    if (source.currency !== target.currency)
      throw new DomainError("conflict", `the orders are in different currencies (${source.currency}, ${target.currency})`);
    const [sourceLines, targetLines] = await Promise.all([
      tx.select().from(orderItems).where(eq(orderItems.orderId, source.id)).orderBy(asc(orderItems.position)),
      tx.select().from(orderItems).where(eq(orderItems.orderId, target.id)).orderBy(asc(orderItems.position)),
    ]);
    let addedMinor = 0;
    let position = targetLines.reduce((last, line) => Math.max(last, line.position), -1) + 1;
    const added: (typeof orderItems.$inferInsert)[] = [];
    for (const line of sourceLines) {
      const match = targetLines.find((existing) => sameLine(existing, line));
      if (match) {
        if (line.quantity > match.quantity) {
          addedMinor += (line.quantity - match.quantity) * line.unitPriceMinor;
          await tx
            .update(orderItems)
            .set({ quantity: line.quantity })
            .where(and(eq(orderItems.orderId, target.id), eq(orderItems.position, match.position)));
        }
        continue;
      }
      addedMinor += line.quantity * line.unitPriceMinor;
      added.push({ ...line, orderId: target.id, position: position++ });
    }
    if (added.length > 0) await tx.insert(orderItems).values(added);
    await tx
      .update(orders)
      .set({ totalMinor: target.totalMinor + addedMinor, updatedAt: sql`now()` })
      .where(eq(orders.id, target.id));
    await transitionOrder(tx, source, "cancelled", { actor, reason: `merged_into:${target.id}` });
    await recordStatusChange(tx, {
      entity: "order",
      entityId: target.id,
      fromStatus: target.status,
      toStatus: target.status,
      actor,
      reason: `merged_from:${source.id}`,
    });
    await recordAudit(tx, actor, "order.merged", source.id, { into: target.id, addedLines: added.length, addedMinor });
    await resolveLinks(tx, source.id);
    await releaseHeld(tx, services, target.id);
    await recordChanges(tx, [{ entity: "order", entityId: target.id, action: "updated", clientId: target.clientId }]);
    return viewsOf(tx, target.id, source.id);
  });
}

/** Cancels order `id` as a duplicate of `of` (`duplicate_of:<of>`); `of` is released from the review when nothing else holds it. */
export async function cancelDuplicate(services: Services, id: string, of: string, actor: Actor): Promise<{ order: OrderView; cancelled: OrderView }> {
  return services.db.transaction(async (tx) => {
    const [duplicate, kept] = await lockPair(tx, services, id, of, actor);
    await transitionOrder(tx, duplicate, "cancelled", { actor, reason: `duplicate_of:${kept.id}` });
    await recordStatusChange(tx, {
      entity: "order",
      entityId: kept.id,
      fromStatus: kept.status,
      toStatus: kept.status,
      actor,
      reason: `duplicate_cancelled:${duplicate.id}`,
    });
    await recordAudit(tx, actor, "order.duplicate_cancelled", duplicate.id, { of: kept.id });
    const others = await resolveLinks(tx, duplicate.id);
    for (const other of new Set([kept.id, ...others])) await releaseHeld(tx, services, other);
    return viewsOf(tx, kept.id, duplicate.id);
  });
}

async function viewsOf(tx: Executor, keptId: string, cancelledId: string): Promise<{ order: OrderView; cancelled: OrderView }> {
  const rows = await tx
    .select()
    .from(orders)
    .where(inArray(orders.id, [keptId, cancelledId]));
  const views = await toOrderViews(tx, rows);
  return { order: views.find((view) => view.id === keptId)!, cancelled: views.find((view) => view.id === cancelledId)! };
}
