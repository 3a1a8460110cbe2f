import { clients, orders, recordChanges, type Client, type Executor, type Order } from "@confirma/db";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../context.ts";
import { AWAITING_REPLY } from "../orders/order-status.ts";
import { transitionOrder } from "../orders/order-service.ts";
import { recordStatusChange } from "../status-changes/record-status-change.ts";
import type { Understanding } from "./understand-message.ts";

export interface ReplyEffect {
  /** The order the reply was applied to, if any. */
  orderId?: string;
  orderStatus?: Order["status"];
  /** True when the order was put in the review queue. */
  flagged: boolean;
}

/**
 * Applies what a customer said to their orders, inside the delivery's transaction:
 * confirm/cancel moves the bound order (a button) or the most recent order awaiting a reply,
 * and the client's status, as the seed does; unclear flags that order for review with the
 * message that caused it. Never confirms an order the reply does not answer.
 */
export async function applyReply(
  tx: Executor,
  client: Client,
  understanding: Understanding,
  messageId: string,
  { newClient = false }: { newClient?: boolean } = {},
): Promise<ReplyEffect> {
  // A client created by this very message has no order yet: no need to look.
  const order = newClient ? undefined : await findAnsweredOrder(tx, client.id, understanding.orderId);
  const actor: Actor = { type: "message", id: messageId };

  if (understanding.intent === "unclear") {
    if (!order) return { flagged: false };
    await tx
      .update(orders)
      .set({ needsReview: true, reviewMessageId: messageId, callReason: "unclear", updatedAt: sql`now()` })
      .where(eq(orders.id, order.id));
    await recordChanges(tx, [{ entity: "order", entityId: order.id, action: "updated", clientId: client.id }]);
    return { orderId: order.id, orderStatus: order.status, flagged: true };
  }

  // A button bound to an order that no longer awaits a reply changes nothing.
  if (understanding.orderId && !order) return { flagged: false };

  const status = understanding.intent === "confirm" ? "confirmed" : "cancelled";
  let updated: Order | undefined;
  if (order) updated = await transitionOrder(tx, order, status, { actor, reason: understanding.rule });
  if (client.status !== status) {
    await tx.update(clients).set({ status, updatedAt: sql`now()` }).where(eq(clients.id, client.id));
    await recordStatusChange(tx, { entity: "client", entityId: client.id, fromStatus: client.status, toStatus: status, actor, reason: understanding.rule });
  }
  return { orderId: updated?.id, orderStatus: updated?.status, flagged: false };
}

async function findAnsweredOrder(tx: Executor, clientId: string, orderId: string | undefined): Promise<Order | undefined> {
  const conditions = [eq(orders.clientId, clientId), inArray(orders.status, [...AWAITING_REPLY])];
  if (orderId) conditions.push(eq(orders.id, orderId));
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(...conditions))
    .orderBy(desc(orders.id))
    .limit(1)
    .for("update");
  return order;
}
