import type { OrderStatus } from "@confirma/db";
import { DomainError } from "../errors/domain-error.ts";

/**
 * Where an order may go from each status. `no_answer` is set by the confirmation flow and can
 * still be worked; `returned` is final. Staying in the same status is always allowed (a no-op).
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ["confirmed", "cancelled", "no_answer"],
  no_answer: ["pending", "confirmed", "cancelled"],
  confirmed: ["shipped", "cancelled", "pending"],
  cancelled: ["pending"],
  shipped: ["delivered", "returned"],
  delivered: ["returned"],
  returned: [],
};

/** Orders a customer can still confirm or cancel by replying. */
export const AWAITING_REPLY: readonly OrderStatus[] = ["pending", "no_answer"];

/** Orders that keep a client from being deleted. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ["pending", "no_answer", "confirmed", "shipped"];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return from === to || ORDER_TRANSITIONS[from].includes(to);
}

/** Throws `illegal_transition` unless `from → to` is allowed. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    const allowed = ORDER_TRANSITIONS[from];
    throw new DomainError(
      "illegal_transition",
      `an order cannot go from ${from} to ${to}` + (allowed.length ? ` (allowed: ${allowed.join(", ")})` : ` (${from} is final)`),
      { from, to, allowed },
    );
  }
}
