import type { QuickReplyButton, SendResult } from "./types.ts";

/** Shared plumbing for the outbound senders: a JSON POST with a deadline, failures as results. */

export type SendFailure = Extract<SendResult, { ok: false }>;

/** The part of `fetch` the senders use (injectable in tests; Bun's `fetch` type has extras). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** What came back: a status and body (JSON-decoded when possible), or a transport failure. */
export type HttpReply = { ok: true; status: number; json: unknown } | { ok: false; failure: SendFailure };

/** WhatsApp's limits for reply buttons: 3 per message, 20-character titles, 256-character ids. */
export const MAX_BUTTONS = 3;
export const MAX_BUTTON_TITLE_LENGTH = 20;
export const MAX_BUTTON_PAYLOAD_LENGTH = 256;
const MAX_REASON_LENGTH = 300;

export function failure(code: string, reason: string, retryable: boolean): SendFailure {
  return { ok: false, retryable, code, reason };
}

/** Rate limits, request timeouts and server errors are worth another try; other statuses are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * POSTs `body` as JSON and reads the answer under one deadline (`AbortSignal.timeout`).
 * Never throws: a timeout gives `timeout`, anything else that stops the exchange `network`
 * (both retryable). A body that is not JSON gives `json: undefined`.
 */
export async function postJson(fetchFn: FetchLike, url: string, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<HttpReply> {
  try {
    const response = await fetchFn(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { ok: true, status: response.status, json: parseJson(text) };
  } catch (error) {
    const name = error instanceof Error || error instanceof DOMException ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      return { ok: false, failure: failure("timeout", `No answer within ${timeoutMs} ms`, true) };
    }
    return { ok: false, failure: failure("network", "Could not reach the WhatsApp provider (network error)", true) };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A short, single-line, secret-free reason for an agent to read. Secrets shorter than 8
 * characters are not real credentials and are left alone (they would mangle the text).
 */
export function safeReason(text: string, secrets: readonly string[]): string {
  let reason = text.replace(/\s+/g, " ").trim();
  for (const secret of secrets) {
    if (secret.length >= 8) reason = reason.split(secret).join("[redacted]");
  }
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason;
}

/** Digits of an E.164 phone (`+33612345678` → `33612345678`), or undefined when it is not one. */
export function phoneDigits(phone: string | undefined): string | undefined {
  if (phone === undefined) return undefined;
  const digits = phone.replace(/[\s().-]/g, "").replace(/^\+/, "");
  return /^[1-9]\d{6,14}$/.test(digits) ? digits : undefined;
}

/** The part after `prefix` of a stored user id (`meta:US.123` → `US.123`), when non-blank. */
export function userIdWithPrefix(userId: string | undefined, prefix: string): string | undefined {
  if (userId === undefined || !userId.startsWith(prefix)) return undefined;
  const id = userId.slice(prefix.length).trim();
  return id === "" ? undefined : id;
}

export function noRecipient(provider: string, accepted: string): SendFailure {
  return failure("no_phone", `No phone number for this customer, and ${provider} cannot send to this id (it needs ${accepted})`, false);
}

/**
 * Truncates a button title to `max` UTF-16 units without splitting a character or an emoji
 * (whole grapheme clusters), ending with "…" when shortened.
 */
export function fitTitle(title: string, max = MAX_BUTTON_TITLE_LENGTH): string {
  const trimmed = title.trim();
  if (trimmed.length <= max) return trimmed;
  let kept = "";
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(trimmed)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept.trimEnd()}…`;
}

/**
 * Checks buttons against WhatsApp's limits (3 reply buttons on a free-form message; an approved
 * template sets its own count): a failure rather than silently dropping an option.
 */
export function checkButtons(buttons: readonly QuickReplyButton[], maxCount = MAX_BUTTONS): SendFailure | undefined {
  if (buttons.length > maxCount) {
    return failure("invalid_message", `WhatsApp allows at most ${maxCount} reply buttons here (got ${buttons.length})`, false);
  }
  for (const button of buttons) {
    if (button.payload === "" || button.payload.length > MAX_BUTTON_PAYLOAD_LENGTH) {
      return failure("invalid_message", `A button payload must be 1-${MAX_BUTTON_PAYLOAD_LENGTH} characters`, false);
    }
    if (button.title.trim() === "") return failure("invalid_message", "A button title must not be blank", false);
  }
  return undefined;
}

export function trimSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}
