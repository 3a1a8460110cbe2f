import { orders, recordChanges, type Executor, type JobKind, type Order, type OrderStatus } from "@confirma/db";
import { eq } from "drizzle-orm";
import type { Actor } from "../actor.ts";
import { DomainError } from "../errors/domain-error.ts";
import { cancelPendingJobs } from "../jobs/job-queue.ts";
import { recordStatusChange } from "../status-changes/record-status-change.ts";
import { assertTransition } from "./order-status.ts";
import { callReasonAfterDecision, leaveQueuesOnDecision } from "./queue-flags.ts";

export interface StatusChangeOptions {
  actor: Actor;
  /** The rule or reason recorded in the audit trail. */
  reason: string;
  /** When the change happened, when not now (`status-import.ts`: the courier's date). */
  at?: Date;
}

/**
 * The pending jobs a move to `to` makes pointless: no more asking once the order is decided, and
 * no time-out either unless it only stopped answering. Also read by the one statement of
 * ingest/ingest-decisive-replies.ts.
 */
export function jobsEndedBy(to: Exclude<OrderStatus, "pending">): JobKind[] {
  return to === "no_answer" ? ["confirmation_request", "reminder"] : ["confirmation_request", "reminder", "confirmation_timeout", "auto_cancel"];
}

/**
 * Moves an order to a new status inside `tx`, enforcing the allowed transitions, clearing the
 * review flag, and recording who did it. Returns the order as it was before and after.
 */
export async function transitionOrder(tx: Executor, order: Order, to: OrderStatus, { actor, reason, at }: StatusChangeOptions): Promise<Order> {
  assertTransition(order.status, to);
  if (order.status === to && !order.needsReview && order.callReason === callReasonAfterDecision(to)) return order;
  const [updated] = await tx
    .update(orders)
    .set({ status: to, ...leaveQueuesOnDecision(to) })
    .where(eq(orders.id, order.id))
    .returning();
  if (!updated) throw new DomainError("not_found", `no order \`${order.id}\``);
  if (order.status !== to) {
    await recordStatusChange(tx, { entity: "order", entityId: order.id, fromStatus: order.status, toStatus: to, actor, reason, ...(at ? { at } : {}) });
  }
  if (to !== "pending") await cancelPendingJobs(tx, order.id, jobsEndedBy(to));
  await recordChanges(tx, [{ entity: "order", entityId: order.id, action: "updated", clientId: order.clientId }]);
  return updated;
}
