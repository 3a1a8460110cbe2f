import { callOutcomes, clients, messages, orders, recordChanges, users, type Order, type UserRole } from "@confirma/db";
import { CALL_OUTCOMES, CALL_QUEUE_REASON_FILTERS, type MessageLanguage, type OrderStatus } from "@confirma/domain";
import { countryPhonePrefix } from "@confirma/whatsapp";
import { and, asc, count, desc, eq, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { safeText } from "../input/safe-text.ts";
import { idInput, listLimit } from "../input/common-schemas.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Actor } from "../actor.ts";
import { nowOf, type Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { callAgainLater, claimFor, releaseClaim } from "../orders/queue-flags.ts";
import { transitionOrder } from "../orders/transition-order.ts";
import { orderLanguages } from "../clients/client-language.ts";
import { toOrderViews, type OrderView } from "../orders/order-view.ts";
import { assertClaimAllows, claimConflict, claimHolderId } from "./claim-guard.ts";

/** How long a claim keeps other agents off an order. */
export const CLAIM_MS = 15 * 60_000;

export const callQueueInput = z.strictObject({
  limit: listLimit,
  cursor: z.string().max(200).optional(),
  /** One call reason, or `review`; `call_back` lists planned call-backs too, with their time. */
  reason: z.enum(CALL_QUEUE_REASON_FILTERS).optional(),
  storeId: idInput.optional(),
  /** ISO country code of the customer's phone number (`MA`: numbers starting +212). */
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { error: "use a two-letter country code" })
    .transform((value) => value.toUpperCase())
    .optional(),
  /** Only the orders the signed-in agent holds. */
  mine: z.boolean().optional(),
});
export const claimInput = z.strictObject({ orderId: idInput, takeOver: z.boolean().optional() });
export const releaseInput = z.strictObject({ orderId: idInput });
export const recordOutcomeInput = z
  .strictObject({
    orderId: idInput,
    outcome: z.enum(CALL_OUTCOMES),
    note: safeText({ trim: true, multiline: true }).max(2000).optional(),
    callBackAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((value) => value.outcome !== "call_back" || value.callBackAt !== undefined, { message: "say when to call back", path: ["callBackAt"] });

export interface CallQueueItem extends OrderView {
  language: MessageLanguage;
  callReason: Order["callReason"];
  callBackAt: string | null;
  claimedBy: { id: string; name: string | null; email: string } | null;
  claimedUntil: string | null;
  /** The last message we sent about this order, with its delivery status. */
  lastOutbound: { status: string; errorCode: string | null; errorReason: string | null; createdAt: string } | null;
  /** The customer's last message (what to read before calling when no reply put the order here). */
  lastInbound: { id: string; type: string; body: string; createdAt: string } | null;
  /** Calls recorded for this order so far. */
  attempts: number;
  /** The customer's other orders at a glance, by status (this one left out). */
  pastOrders: { total: number; byStatus: Partial<Record<OrderStatus, number>> };
}

/** In the call queue: a reason to call, and no call back planned more than an hour ahead. */
export function callQueueCondition(now: Date): SQL {
  return and(isNotNull(orders.callReason), or(sql`${orders.callBackAt} is null`, lt(orders.callBackAt, new Date(now.getTime() + 3_600_000))))!;
}

/**
 * Orders a person should call about: no answer, an unclear reply, a failed delivery, or a
 * call back that is due. Call-backs due first, then the oldest problems; orders another agent
 * holds sink to the bottom (their actions are disabled for this viewer). Narrowed by reason,
 * store, the country of the customer's number, or "mine".
 */
export async function listCallQueue(
  services: Services,
  input: z.output<typeof callQueueInput>,
  viewerId: string | null = null,
): Promise<{ items: CallQueueItem[]; nextCursor: string | null }> {
  const { db } = services;
  const now = nowOf(services);
  const dueAt = sql`coalesce(${orders.callBackAt}, ${orders.updatedAt})`;
  // 1 when another person holds the order right now: those rows come last.
  const heldByOther = sql<number>`(case when ${orders.claimedBy} is not null and ${orders.claimedUntil} > ${now.toISOString()}::timestamptz and ${orders.claimedBy} is distinct from ${viewerId}::text then 1 else 0 end)`;
  const conditions: (SQL | undefined)[] = [
    input.reason === "call_back" ? eq(orders.callReason, "call_back") : callQueueCondition(now),
    input.reason === "review" ? eq(orders.needsReview, true) : input.reason && input.reason !== "call_back" ? eq(orders.callReason, input.reason) : undefined,
    input.storeId ? eq(orders.storeId, input.storeId) : undefined,
  ];
  if (input.mine) {
    if (!viewerId) throw new DomainError("invalid_input", "`mine` needs a signed-in user", { field: "mine" });
    conditions.push(eq(orders.claimedBy, viewerId), sql`${orders.claimedUntil} > ${now.toISOString()}::timestamptz`);
  }
  if (input.country) {
    const prefix = countryPhonePrefix(input.country);
    if (!prefix) throw new DomainError("invalid_input", `unknown country \`${input.country}\``, { field: "country" });
    conditions.push(sql`exists (select 1 from ${clients} where ${clients.id} = ${orders.clientId} and ${clients.phoneNumber} like ${`${prefix}%`})`);
  }
  if (input.cursor) {
    const after = decodeQueueCursor(input.cursor);
    conditions.push(sql`(${heldByOther}, ${dueAt}, ${orders.id}) > (${after.held}, ${after.at}::timestamptz, ${after.id})`);
  }
  const rows = await db
    .select({ order: orders, dueAt: sql<string>`(${dueAt})::text`, held: heldByOther })
    .from(orders)
    .where(and(...conditions))
    .orderBy(asc(heldByOther), asc(dueAt), asc(orders.id))
    .limit(input.limit + 1)
    .then((found) => found.map(({ order, dueAt: at, held }) => Object.assign(order, { dueAt: String(at), held: Number(held) })));
  const page = rows.slice(0, input.limit);
  const views = await toOrderViews(db, page);
  const languages = await orderLanguages(services, views);
  const ids = page.map((row) => row.id);
  const clientIds = [...new Set(page.map((row) => row.clientId))];
  const attempts = new Map(
    ids.length
      ? (
          await db
            .select({ orderId: callOutcomes.orderId, count: count() })
            .from(callOutcomes)
            .where(inArray(callOutcomes.orderId, ids))
            .groupBy(callOutcomes.orderId)
        ).map((row) => [row.orderId, Number(row.count)])
      : [],
  );
  const history = clientIds.length
    ? await db.select({ clientId: orders.clientId, id: orders.id, status: orders.status }).from(orders).where(inArray(orders.clientId, clientIds))
    : [];
  const lastInbound = new Map(
    clientIds.length
      ? (
          await db
            .selectDistinctOn([messages.clientId], {
              clientId: messages.clientId,
              id: messages.id,
              type: messages.type,
              body: messages.body,
              createdAt: messages.createdAt,
            })
            .from(messages)
            .where(and(inArray(messages.clientId, clientIds), eq(messages.direction, "in")))
            // Ids are time-ordered (UUIDv7): the newest per client, along messages_client_id_id_idx.
            .orderBy(messages.clientId, desc(messages.id))
        ).map(({ clientId, createdAt, ...message }) => [clientId, { ...message, createdAt: createdAt.toISOString() }])
      : [],
  );
  const items: CallQueueItem[] = [];
  for (const [index, row] of page.entries()) {
    const claimant = claimHolderId(row, now);
    const [user] = claimant ? await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, claimant)) : [];
    const [outbound] = await db
      .select({ status: messages.status, errorCode: messages.errorCode, errorReason: messages.errorReason, createdAt: messages.createdAt })
      .from(messages)
      .where(and(eq(messages.orderId, row.id), eq(messages.direction, "out")))
      .orderBy(desc(messages.createdAt))
      .limit(1);
    const others = history.filter((past) => past.clientId === row.clientId && past.id !== row.id);
    const byStatus: Partial<Record<OrderStatus, number>> = {};
    for (const past of others) byStatus[past.status] = (byStatus[past.status] ?? 0) + 1;
    items.push({
      ...views[index]!,
      language: languages[index]!,
      callReason: row.callReason,
      callBackAt: row.callBackAt?.toISOString() ?? null,
      claimedBy: user ?? null,
      claimedUntil: claimant ? row.claimedUntil!.toISOString() : null,
      lastOutbound: outbound ? { ...outbound, createdAt: outbound.createdAt.toISOString() } : null,
      lastInbound: lastInbound.get(row.clientId) ?? null,
      attempts: attempts.get(row.id) ?? 0,
      pastOrders: { total: others.length, byStatus },
    });
  }
  const last = page.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? Buffer.from(`${last.held}|${last.dueAt}|${last.id}`).toString("base64url") : null,
  };
}

function decodeQueueCursor(cursor: string): { held: number; at: string; id: string } {
  const [held, at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  // The timestamp stays PostgreSQL's own text, microseconds included, so no row is seen twice.
  if ((held !== "0" && held !== "1") || !at || !id || !/^[\d\- :.+]+$/.test(at) || !/^[0-9a-f-]{36}$/.test(id))
    throw new DomainError("invalid_input", "`cursor` is not a cursor this server gave");
  return { held: Number(held), at, id };
}

/**
 * Marks an order as being worked by this user for 15 minutes; `conflict` naming the holder when
 * someone else holds it. An admin may take it over with `takeOver`, which the audit trail records.
 */
export async function claimOrder(
  services: Services,
  orderId: string,
  user: { id: string; role: UserRole },
  { takeOver = false }: { takeOver?: boolean } = {},
): Promise<{ claimedUntil: string }> {
  if (takeOver && user.role !== "admin") throw new DomainError("forbidden", "only an admin can take over another agent's order");
  const now = nowOf(services);
  const until = new Date(now.getTime() + CLAIM_MS);
  return services.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order) throw new DomainError("not_found", `no order \`${orderId}\``);
    const holder = claimHolderId(order, now);
    if (holder && holder !== user.id) {
      const conflict = await claimConflict(tx, { claimedBy: holder, claimedUntil: order.claimedUntil! });
      if (!takeOver) throw conflict;
      const { claimedBy, claimedUntil } = conflict.details as { claimedBy: Record<string, unknown>; claimedUntil: string };
      await recordAudit(tx, { type: "user", id: user.id }, "order.claim_taken_over", orderId, { from: claimedBy, claimedUntil });
    }
    await tx.update(orders).set(claimFor(user.id, until)).where(eq(orders.id, orderId));
    await recordChanges(tx, [{ entity: "order", entityId: orderId, action: "updated", clientId: order.clientId }]);
    return { claimedUntil: until.toISOString() };
  });
}

/** Ends this user's claim; `conflict` naming the holder when someone else holds the order. Releasing a claim nobody holds is a no-op. */
export async function releaseOrder(services: Services, orderId: string, userId: string): Promise<void> {
  const now = nowOf(services);
  await services.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order) throw new DomainError("not_found", `no order \`${orderId}\``);
    await assertClaimAllows(tx, order, { type: "user", id: userId }, now);
    if (order.claimedBy === null && order.claimedUntil === null) return;
    await tx.update(orders).set(releaseClaim()).where(eq(orders.id, orderId));
    await recordChanges(tx, [{ entity: "order", entityId: orderId, action: "updated", clientId: order.clientId }]);
  });
}

/**
 * Records what came of a call and applies it: confirmed or cancelled decide the order, a wrong
 * number cancels it, no answer keeps it in the queue, a call back hides it until the time.
 */
export async function recordCallOutcome(services: Services, input: z.output<typeof recordOutcomeInput>, actor: Actor & { type: "user" }): Promise<OrderView> {
  return services.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId)).for("update");
    if (!order) throw new DomainError("not_found", `no order \`${input.orderId}\``);
    await assertClaimAllows(tx, order, actor, nowOf(services));
    const callBackAt = input.callBackAt ? new Date(input.callBackAt) : null;
    await tx.insert(callOutcomes).values({ orderId: order.id, userId: actor.id, outcome: input.outcome, note: input.note ?? null, callBackAt });
    let updated: Order = order;
    const reason = `call:${input.outcome}`;
    if (input.outcome === "confirmed") updated = await transitionOrder(tx, order, "confirmed", { actor, reason });
    else if (input.outcome === "cancelled" || input.outcome === "wrong_number") updated = await transitionOrder(tx, order, "cancelled", { actor, reason });
    else if (input.outcome === "no_answer" && order.status === "pending") updated = await transitionOrder(tx, order, "no_answer", { actor, reason });
    if (input.outcome === "no_answer" || input.outcome === "call_back") {
      [updated] = (await tx.update(orders).set(callAgainLater(input.outcome, callBackAt)).where(eq(orders.id, order.id)).returning()) as [Order];
      await recordChanges(tx, [{ entity: "order", entityId: order.id, action: "updated", clientId: order.clientId }]);
    }
    const [view] = await toOrderViews(tx, [updated]);
    return view!;
  });
}

/** The calls recorded for an order, newest first, with who made them. */
export async function listCallOutcomes(services: Services, orderId: string) {
  const rows = await services.db
    .select({
      id: callOutcomes.id,
      outcome: callOutcomes.outcome,
      note: callOutcomes.note,
      callBackAt: callOutcomes.callBackAt,
      createdAt: callOutcomes.createdAt,
      userName: users.name,
      userEmail: users.email,
    })
    .from(callOutcomes)
    .leftJoin(users, eq(users.id, callOutcomes.userId))
    .where(eq(callOutcomes.orderId, orderId))
    .orderBy(desc(callOutcomes.createdAt));
  return rows.map((row) => ({ ...row, callBackAt: row.callBackAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() }));
}
