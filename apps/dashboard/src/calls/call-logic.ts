import type { CallOutcome, CallQueueItem } from "../api/types.ts";
import { errorCodeOf, errorDetailsOf } from "../api/errors.ts";

/** `+33 6 12 34 56 78` → `tel:+33612345678` (a phone dials it in one tap). */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/\D/g, "");
  return digits ? `tel:${phone.trim().startsWith("+") ? "+" : ""}${digits}` : null;
}

/** `+33 6 12 34 56 78` → `https://wa.me/33612345678` (digits only, as WhatsApp wants). */
export function whatsAppHref(phone: string): string | null {
  const digits = phone.replace(/\D/g, "");
  return digits ? `https://wa.me/${digits}` : null;
}

export type ClaimState = "free" | "mine" | "other";

/** Who is working on the item right now: nobody, me, or another agent (whose claim has not run out). */
export function claimState(item: Pick<CallQueueItem, "claimedBy" | "claimedUntil">, userId: string | undefined, now: number = Date.now()): ClaimState {
  if (!item.claimedBy || !item.claimedUntil || Date.parse(item.claimedUntil) <= now) return "free";
  return item.claimedBy.id === userId ? "mine" : "other";
}

/** Where focus goes once an outcome is recorded: wait for the refreshed list, then a card's heading or the page's. */
export type OutcomeFocus = { kind: "wait" } | { kind: "card"; id: string } | { kind: "heading" };

/**
 * After an outcome the next order opens: the first one from where the recorded card stood that
 * someone can work (not the recorded one, not one another agent holds), wrapping round to the
 * top; then the recorded card itself if it stayed (no answer, nothing else to do), any card, or
 * the page heading when the queue is empty — never the page's `<body>`.
 */
export function focusAfterOutcome(items: readonly { id: string; state: ClaimState }[], recorded: { id: string; index: number }): OutcomeFocus {
  const still = items.find((item) => item.id === recorded.id);
  if (still?.state === "mine") return { kind: "wait" };
  if (items.length === 0) return { kind: "heading" };
  const start = Math.min(recorded.index, items.length);
  const ordered = [...items.slice(start), ...items.slice(0, start)];
  const next = ordered.find((item) => item.id !== recorded.id && item.state !== "other") ?? still ?? items[Math.min(recorded.index, items.length - 1)]!;
  return { kind: "card", id: next.id };
}

/** The name to show for the agent holding a claim. */
export function agentName(agent: { name: string | null; email: string }): string {
  return agent.name?.trim() || agent.email;
}

/**
 * The agent named by a `conflict` from `calls.claim` ("Amina is already working on this
 * order"), or null when the error is something else or names nobody.
 */
export function claimConflictHolder(error: unknown): string | null {
  if (errorCodeOf(error) !== "conflict") return null;
  const holder = errorDetailsOf(error)?.claimedBy as { name?: unknown; email?: unknown } | undefined;
  const name = holder?.name ?? holder?.email;
  return typeof name === "string" && name ? name : null;
}

const pad = (value: number) => String(value).padStart(2, "0");

/** A date as an `<input type="datetime-local">` value, in the browser's time zone: `2025-11-25T16:30`. */
export function toLocalInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An `<input type="datetime-local">` value (local time) as an ISO instant, or null when it is not one. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  // Date-time strings without an offset are local time (ECMAScript), which is what the person typed.
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Quick choices for "call back at": in 1 hour, in 2 hours, tomorrow at 10:00 (local time), rounded to 5 minutes. */
export function callBackPresets(now: Date): { key: "in1h" | "in2h" | "tomorrow"; at: Date }[] {
  const roundUp = (date: Date) => new Date(Math.ceil(date.getTime() / 300_000) * 300_000);
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0, 0, 0);
  return [
    { key: "in1h", at: roundUp(new Date(now.getTime() + 3_600_000)) },
    { key: "in2h", at: roundUp(new Date(now.getTime() + 2 * 3_600_000)) },
    { key: "tomorrow", at: tomorrow },
  ];
}

export interface OutcomeDraft {
  outcome: CallOutcome | null;
  callBackAt: string;
  note: string;
}

export type OutcomeCheck =
  | { ok: true; input: { outcome: CallOutcome; note?: string; callBackAt?: string } }
  | { ok: false; field: "outcome" | "callBackAt"; error: "outcomeRequired" | "callBackRequired" | "callBackPast" };

/** Checks the outcome form and builds `calls.recordOutcome`'s input (without the order id). */
export function checkOutcome(draft: OutcomeDraft, now: number = Date.now()): OutcomeCheck {
  if (!draft.outcome) return { ok: false, field: "outcome", error: "outcomeRequired" };
  const note = draft.note.trim();
  if (draft.outcome !== "call_back") return { ok: true, input: { outcome: draft.outcome, ...(note ? { note } : {}) } };
  const callBackAt = localInputToIso(draft.callBackAt);
  if (!callBackAt) return { ok: false, field: "callBackAt", error: "callBackRequired" };
  if (Date.parse(callBackAt) <= now) return { ok: false, field: "callBackAt", error: "callBackPast" };
  return { ok: true, input: { outcome: "call_back", callBackAt, ...(note ? { note } : {}) } };
}
