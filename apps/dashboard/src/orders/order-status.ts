import type { ClientStatus, OrderStatus } from "../api/types.ts";

export const ORDER_STATUSES = ["pending", "confirmed", "cancelled", "no_answer", "shipped", "delivered", "returned"] as const satisfies readonly OrderStatus[];
export const CLIENT_STATUSES = ["pending", "confirmed", "cancelled"] as const satisfies readonly ClientStatus[];

/**
 * Where an order may go from each status: the server's rule (packages/api order-status.ts),
 * repeated here only to decide which buttons to offer. The server still has the last word.
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

/** The statuses an order in `from` can be moved to by a person. */
export function nextOrderStatuses(from: OrderStatus): readonly OrderStatus[] {
  return ORDER_TRANSITIONS[from];
}

export function isOrderStatus(value: string | null | undefined): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value ?? "");
}

export function isClientStatus(value: string | null | undefined): value is ClientStatus {
  return (CLIENT_STATUSES as readonly string[]).includes(value ?? "");
}
