import type { OrderStatus } from "@confirma/domain";
import type { WriteBackChange, WriteBackContext, WriteBackResult, WriteBackStatus } from "../types.ts";
import { shopifyGraphql } from "./shopify-admin-api.ts";

/** The tag each written-back status leaves on the Shopify order; the others are removed. */
export const SHOPIFY_STATUS_TAGS: Record<WriteBackStatus, string> = {
  pending: "confirma-pending",
  confirmed: "confirma-confirmed",
  cancelled: "confirma-cancelled",
  no_answer: "confirma-no-answer",
};

const isWriteBackStatus = (status: OrderStatus): status is WriteBackStatus => status in SHOPIFY_STATUS_TAGS;

/** `gid://shopify/Order/{id}`: the Admin API's id for a REST order id. */
export const orderGid = (externalId: string) => `gid://shopify/Order/${externalId}`;

const READ_ORDER = `query ConfirmaOrder($id: ID!) {
  order(id: $id) { id note tags cancelledAt }
  shop { ianaTimezone }
}`;

interface ReadOrder {
  order: { id: string; note: string | null; tags: string[]; cancelledAt: string | null } | null;
  shop: { ianaTimezone: string | null } | null;
}

interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

/**
 * Writes one status change to the Shopify order: the status tag (and the other Confirma tags
 * removed), one note line saying what happened and when, and — only when the merchant enabled
 * it — the cancellation of the order in Shopify. Reads the order first, so running it again
 * (a retry, a change written twice) adds nothing: a tag already there is not added, a note
 * line already there is not appended, a cancelled order is not cancelled again.
 */
export async function shopifyWriteBack(change: WriteBackChange, { store, fetch }: WriteBackContext): Promise<WriteBackResult> {
  if (!isWriteBackStatus(change.to)) return { status: "skipped", detail: `${change.to} is not written back to Shopify` };
  const wantTags = store.writeBack.tags ?? true;
  const wantNote = store.writeBack.note ?? true;
  const wantCancel = store.writeBack.cancelOrder === true && change.to === "cancelled";
  if (!wantTags && !wantNote && !wantCancel) return { status: "skipped", detail: "tags, note and cancellation are all turned off for this store" };

  const id = orderGid(change.externalId);
  const read = await shopifyGraphql<ReadOrder>(store, fetch, READ_ORDER, { id });
  if (!read.ok) return read.result;
  const order = read.data.order;
  if (!order) return { status: "failed", error: `order ${change.externalNumber ?? change.externalId} is not in the Shopify store (deleted?)` };

  const tag = SHOPIFY_STATUS_TAGS[change.to];
  const addTags = wantTags && !order.tags.includes(tag) ? [tag] : [];
  const removeTags = wantTags ? Object.values(SHOPIFY_STATUS_TAGS).filter((other) => other !== tag && order.tags.includes(other)) : [];
  const line = noteLine(change, read.data.shop?.ianaTimezone ?? "UTC");
  const currentNote = order.note ?? "";
  const note = wantNote && !currentNote.split(/\r?\n/).includes(line) ? (currentNote.trim() ? `${currentNote.trimEnd()}\n${line}` : line) : null;
  const cancel = wantCancel && order.cancelledAt === null;
  if (addTags.length === 0 && removeTags.length === 0 && note === null && !cancel) return { status: "done", detail: "already up to date in Shopify" };

  const mutation = buildMutation({ addTags, removeTags, note, cancel });
  const variables: Record<string, unknown> = { id };
  if (addTags.length) variables.addTags = addTags;
  if (removeTags.length) variables.removeTags = removeTags;
  if (note !== null) variables.input = { id, note };
  if (cancel) {
    Object.assign(variables, {
      // The customer's answer, or nobody answered (auto-cancel).
      reason: change.reason === "auto_cancel" ? "OTHER" : "CUSTOMER",
      // A COD order is cancelled before it ships: its items go back to stock.
      restock: true,
      // Nothing was paid on a COD order; money already taken stays for the merchant to refund.
      refundMethod: { originalPaymentMethodsRefund: false },
      // The customer has just said so on WhatsApp: no second message from the store.
      notifyCustomer: false,
      staffNote: line.slice(0, 255),
    });
  }
  const written = await shopifyGraphql<Record<string, { userErrors?: UserError[]; orderCancelUserErrors?: UserError[] } | null>>(
    store,
    fetch,
    mutation,
    variables,
  );
  if (!written.ok) return written.result;
  const refused = Object.entries(written.data).flatMap(([field, payload]) =>
    [...(payload?.userErrors ?? []), ...(payload?.orderCancelUserErrors ?? [])].map((error) => `${field}: ${error.message}`),
  );
  // A user error is Shopify refusing this input (a closed order, a note too long): the same request would be refused again.
  if (refused.length > 0) return { status: "failed", error: `Shopify refused the write-back: ${refused.join("; ").slice(0, 400)}` };
  const done = [
    addTags.length ? `tagged ${tag}` : "",
    removeTags.length ? `removed ${removeTags.join(", ")}` : "",
    note !== null ? "note added" : "",
    cancel ? "order cancelled in Shopify" : "",
  ].filter(Boolean);
  // Shopify cannot reopen a cancelled order: from now on every version of it says cancelled, by Confirma's doing.
  return { status: "done", detail: done.join(", "), ...(cancel ? { written: { cancelled: true, at: null } } : {}) };
}

/** One mutation document with only the fields this change needs (Shopify runs them in order). */
function buildMutation(parts: { addTags: string[]; removeTags: string[]; note: string | null; cancel: boolean }): string {
  const variables = ["$id: ID!"];
  const fields: string[] = [];
  if (parts.addTags.length) {
    variables.push("$addTags: [String!]!");
    fields.push("tagsAdd(id: $id, tags: $addTags) { userErrors { field message } }");
  }
  if (parts.removeTags.length) {
    variables.push("$removeTags: [String!]!");
    fields.push("tagsRemove(id: $id, tags: $removeTags) { userErrors { field message } }");
  }
  if (parts.note !== null) {
    variables.push("$input: OrderInput!");
    fields.push("orderUpdate(input: $input) { order { id } userErrors { field message } }");
  }
  if (parts.cancel) {
    variables.push(
      "$reason: OrderCancelReason!",
      "$restock: Boolean!",
      // Declared non-null: valid whether the argument is optional (older versions) or required.
      "$refundMethod: OrderCancelRefundMethodInput!",
      "$notifyCustomer: Boolean!",
      "$staffNote: String!",
    );
    fields.push(
      "orderCancel(orderId: $id, reason: $reason, restock: $restock, refundMethod: $refundMethod, notifyCustomer: $notifyCustomer, staffNote: $staffNote) { job { id } orderCancelUserErrors { field message code } }",
    );
  }
  return `mutation ConfirmaWriteBack(${variables.join(", ")}) {\n  ${fields.join("\n  ")}\n}`;
}

/**
 * The note line, in French like the dashboard, with the time in the shop's own time zone:
 * `Confirma: confirmé par le client sur WhatsApp (2026-11-29 10:02)`. The same change always
 * gives the same line, which is how a second run knows it is already there.
 */
export function noteLine(change: Pick<WriteBackChange, "to" | "actor" | "reason" | "at">, timeZone: string): string {
  return `Confirma: ${whatHappened(change)} (${localTime(change.at, timeZone)})`;
}

function whatHappened({ to, actor, reason }: Pick<WriteBackChange, "to" | "actor" | "reason">): string {
  const who = actor === "message" ? "par le client sur WhatsApp" : actor === "user" ? "par un agent" : actor === "api_key" ? "via l'API" : "";
  switch (to) {
    case "confirmed":
      return `confirmé ${who}`.trim();
    case "cancelled":
      return reason === "auto_cancel" ? "annulé automatiquement, sans réponse du client" : `annulé ${who}`.trim();
    case "no_answer":
      return actor === "user" ? "sans réponse du client à l'appel" : "sans réponse du client";
    default:
      return `remis en attente ${who}`.trim();
  }
}

function localTime(at: Date, timeZone: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
  } catch {
    return localTime(at, "UTC");
  }
  const part = Object.fromEntries(format.formatToParts(at).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}
