import type { CallOutcome, OrderEvent, ShippingAddress, StatusChange } from "../api/types.ts";
import type { MessageKey, MessageParams } from "../i18n/translate.ts";
import { CALL_OUTCOMES } from "@confirma/domain";
import { orderNumber } from "../format/format.ts";
import { addressLines } from "./order-source.ts";

/** A message to show: a catalogue key and its parameters. */
export interface Phrase {
  key: MessageKey;
  params?: MessageParams;
}

export interface HistoryContext {
  /** The signed-in user, shown as "you". */
  currentUserId?: string;
  /** Names of dashboard users (admins can list them; agents know only themselves). */
  userName: (id: string) => string | null | undefined;
  /** The text of a customer's message, when the thread on screen has it. */
  messageText: (id: string) => string | null | undefined;
}

const FLOW_REASONS: Record<string, MessageKey> = {
  created: "history.reason.created",
  manual: "history.reason.manual",
  review_dismissed: "history.reason.review_dismissed",
  request_again: "history.reason.request_again",
  timeout: "history.reason.timeout",
  auto_cancel: "history.reason.auto_cancel",
  "store:created": "history.reason.store_created",
  "store:cancelled": "history.reason.store_cancelled",
  blocked: "history.reason.blocked",
};

/** Reasons that name other orders (`merged_into:<id>`, `duplicate_flagged:<id>,<id>`…). */
const DUPLICATE_REASONS: Record<string, MessageKey> = {
  merged_into: "history.reason.merged_into",
  merged_from: "history.reason.merged_from",
  duplicate_of: "history.reason.duplicate_of",
  duplicate_cancelled: "history.reason.duplicate_cancelled",
  duplicate_flagged: "history.reason.duplicate_flagged",
};

const MAX_QUOTE = 80;
const quote = (text: string) => (text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text);

/**
 * Who or what made a status change, in words: a user, a customer's message, the integration key,
 * the confirmation flow. The server sends the user's name and the message's text with the change;
 * the page's own lists are used when they know better (a name just edited, a thread on screen).
 */
export function describeActor(
  change: Pick<StatusChange, "actorType" | "actorId"> & { actorName?: string | null; messageBody?: string | null },
  context: HistoryContext,
): Phrase {
  const id = change.actorId ?? "";
  switch (change.actorType) {
    case "user": {
      if (id && id === context.currentUserId) return { key: "history.by.you" };
      const name = (id ? context.userName(id) : null) ?? change.actorName;
      return name ? { key: "history.by.user", params: { name } } : { key: "history.by.someUser" };
    }
    case "message": {
      const text = ((id ? context.messageText(id) : null) ?? change.messageBody)?.trim();
      return text ? { key: "history.by.message", params: { text: quote(text) } } : { key: "history.by.someMessage" };
    }
    case "api_key":
      return { key: "history.by.key" };
    default:
      if (id === "confirmation-flow") return { key: "history.by.flow" };
      return id.startsWith("store:") ? { key: "history.by.store" } : { key: "history.by.system" };
  }
}

/** Why: a known reason in words, a call's outcome, or the rule that read the customer's reply. */
export function describeReason(reason: string | null): Phrase | null {
  if (!reason) return null;
  const known = FLOW_REASONS[reason];
  if (known) return { key: known };
  const [prefix, ids] = reason.split(":", 2);
  const duplicate = prefix ? DUPLICATE_REASONS[prefix] : undefined;
  if (duplicate && ids) return { key: duplicate, params: { order: ids.split(",").map(orderNumber).join(", ") } };
  if (reason.startsWith("call:")) {
    const outcome = reason.slice(5) as CallOutcome;
    if ((CALL_OUTCOMES as readonly string[]).includes(outcome)) return { key: `history.reason.call.${outcome}` };
  }
  return { key: "history.reason.rule", params: { rule: reason } };
}

/** True for a line that changed nothing but was recorded as a decision (a review dismissed). */
export function isUnchanged(change: Pick<StatusChange, "fromStatus" | "toStatus">): boolean {
  return change.fromStatus !== null && change.fromStatus === change.toStatus;
}

/** One line of an order's history: a status change, or another recorded change (details corrected, changed in the store). */
export type HistoryEntry = { kind: "status"; id: string; at: string; change: StatusChange } | { kind: "event"; id: string; at: string; event: OrderEvent };

/** Status changes and other changes in one list, newest first. */
export function mergeHistory(changes: readonly StatusChange[], events: readonly OrderEvent[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    ...changes.map((change) => ({ kind: "status" as const, id: change.id, at: change.createdAt, change })),
    ...events.map((event) => ({ kind: "event" as const, id: event.id, at: event.createdAt, event })),
  ];
  return entries.sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)));
}

const addressText = (value: unknown) => addressLines((value ?? null) as ShippingAddress | null).join(", ");

/** `2 × Savon, 1 × Crème · 39.98 EUR`: one side of an items change, as `order.lines_changed` records it. */
function linesText(side: unknown, currency: string): string {
  const { lines, total } = (side ?? {}) as { lines?: { name?: unknown; quantity?: unknown }[]; total?: unknown };
  const items = (Array.isArray(lines) ? lines : []).map((line) => `${String(line.quantity ?? "?")} × ${String(line.name ?? "")}`).join(", ");
  return typeof total === "number" ? `${items || "—"} · ${total} ${currency}`.trim() : items || "—";
}

/** What another recorded change did, in words: one phrase per thing changed. */
export function describeOrderEvent(event: Pick<OrderEvent, "action" | "details">): Phrase[] {
  const details = (event.details ?? {}) as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  switch (event.action) {
    case "order.details_changed": {
      const before = details.before ?? {};
      const after = details.after ?? {};
      const phrases: Phrase[] = [];
      if ("shippingAddress" in after) {
        phrases.push({
          key: "history.event.address",
          params: { before: addressText(before.shippingAddress) || "—", after: addressText(after.shippingAddress) || "—" },
        });
      }
      if ("phone" in after) phrases.push({ key: "history.event.phone", params: { before: String(before.phone ?? "—"), after: String(after.phone ?? "—") } });
      return phrases;
    }
    case "order.lines_changed": {
      const currency = typeof (details as { currency?: unknown }).currency === "string" ? (details as { currency: string }).currency : "";
      return [{ key: "history.event.lines", params: { before: linesText(details.before, currency), after: linesText(details.after, currency) } }];
    }
    case "order.store_changed":
      return [{ key: "history.event.storeChanged" }];
    case "order.claim_taken_over":
      return [{ key: "history.event.claimTakenOver" }];
    default:
      return [{ key: "history.event.other", params: { action: event.action } }];
  }
}
