import type { ClientStatus, OrderStatus } from "../api/types.ts";

/**
 * The statuses, in the order filters and counters list them. Where an order may go next is the
 * server's business: each order carries its `allowedTransitions`.
 */
export const ORDER_STATUSES = ["pending", "confirmed", "cancelled", "no_answer", "shipped", "delivered", "returned"] as const satisfies readonly OrderStatus[];
export const CLIENT_STATUSES = ["pending", "confirmed", "cancelled"] as const satisfies readonly ClientStatus[];

/** Orders the customer can still answer: the confirmation request can be sent again. */
export const AWAITING_REPLY = ["pending", "no_answer"] as const satisfies readonly OrderStatus[];

export function isOrderStatus(value: string | null | undefined): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value ?? "");
}

export function isClientStatus(value: string | null | undefined): value is ClientStatus {
  return (CLIENT_STATUSES as readonly string[]).includes(value ?? "");
}

export function awaitsReply(status: OrderStatus): boolean {
  return (AWAITING_REPLY as readonly string[]).includes(status);
}
