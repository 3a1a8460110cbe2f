import type { StoreConnection, StoreStateWritten, WriteBackChange, WriteBackContext, WriteBackResult, WriteBackStatus } from "../types.ts";
import { gmt } from "./woocommerce-order.ts";

/**
 * Writes one Confirma status change to a WooCommerce order over the REST API v3: the order's
 * status per the store's map (`PUT /wp-json/wc/v3/orders/{id}`), then a private order note
 * (`POST /wp-json/wc/v3/orders/{id}/notes`). Safe to run again after a crash at any point: the
 * status is only written when it differs, and the note carries the change's id as a marker that
 * is looked for before adding it, so a retry never adds a second note.
 */

/**
 * The default map, for a store that set none. COD orders arrive `processing` (WooCommerce's COD
 * gateway sets it), so a confirmation keeps them there and the note says who confirmed.
 * Awaiting an answer again maps to `on-hold`, never to `pending`: WooCommerce's "Pending payment"
 * gives the stock back and its unpaid-order sweep cancels checkout orders left there past the
 * stock hold time. A store's own `statusMap` replaces this one whole: a status it leaves out
 * is not changed (`{}` = notes only).
 */
export const DEFAULT_WOOCOMMERCE_STATUS_MAP: Readonly<Record<WriteBackStatus, string>> = {
  confirmed: "processing",
  cancelled: "cancelled",
  no_answer: "on-hold",
  pending: "on-hold",
};

/** Statuses Confirma never moves an order out of: the merchant has finished with it (or it is not an order yet). */
const SETTLED_STATUSES = new Set(["completed", "refunded", "trash", "checkout-draft"]);

const WRITE_BACK_STATUSES: ReadonlySet<string> = new Set(Object.keys(DEFAULT_WOOCOMMERCE_STATUS_MAP));

/** The marker a note carries, so a retry finds the note it already added. */
export function noteMarker(changeId: string): string {
  return `[confirma:${changeId}]`;
}

const WHO: Record<string, string> = {
  message: "by the customer on WhatsApp",
  user: "by an agent in Confirma",
  api_key: "through the Confirma API",
  system: "by Confirma",
};

/** The note's words: what happened and who did it, then the marker. */
export function noteText(change: WriteBackChange): string {
  const who = WHO[change.actor] ?? WHO.system;
  const what =
    change.to === "confirmed"
      ? `order confirmed ${who}`
      : change.to === "cancelled"
        ? `order cancelled ${who}`
        : change.to === "no_answer"
          ? "no answer from the customer on WhatsApp"
          : `order awaiting confirmation again (was ${change.from.replace("_", " ")})`;
  return `Confirma: ${what}. ${noteMarker(change.changeId)}`;
}

type Call<T> = { ok: true; body: T } | { ok: false; result: WriteBackResult };

/** 4xx answers that a later try can change (with 5xx); any other 4xx or 3xx is final: a key, an id or our input is wrong. */
const TRANSIENT = new Set([408, 409, 425, 429]);

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The API base, or why write-back cannot go there. */
function apiBase(store: StoreConnection): { ok: true; base: string } | { ok: false; error: string } {
  const base = (store.apiUrl ?? store.siteUrl)?.replace(/\/+$/, "");
  if (!base) return { ok: false, error: "the store has no siteUrl" };
  // WooCommerce takes REST API keys in Basic auth over HTTPS only (over HTTP it wants OAuth 1.0a
  // signatures): sending them to an http site would show them to the network and fail anyway.
  // An explicit apiUrl (a self-hosted gateway, a test server) is the operator's choice.
  if (!store.apiUrl && base.startsWith("http:")) return { ok: false, error: "the site URL is http: WooCommerce accepts REST API keys over HTTPS only" };
  return { ok: true, base };
}

/** One REST call with WooCommerce's error answers (`{ code, message, data: { status } }`) sorted into retry or stop. */
async function call<T>(context: WriteBackContext, base: string, method: string, path: string, body?: unknown): Promise<Call<T>> {
  const { store } = context;
  // Basic auth, not the documented `?consumer_key=…&consumer_secret=…` fallback: a query string
  // ends up in web server, proxy and hosting logs, a header does not.
  const credentials = Buffer.from(`${store.consumerKey}:${store.consumerSecret}`).toString("base64");
  const response = await context.fetch(`${base}/wp-json/wc/v3/${path}`, {
    method,
    headers: {
      authorization: `Basic ${credentials}`,
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const what = `WooCommerce ${method} /wp-json/wc/v3/${path.split("?")[0]}`;
  if (response.ok) {
    if (json === undefined)
      return { ok: false, result: { status: "failed", error: `${what} answered ${response.status} without JSON: is the site URL the WordPress address?` } };
    return { ok: true, body: json as T };
  }
  const error = json as { code?: unknown; message?: unknown } | undefined;
  const reason =
    typeof error?.code === "string"
      ? `${error.code}${typeof error.message === "string" ? `: ${error.message.slice(0, 200)}` : ""}`
      : response.status >= 300 && response.status < 400
        ? `a redirect to ${response.headers.get("location") ?? "elsewhere"}: set the store's URL to the address WooCommerce answers at`
        : response.status === 404
          ? "not a WooCommerce REST answer: check the site URL, and that WordPress permalinks are not set to Plain"
          : "no WooCommerce error in the answer";
  const message = `${what} answered ${response.status}, ${reason}`;
  if (response.status >= 500 || TRANSIENT.has(response.status)) {
    const wait = retryAfterMs(response);
    return { ok: false, result: { status: "retry", error: message, ...(wait === undefined ? {} : { retryAfterMs: wait }) } };
  }
  return { ok: false, result: { status: "failed", error: message } };
}

/** WooCommerce's REST status names have no `wc-` prefix (`wc-processing` is stored, `processing` is spoken). */
function restStatus(status: string): string {
  return status.replace(/^wc-/, "");
}

export async function writeBackToWooCommerce(change: WriteBackChange, context: WriteBackContext): Promise<WriteBackResult> {
  const { store } = context;
  if (!WRITE_BACK_STATUSES.has(change.to)) return { status: "skipped", detail: `${change.to} is not written back to WooCommerce` };
  const map = store.writeBack.statusMap ?? DEFAULT_WOOCOMMERCE_STATUS_MAP;
  const mapped = map[change.to as WriteBackStatus];
  const target = mapped ? restStatus(mapped) : null;
  const withNote = store.writeBack.note !== false;
  if (!target && !withNote) return { status: "skipped", detail: `no WooCommerce status mapped for ${change.to} and notes are off` };
  if (!store.consumerKey || !store.consumerSecret) {
    return { status: "failed", error: "no WooCommerce REST API key: set consumerKey and consumerSecret (a Read/Write key)" };
  }
  const endpoint = apiBase(store);
  if (!endpoint.ok) return { status: "failed", error: endpoint.error };
  const order = `orders/${encodeURIComponent(change.externalId)}`;
  const done: string[] = [];
  let written: StoreStateWritten | undefined;

  if (target) {
    const current = await call<WooStatus>(context, endpoint.base, "GET", `${order}?_fields=id,status,date_modified_gmt`);
    if (!current.ok) return current.result;
    const status = typeof current.body.status === "string" ? current.body.status : "";
    if (status === target) done.push(`status already ${target}`);
    else if (SETTLED_STATUSES.has(status)) done.push(`status left ${status}`);
    else {
      const updated = await call<WooStatus>(context, endpoint.base, "PUT", order, { status: target });
      if (!updated.ok) return updated.result;
      done.push(`status ${status || "?"} → ${target}`);
      written = stateOf(updated.body, target);
    }
    written ??= stateOf(current.body, status);
  }

  if (withNote) {
    const marker = noteMarker(change.changeId);
    const notes = await call<{ note?: unknown }[]>(context, endpoint.base, "GET", `${order}/notes?type=internal`);
    if (!notes.ok) return notes.result;
    if (Array.isArray(notes.body) && notes.body.some((note) => typeof note?.note === "string" && note.note.includes(marker))) {
      done.push("note already added");
    } else {
      const added = await call(context, endpoint.base, "POST", `${order}/notes`, { note: noteText(change), customer_note: false });
      if (!added.ok) return added.result;
      done.push("note added");
    }
  }
  return { status: "done", detail: done.join(", "), ...(written ? { written } : {}) };
}

/** The part of WooCommerce's order answer the status write reads. */
interface WooStatus {
  status?: unknown;
  date_modified_gmt?: unknown;
}

/** The order's state once the status write is done, on WooCommerce's clock (the one its webhooks' `date_modified_gmt` uses). */
function stateOf(answer: WooStatus, status: string): StoreStateWritten {
  return { cancelled: restStatus(status) === "cancelled", at: gmt(typeof answer.date_modified_gmt === "string" ? answer.date_modified_gmt : null) };
}
