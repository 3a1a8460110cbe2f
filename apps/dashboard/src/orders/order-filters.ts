import type { ListOrdersInput, OrderStatus } from "../api/types.ts";
import { isOrderStatus } from "@confirma/domain";

/** Which date the days filter on: the order's creation, or when it reached its status ("confirmed on"). */
export const DATE_OF = ["created", "status"] as const;
export type DateOf = (typeof DATE_OF)[number];

/** The orders page's filters, as they sit in the URL (`?status=confirmed&from=2025-11-01&to=2025-11-25&dateOf=status&store=…`). */
export interface OrderFilters {
  status: OrderStatus | null;
  /** Orders of one store (its id). */
  store: string | null;
  /** First day included, `YYYY-MM-DD` in the browser's time zone. */
  from: string | null;
  /** Last day included, `YYYY-MM-DD` in the browser's time zone. */
  to: string | null;
  dateOf: DateOf;
  /** Text filters (trimmed, null when empty): ours `#74A1CE` or the customer's name or phone, ours `#74A1CE`, the store's `#1001`, city, address, product. */
  search: string | null;
  number: string | null;
  externalNumber: string | null;
  city: string | null;
  address: string | null;
  item: string | null;
}

/** The text filters, in the order the form shows them; each is a URL parameter of the same name. */
export const TEXT_FILTERS = ["search", "number", "externalNumber", "city", "address", "item"] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function localMidnight(day: string, addDays = 0): Date | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Reads filters from URL search params, dropping anything malformed. */
export function readOrderFilters(
  params: {
    status?: string | string[];
    from?: string | string[];
    to?: string | string[];
    dateOf?: string | string[];
    store?: string | string[];
  } & Partial<Record<TextFilter, string | string[]>>,
): OrderFilters {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;
  const status = one(params.status);
  const from = one(params.from);
  const to = one(params.to);
  const dateOf = one(params.dateOf);
  const store = one(params.store)?.trim();
  return {
    status: isOrderStatus(status) ? status : null,
    store: store && store.length <= 64 ? store : null,
    from: from && localMidnight(from) ? from : null,
    to: to && localMidnight(to) ? to : null,
    dateOf: dateOf === "status" ? "status" : "created",
    ...textFilters(params, one),
  };
}

function textFilters(
  params: Partial<Record<TextFilter, string | string[]>>,
  one: (value: string | string[] | undefined) => string | null,
): Record<TextFilter, string | null> {
  const entries = TEXT_FILTERS.map((name) => {
    const value = one(params[name])?.trim() ?? "";
    return [name, value && value.length <= 200 ? value : null] as const;
  });
  return Object.fromEntries(entries) as Record<TextFilter, string | null>;
}

/**
 * The `orders.list` input for these filters: whole local days, `from` at midnight and `to`
 * up to (not including) the next midnight, as ISO instants, on the creation date or on the
 * date the order reached its status.
 */
export function ordersQueryInput(filters: OrderFilters, extra: { limit?: number; cursor?: string } = {}): ListOrdersInput {
  const input: ListOrdersInput = { ...extra };
  if (filters.status) input.status = filters.status;
  if (filters.store) input.storeId = filters.store;
  const from = filters.from ? localMidnight(filters.from) : null;
  const to = filters.to ? localMidnight(filters.to, 1) : null;
  const [fromKey, toKey] = filters.dateOf === "status" ? (["statusChangedFrom", "statusChangedTo"] as const) : (["from", "to"] as const);
  if (from) input[fromKey] = from.toISOString();
  if (to) input[toKey] = to.toISOString();
  for (const name of TEXT_FILTERS) {
    const value = filters[name];
    if (value) input[name] = value;
  }
  return input;
}

export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The server's download of every order matching the filters (not only the rows on screen):
 * the browser streams it to disk. Dates in the browser's time zone, columns in `language`.
 */
export function ordersExportUrl(
  filters: OrderFilters,
  format: ExportFormat,
  { language = "fr", timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone } = {},
): string {
  const params = new URLSearchParams({ format, lang: language === "en" ? "en" : "fr" });
  if (timeZone) params.set("tz", timeZone);
  for (const [name, value] of Object.entries(ordersQueryInput(filters))) if (value !== undefined) params.set(name, String(value));
  return `/downloads/orders?${params}`;
}

export function hasOrderFilters(filters: OrderFilters): boolean {
  return Boolean(filters.status || filters.store || filters.from || filters.to || TEXT_FILTERS.some((name) => filters[name]));
}
