import { clients, orders, recordChanges, type Client, type Executor, type Order, type ReviewReason } from "@confirma/db";
import { eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../actor.ts";
import { enterReview } from "../orders/queue-flags.ts";
import { transitionOrder } from "../orders/transition-order.ts";
import { recordStatusChange } from "../status-changes/record-status-change.ts";
import { answeredOrders, askedBy, latestSentRequest, lockAwaitingOrders, plainAnswerRefusal } from "./conversation.ts";
import type { Understanding } from "./understand-message.ts";

export interface ReplyEffect {
  /** The order the reply was applied to (the newest, when several), else the order it put in review. */
  orderId?: string;
  orderStatus?: Order["status"];
  /** True when an order was put in the review queue. */
  flagged: boolean;
}

/**
 * Applies what a customer said to their orders, inside the delivery's transaction. Never
 * confirms an order the reply does not answer:
 * - a bound button decides its order, or every order its request asked about, that still awaits a reply;
 * - otherwise the reply is about the orders the latest request asked about (else the newest
 *   awaiting order, see `answeredOrders`); an explicit answer decides them, a plain yes/no only those
 *   it answers right after the question (`plainAnswerRefusal`), the others go to review with the reason;
 * - once an answer decided some orders, the client's other awaiting orders go to review (`several_orders`);
 * - an unclear message puts the orders it is about in review (`unclear`).
 * The client's status follows a decision, as the seed does (also when no order awaits a reply).
 */
export async function applyReply(
  tx: Executor,
  client: Client,
  understanding: Understanding,
  messageId: string,
  { newClient = false }: { newClient?: boolean } = {},
): Promise<ReplyEffect> {
  const actor: Actor = { type: "message", id: messageId };
  const status = understanding.intent === "confirm" ? "confirmed" : "cancelled";
  // A client created by this very message has no order yet: no need to look.
  const awaiting = newClient ? [] : await lockAwaitingOrders(tx, client.id);

  if (understanding.orderId !== undefined || understanding.requestId !== undefined) {
    const bound = new Set(understanding.orderId !== undefined ? [understanding.orderId] : await askedBy(tx, client.id, understanding.requestId!));
    const decided = awaiting.filter((order) => bound.has(order.id));
    // A button whose orders no longer await a reply (or are someone else's) changes nothing.
    if (decided.length === 0) return { flagged: false };
    return decide(tx, client, decided, status, actor, understanding.rule);
  }
  if (awaiting.length === 0) {
    if (understanding.intent === "unclear") return { flagged: false };
    return decide(tx, client, [], status, actor, understanding.rule);
  }

  const latest = await latestSentRequest(tx, client.id);
  const { targets, others } = answeredOrders(awaiting, latest);
  if (understanding.intent === "unclear") {
    await flagForReview(tx, client, targets, messageId, "unclear");
    return { orderId: targets.at(-1)!.id, orderStatus: targets.at(-1)!.status, flagged: true };
  }

  const answered: Order[] = [];
  const refused = new Map<ReviewReason, Order[]>();
  for (const order of targets) {
    const reason = understanding.strength === "explicit" ? null : await plainAnswerRefusal(tx, client.id, order, latest !== undefined);
    if (reason === null) answered.push(order);
    else refused.set(reason, [...(refused.get(reason) ?? []), order]);
  }
  for (const [reason, refusedOrders] of refused) await flagForReview(tx, client, refusedOrders, messageId, reason);
  if (answered.length === 0) {
    const shown = targets.at(-1)!;
    return { orderId: shown.id, orderStatus: shown.status, flagged: true };
  }
  await flagForReview(tx, client, others, messageId, "several_orders");
  const effect = await decide(tx, client, answered, status, actor, understanding.rule);
  return { ...effect, flagged: refused.size > 0 || others.length > 0 };
}

async function decide(
  tx: Executor,
  client: Client,
  answered: readonly Order[],
  status: "confirmed" | "cancelled",
  actor: Actor,
  rule: string,
): Promise<ReplyEffect> {
  let last: Order | undefined;
  for (const order of answered) last = await transitionOrder(tx, order, status, { actor, reason: rule });
  if (client.status !== status) {
    await tx.update(clients).set({ status, updatedAt: sql`now()` }).where(eq(clients.id, client.id));
    await recordStatusChange(tx, { entity: "client", entityId: client.id, fromStatus: client.status, toStatus: status, actor, reason: rule });
  }
  return { orderId: last?.id, orderStatus: last?.status, flagged: false };
}

/** Puts orders in the review queue (and the call queue), with the message and the reason. */
async function flagForReview(tx: Executor, client: Client, flagged: readonly Order[], messageId: string, reason: ReviewReason): Promise<void> {
  if (flagged.length === 0) return;
  const ids = flagged.map((order) => order.id);
  await tx.update(orders).set(enterReview(messageId, reason)).where(inArray(orders.id, ids));
  await recordChanges(
    tx,
    ids.map((id) => ({ entity: "order" as const, entityId: id, action: "updated" as const, clientId: client.id })),
  );
}
