import type { ListOrdersInput, OrderStatus } from "../api/types.ts";
import { isOrderStatus } from "./order-status.ts";

/** The orders page's filters, as they sit in the URL (`?status=pending&from=2025-11-01&to=2025-11-25`). */
export interface OrderFilters {
  status: OrderStatus | null;
  /** First day included, `YYYY-MM-DD` in the browser's time zone. */
  from: string | null;
  /** Last day included, `YYYY-MM-DD` in the browser's time zone. */
  to: string | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function localMidnight(day: string, addDays = 0): Date | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Reads filters from URL search params, dropping anything malformed. */
export function readOrderFilters(params: { status?: string | string[]; from?: string | string[]; to?: string | string[] }): OrderFilters {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;
  const status = one(params.status);
  const from = one(params.from);
  const to = one(params.to);
  return {
    status: isOrderStatus(status) ? status : null,
    from: from && localMidnight(from) ? from : null,
    to: to && localMidnight(to) ? to : null,
  };
}

/**
 * The `orders.list` input for these filters: whole local days, `from` at midnight and `to`
 * up to (not including) the next midnight, as ISO instants.
 */
export function ordersQueryInput(filters: OrderFilters, extra: { limit?: number; cursor?: string } = {}): ListOrdersInput {
  const input: ListOrdersInput = { ...extra };
  if (filters.status) input.status = filters.status;
  const from = filters.from ? localMidnight(filters.from) : null;
  const to = filters.to ? localMidnight(filters.to, 1) : null;
  if (from) input.from = from.toISOString();
  if (to) input.to = to.toISOString();
  return input;
}

export function hasOrderFilters(filters: OrderFilters): boolean {
  return Boolean(filters.status || filters.from || filters.to);
}
