/** A customer's standing: the answer to the last confirmation request. */
export const CLIENT_STATUSES = ["pending", "confirmed", "cancelled"] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** Every order status, in the order filters and counters list them. */
export const ORDER_STATUSES = ["pending", "confirmed", "cancelled", "no_answer", "shipped", "delivered", "returned"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

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

/** Orders a customer can still confirm or cancel by replying (the request can be sent again). */
export const AWAITING_REPLY = ["pending", "no_answer"] as const satisfies readonly OrderStatus[];

/** Orders that keep a client from being deleted. */
export const OPEN_ORDER_STATUSES = ["pending", "no_answer", "confirmed", "shipped"] as const satisfies readonly OrderStatus[];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return from === to || ORDER_TRANSITIONS[from].includes(to);
}

export function isOrderStatus(value: string | null | undefined): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value ?? "");
}

export function isClientStatus(value: string | null | undefined): value is ClientStatus {
  return (CLIENT_STATUSES as readonly string[]).includes(value ?? "");
}

export function awaitsReply(status: OrderStatus): boolean {
  return (AWAITING_REPLY as readonly OrderStatus[]).includes(status);
}

/** What happens to the parcel after confirmation: set by hand, by a courier's file or by the store. */
export const PARCEL_STATUSES = ["shipped", "delivered", "returned"] as const satisfies readonly OrderStatus[];
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

/**
 * The steps that take an order to where its parcel ended: `[to]` when allowed directly; a
 * confirmed order reported delivered or returned was shipped first, so `["shipped", to]`; null
 * when the order cannot get there (a pending or cancelled order was never shipped).
 */
export function parcelPath(from: OrderStatus, to: ParcelStatus): OrderStatus[] | null {
  if (from === to) return [];
  if (canTransition(from, to)) return [to];
  if (to !== "shipped" && canTransition(from, "shipped") && canTransition("shipped", to)) return ["shipped", to];
  return null;
}
