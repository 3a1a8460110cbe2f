import { clients, orderItems, orders, recordChanges, statusChanges, type Executor, type OrderStatus } from "@confirma/db";
import { and, desc, eq, exists, gte, like, lt, or, sql, type SQL } from "drizzle-orm";
import { assertClaimAllows } from "../calls/claim-guard.ts";
import { orderLanguages } from "../clients/client-language.ts";
import { clientMatches } from "../clients/client-service.ts";
import type { Actor } from "../actor.ts";
import { nowOf, type Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { orderTotalMinor, currencyDigits } from "../money/money.ts";
import { priceLines } from "./lines/price-lines.ts";
import { decodeCursor, toPage, type Page } from "../pagination/cursor.ts";
import { recordStatusChange } from "../status-changes/record-status-change.ts";
import { scheduleConfirmationRequest } from "../confirmation/confirmation-flow.ts";
import { holdNewOrder, keepApart } from "./order-duplicates.ts";
import { leaveReview } from "./queue-flags.ts";
import { transitionOrder } from "./transition-order.ts";
import type { CreateOrderInput, ListOrdersInput, OrderFilters } from "./order-schemas.ts";
import { toOrderViews, type OrderView } from "./order-view.ts";
import { completeAddress } from "./update-order-details.ts";

/** Creates a pending order with its product lines; the total is computed here, in minor units. */
export async function createOrder(services: Services, input: CreateOrderInput, actor: Actor): Promise<OrderView> {
  const { db, settings } = services;
  const currency = input.currency ?? settings.defaultCurrency;
  currencyDigits(currency);
  const lines = priceLines(input.products, currency);
  const totalMinor = orderTotalMinor(lines);

  return db.transaction(async (tx) => {
    const [client] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, input.clientId)).for("share");
    if (!client) throw new DomainError("not_found", `no client \`${input.clientId}\``);
    const [order] = await tx
      .insert(orders)
      .values({ clientId: client.id, currency, totalMinor, shippingAddress: input.shippingAddress ? completeAddress(input.shippingAddress) : null })
      .returning();
    if (!order) throw new Error("insert returned no order");
    const items = await tx
      .insert(orderItems)
      .values(lines.map((line) => ({ ...line, orderId: order.id })))
      .returning();
    await recordStatusChange(tx, { entity: "order", entityId: order.id, fromStatus: null, toStatus: "pending", actor, reason: "created" });
    await recordChanges(tx, [{ entity: "order", entityId: order.id, action: "created", clientId: client.id }]);
    // A blocked number or a likely duplicate waits for a person: no request until then.
    const held = await holdNewOrder(tx, order, items, actor);
    if (!held) await scheduleConfirmationRequest(tx, services, order.id);
    const [row] = await tx.select().from(orders).where(eq(orders.id, order.id));
    const [view] = await toOrderViews(tx, [row!]);
    return view!;
  });
}

export async function getOrder({ db }: Services, id: string): Promise<OrderView> {
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  if (!row) throw new DomainError("not_found", `no order \`${id}\``);
  const [view] = await toOrderViews(db, [row]);
  return view!;
}

/** Lists orders newest first, filtered as `orderConditions` says, with keyset pagination. */
export async function listOrders(services: Services, input: ListOrdersInput): Promise<Page<OrderView>> {
  const { db } = services;
  const conditions = orderConditions(db, input);
  if (input.cursor) conditions.push(lt(orders.id, decodeCursor(input.cursor)));
  const rows = await db
    .select()
    .from(orders)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(orders.id))
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit);
  const views = await toOrderViews(db, page.items);
  // The review queue is this list (`needsReview`): each card offers canned replies in its customer's language.
  const languages = await orderLanguages(services, views);
  return { items: views.map((view, index) => ({ ...view, language: languages[index]! })), nextCursor: page.nextCursor };
}

/** `%text%` for ILIKE, its wildcards taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** `expression` contains `text`, ignoring case and accents (the clients' name search does the same). */
function unaccentedContains(expression: SQL, text: string): SQL {
  return sql`public.immutable_unaccent(${expression}) ilike public.immutable_unaccent(${containing(text)})`;
}

/**
 * The conditions every order filter adds: the list and the export select the same orders.
 * `number` is the dashboard's `#74A1CE` (the id's last characters) or a full id.
 */
export function orderConditions(db: Executor, input: OrderFilters): SQL[] {
  const conditions: SQL[] = [];
  if (input.status) conditions.push(eq(orders.status, input.status));
  if (input.clientId) conditions.push(eq(orders.clientId, input.clientId));
  if (input.storeId) conditions.push(eq(orders.storeId, input.storeId));
  if (input.needsReview !== undefined) conditions.push(eq(orders.needsReview, input.needsReview));
  if (input.from) conditions.push(gte(orders.createdAt, new Date(input.from)));
  if (input.to) conditions.push(lt(orders.createdAt, new Date(input.to)));
  if (input.statusChangedFrom || input.statusChangedTo) conditions.push(reachedStatusBetween(db, input.statusChangedFrom, input.statusChangedTo));
  if (input.number) conditions.push(numberIs(input.number));
  if (input.search) {
    // One box for a phone call: the order's number, or its customer's name or phone.
    const customer = db
      .select({ one: sql`1` })
      .from(clients)
      .where(and(eq(clients.id, orders.clientId), clientMatches(input.search)));
    conditions.push(or(numberIs(input.search), exists(customer))!);
  }
  if (input.externalNumber) {
    conditions.push(sql`ltrim(${orders.externalNumber}, '#') = ${input.externalNumber.replace(/^#+/, "")}`);
  }
  if (input.city) conditions.push(unaccentedContains(sql`${orders.shippingAddress}->>'city'`, input.city));
  if (input.address) {
    const fields = ["name", "address1", "address2", "postcode", "city", "region", "country"].map((field) => sql`${orders.shippingAddress}->>${field}`);
    conditions.push(unaccentedContains(sql`concat_ws(' ', ${sql.join(fields, sql`, `)})`, input.address));
  }
  if (input.item) {
    const line = db
      .select({ one: sql`1` })
      .from(orderItems)
      .where(
        and(
          eq(orderItems.orderId, orders.id),
          sql`(${unaccentedContains(sql`${orderItems.name}`, input.item)} or ${orderItems.sku} ilike ${containing(input.item)})`,
        ),
      );
    conditions.push(exists(line));
  }
  return conditions;
}

/** `#74A1CE` / `74a1ce` (the end of the id, as the dashboard shows it) or the full id; anything else matches nothing. */
function numberIs(number: string): SQL {
  const value = number.replace(/^#/, "").toLowerCase();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) return eq(orders.id, value);
  if (/^[0-9a-f]{4,12}$/.test(value)) return like(orders.id, `%${value}`);
  return sql`false`;
}

/**
 * The order's latest real status change (not a dismissed review, which records X → X) falls in
 * [from, to): it reached its current status then. Driven by `status_changes_entity_created_at_idx`
 * over the window; the later-change check reads `status_changes_entity_idx` per candidate.
 * `order-view.ts` `statusChangedAt` shows the same moment.
 */
function reachedStatusBetween(db: Executor, from: string | undefined, to: string | undefined): SQL {
  const later = db
    .select({ one: sql`1` })
    .from(sql`${statusChanges} as later`)
    .where(
      sql`later.entity = 'order' and later.entity_id = ${statusChanges.entityId} and later.created_at > ${statusChanges.createdAt} and later.from_status is distinct from later.to_status`,
    );
  const change = db
    .select({ one: sql`1` })
    .from(statusChanges)
    .where(
      and(
        eq(statusChanges.entity, "order"),
        eq(statusChanges.entityId, orders.id),
        eq(statusChanges.toStatus, orders.status),
        sql`${statusChanges.fromStatus} is distinct from ${statusChanges.toStatus}`,
        from ? gte(statusChanges.createdAt, new Date(from)) : undefined,
        to ? lt(statusChanges.createdAt, new Date(to)) : undefined,
        sql`not exists ${later}`,
      ),
    );
  return exists(change);
}

/** Changes an order's status by hand (REST, dashboard). */
export async function changeOrderStatus({ db, now }: Services, id: string, to: OrderStatus, actor: Actor): Promise<OrderView> {
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, id)).for("update");
    if (!order) throw new DomainError("not_found", `no order \`${id}\``);
    await assertClaimAllows(tx, order, actor, nowOf({ now }));
    const updated = await transitionOrder(tx, order, to, { actor, reason: "manual" });
    const [view] = await toOrderViews(tx, [updated]);
    return view!;
  });
}

/**
 * Takes an order out of the review queue (a person read the reply and leaves the order as it is).
 * A likely duplicate is kept apart from the orders it was linked to, and asked as any new order.
 */
export async function dismissReview(services: Services, id: string, actor: Actor): Promise<OrderView> {
  const { db, now } = services;
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, id)).for("update");
    if (!order) throw new DomainError("not_found", `no order \`${id}\``);
    await assertClaimAllows(tx, order, actor, nowOf({ now }));
    const [updated] = await tx.update(orders).set(leaveReview(order)).where(eq(orders.id, id)).returning();
    await recordStatusChange(tx, { entity: "order", entityId: id, fromStatus: order.status, toStatus: order.status, actor, reason: "review_dismissed" });
    await recordChanges(tx, [{ entity: "order", entityId: id, action: "updated", clientId: order.clientId }]);
    if (order.reviewReason === "duplicate") {
      await keepApart(tx, services, id);
      const [kept] = await tx.select().from(orders).where(eq(orders.id, id));
      const [view] = await toOrderViews(tx, [kept!]);
      return view!;
    }
    const [view] = await toOrderViews(tx, [updated!]);
    return view!;
  });
}
