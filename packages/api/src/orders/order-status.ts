import { ORDER_TRANSITIONS, canTransition, type OrderStatus } from "@confirma/domain";
import { DomainError } from "../errors/domain-error.ts";

/** Throws `illegal_transition` unless `from → to` is allowed (the rule: `ORDER_TRANSITIONS` in @confirma/domain). */
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
