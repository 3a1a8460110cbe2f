import type { WriteBackChange, WriteBackContext, WriteBackResult, WriteBackStatus } from "../types.ts";

/**
 * What YouCan's Store Admin API lets Confirma write back: the order's confirmation status, and
 * nothing else. `PUT https://api.youcan.shop/orders/{id}/status { "status": "<slug>" }` with the
 * store's access token (`Authorization: Bearer`, scope `edit-orders`;
 * https://developer.youcan.shop/store-admin/orders/update_status). Its slugs are `open`,
 * `processed`, `closed`, `canceled-by-seller` plus the merchant's own statuses
 * (`GET /orders/settings`); a slug YouCan does not know is shown as given.
 *
 * Not written: tags and notes (the API sets them only when an order is created, and has no call
 * to add them to an existing one), the shipping and payment statuses (the courier's and the cash
 * collection's business, not the confirmation's).
 *
 * The store's `writeBack.statusMap` replaces the default map below as a whole: a Confirma status
 * it leaves out is not written (`{ "confirmed": "processed" }` writes confirmations only).
 */

export const YOUCAN_API_URL = "https://api.youcan.shop";

/**
 * Confirmed → `processed` (YouCan: "being processed", out of the `open` "not yet reviewed or
 * confirmed" state), cancelled → `canceled-by-seller`, and back to `open` when a decision is undone.
 * `no_answer` has no YouCan status: the order stays `open` until the customer answers.
 */
export const DEFAULT_YOUCAN_STATUS_MAP: Readonly<Partial<Record<WriteBackStatus, string>>> = {
  pending: "open",
  confirmed: "processed",
  cancelled: "canceled-by-seller",
};

export async function writeBackToYoucan(change: WriteBackChange, { store, fetch }: WriteBackContext): Promise<WriteBackResult> {
  const statusMap = store.writeBack.statusMap ?? DEFAULT_YOUCAN_STATUS_MAP;
  const slug = statusMap[change.to as WriteBackStatus];
  if (!slug) return { status: "skipped", detail: `no YouCan status is mapped to ${change.to}` };
  if (!store.accessToken) return { status: "failed", error: "no YouCan access token: set the store's accessToken to write statuses back" };

  const base = (store.apiUrl ?? YOUCAN_API_URL).replace(/\/+$/, "");
  const response = await fetch(`${base}/orders/${encodeURIComponent(change.externalId)}/status`, {
    method: "PUT",
    headers: { authorization: `Bearer ${store.accessToken}`, accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ status: slug }),
  });
  const detail = await responseDetail(response);
  if (response.ok) return { status: "done", detail: `YouCan status set to ${slug}` };

  const said = `YouCan answered ${response.status}${detail ? `: ${detail}` : ""}`;
  if (response.status === 401 || response.status === 403) {
    return { status: "failed", error: `${said} (the access token is revoked, expired or lacks the edit-orders scope)` };
  }
  if (response.status === 404) return { status: "failed", error: `${said} (no such order in the store)` };
  if (response.status === 429) return { status: "retry", error: said, ...retryAfter(response) };
  if (response.status === 408 || response.status === 425 || response.status >= 500) return { status: "retry", error: said };
  return { status: "failed", error: said };
}

/** YouCan's error body is `{ status, detail, meta }`: its `detail`, or the start of the text. */
async function responseDetail(response: Response): Promise<string> {
  const body = (await response.text().catch(() => "")).slice(0, 2000);
  try {
    const detail = (JSON.parse(body) as { detail?: unknown }).detail;
    if (typeof detail === "string") return detail.slice(0, 200);
  } catch {
    // not JSON: the text itself
  }
  return body.replace(/\s+/g, " ").trim().slice(0, 200);
}

/** `Retry-After` in seconds or as an HTTP date. */
function retryAfter(response: Response): { retryAfterMs?: number } {
  const header = response.headers.get("retry-after");
  if (!header) return {};
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? { retryAfterMs: Math.min(ms, 3_600_000) } : {};
}
