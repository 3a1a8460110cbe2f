import { jobs, orders } from "@confirma/db";
import { and, eq, max } from "drizzle-orm";
import { assertClaimAllows } from "../calls/claim-guard.ts";
import type { Actor } from "../actor.ts";
import { nowOf, type Services } from "../context.ts";
import { blockOfClient } from "../customers/blocklist-service.ts";
import { DomainError } from "../errors/domain-error.ts";
import { transitionOrder } from "../orders/transition-order.ts";
import { scheduleConfirmationRequest } from "./confirmation-flow.ts";

/**
 * A person asks the customer again: a `no_answer` order goes back to `pending` and a new
 * attempt (request, reminders, time-out) starts now. Two clicks at once schedule one attempt.
 */
export async function requestConfirmationAgain(services: Services, orderId: string, actor: Actor): Promise<{ attempt: number; scheduled: boolean }> {
  return services.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order) throw new DomainError("not_found", `no order \`${orderId}\``);
    await assertClaimAllows(tx, order, actor, nowOf(services));
    if (order.status !== "pending" && order.status !== "no_answer") {
      throw new DomainError("illegal_transition", `the order is ${order.status}: there is nothing to confirm`);
    }
    const block = await blockOfClient(tx, order.clientId);
    if (block) throw new DomainError("phone_blocked", "the customer's number is blocked: no request is sent to it");
    if (order.status === "no_answer") await transitionOrder(tx, order, "pending", { actor, reason: "request_again" });
    const [last] = await tx
      .select({ attempt: max(jobs.attempt) })
      .from(jobs)
      .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "confirmation_request")));
    const attempt = (last?.attempt ?? -1) + 1;
    const scheduled = await scheduleConfirmationRequest(tx, services, orderId, { attempt, delayMs: 0 });
    return { attempt, scheduled };
  });
}
