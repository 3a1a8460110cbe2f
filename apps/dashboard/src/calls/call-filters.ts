import { CALL_QUEUE_REASON_FILTERS, type CallQueueReasonFilter } from "@confirma/domain";

/** The call queue's filters, as the page's address keeps them (`/calls?reason=unclear&mine=1`). */
export interface CallFilters {
  reason: CallQueueReasonFilter | null;
  storeId: string | null;
  country: string | null;
  mine: boolean;
}

/** The countries offered in the filter: where Confirma's customers sell first. */
export const CALL_COUNTRIES = ["FR", "BE", "CH", "MA", "DZ", "TN", "SN", "CI", "CM"] as const;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** Reads the filters from the address's query; anything unknown is no filter. */
export function filtersFromSearch(search: Record<string, string | string[] | undefined>): CallFilters {
  const reason = one(search.reason);
  const country = one(search.country).toUpperCase();
  const storeId = one(search.store);
  return {
    reason: (CALL_QUEUE_REASON_FILTERS as readonly string[]).includes(reason) ? (reason as CallQueueReasonFilter) : null,
    storeId: /^[\w-]{1,64}$/.test(storeId) ? storeId : null,
    country: /^[A-Z]{2}$/.test(country) ? country : null,
    mine: one(search.mine) === "1",
  };
}

/** The query parameters for the filters (`undefined` removes one from the address). */
export function filtersToSearch(filters: CallFilters): Record<string, string | undefined> {
  return {
    reason: filters.reason ?? undefined,
    store: filters.storeId ?? undefined,
    country: filters.country ?? undefined,
    mine: filters.mine ? "1" : undefined,
  };
}

/** `calls.queue`'s input for the filters. */
export function queueInputFor(filters: CallFilters): { reason?: CallQueueReasonFilter; storeId?: string; country?: string; mine?: boolean } {
  return {
    ...(filters.reason ? { reason: filters.reason } : {}),
    ...(filters.storeId ? { storeId: filters.storeId } : {}),
    ...(filters.country ? { country: filters.country } : {}),
    ...(filters.mine ? { mine: true } : {}),
  };
}

/** A key that changes whenever a filter does (the list refetches from the start). */
export function filtersKey(filters: CallFilters): string {
  return `calls:${filters.reason ?? ""}:${filters.storeId ?? ""}:${filters.country ?? ""}:${filters.mine ? 1 : 0}`;
}

/** Whether a call-back is due (its time has come) rather than planned for later. */
export function callBackDue(callBackAt: string | null, now: number): boolean {
  return callBackAt !== null && Date.parse(callBackAt) <= now;
}

/** The customer's earlier orders worth a glance: how many, and how many were delivered, returned, cancelled. */
export function pastOrdersSummary(past: { total: number; byStatus: Partial<Record<string, number>> }): {
  total: number;
  parts: { status: "delivered" | "returned" | "cancelled"; count: number }[];
} {
  const parts = (["delivered", "returned", "cancelled"] as const).flatMap((status) => {
    const count = past.byStatus[status] ?? 0;
    return count > 0 ? [{ status, count }] : [];
  });
  return { total: past.total, parts };
}
