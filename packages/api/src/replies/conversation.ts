import { messages, orders, type Executor, type Order, type ReviewReason } from "@confirma/db";
import { AWAITING_REPLY } from "@confirma/domain";
import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import { notHeldForPerson } from "../orders/queue-flags.ts";

/** Statuses of a request the customer may have seen (not waiting to leave, not failed). */
export const SEEN_REQUEST_STATUSES = ["sent", "delivered", "read"] as const;

/** A confirmation request or reminder we sent, and the orders it asked about. */
export interface SentRequest {
  id: string;
  askedOrderIds: readonly string[];
}

/**
 * The client's orders awaiting a reply, oldest first, locked for this transaction (one lock order).
 * Orders held for a person (a blocked number, a likely duplicate) are not among them: a message
 * never decides or flags those. The one statement of ingest/ingest-plain-messages.ts reads the same.
 */
export async function lockAwaitingOrders(tx: Executor, clientId: string): Promise<Order[]> {
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.clientId, clientId), inArray(orders.status, [...AWAITING_REPLY]), notHeldForPerson()))
    .orderBy(asc(orders.id))
    .for("update");
}

/** The latest request or reminder sent to the client, optionally the latest one that asked about `orderId`. */
export async function latestSentRequest(tx: Executor, clientId: string, orderId?: string): Promise<SentRequest | undefined> {
  const conditions = [eq(messages.clientId, clientId), isNotNull(messages.askedOrderIds), inArray(messages.status, [...SEEN_REQUEST_STATUSES])];
  if (orderId !== undefined) conditions.push(sql`${messages.askedOrderIds} @> array[${orderId}]::text[]`);
  const [row] = await tx
    .select({ id: messages.id, askedOrderIds: messages.askedOrderIds })
    .from(messages)
    .where(and(...conditions))
    .orderBy(desc(messages.id))
    .limit(1);
  return row ? { id: row.id, askedOrderIds: row.askedOrderIds ?? [] } : undefined;
}

/** The orders a request message asked about, when it was sent to this client. */
export async function askedBy(tx: Executor, clientId: string, requestId: string): Promise<readonly string[]> {
  const [row] = await tx
    .select({ askedOrderIds: messages.askedOrderIds })
    .from(messages)
    .where(and(eq(messages.id, requestId), eq(messages.clientId, clientId), isNotNull(messages.askedOrderIds)));
  return row?.askedOrderIds ?? [];
}

/**
 * Which awaiting orders a free-text message is about: those the latest request asked about that
 * still await a reply; when it asked about none of them (or nothing was ever asked), the newest
 * awaiting order. The rest are `others`: not asked about, so an answer never decides them.
 * Twin: the `answered` step of `storePlainMessages` (ingest-plain-messages.ts) picks the same orders.
 */
export function answeredOrders(awaiting: readonly Order[], latestRequest: SentRequest | undefined): { targets: Order[]; others: Order[] } {
  const asked = new Set(latestRequest?.askedOrderIds ?? []);
  let targets = awaiting.filter((order) => asked.has(order.id));
  if (targets.length === 0) targets = awaiting.length > 0 ? [awaiting[awaiting.length - 1]!] : [];
  const chosen = new Set(targets.map((order) => order.id));
  return { targets, others: awaiting.filter((order) => !chosen.has(order.id)) };
}

/**
 * Why a plain yes/no ("oui", "ok", 👍) cannot count as the answer for `order`, or null when it
 * comes right after the question: the customer sent nothing unclear since our latest request or
 * reminder about the order (or since the order was created, when we never ask this customer
 * ourselves), and the order is not already waiting for a person.
 */
export async function plainAnswerRefusal(tx: Executor, clientId: string, order: Order, weAsk: boolean): Promise<ReviewReason | null> {
  const question = await latestSentRequest(tx, clientId, order.id);
  if (!question && weAsk) return "not_asked";
  const [unclear] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.clientId, clientId), gt(messages.id, question?.id ?? order.id), eq(messages.direction, "in"), eq(messages.intent, "unclear")))
    .limit(1);
  if (unclear) return "weak_after_unclear";
  return order.needsReview ? "awaiting_person" : null;
}
