import type { MessageKey } from "../i18n/translate.ts";

/** The product error codes the dashboard has a message for. */
const KNOWN_CODES = new Set<string>([
  "invalid_json",
  "invalid_input",
  "missing_field",
  "unknown_field",
  "invalid_phone",
  "invalid_price",
  "invalid_quantity",
  "invalid_currency",
  "empty_order",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "phone_taken",
  "illegal_transition",
  "client_has_open_orders",
  "outside_service_window",
  "payload_too_large",
  "rate_limited",
  "too_many_subscriptions",
  "internal",
  "unavailable",
  "url_not_public",
  "phone_blocked",
]);

/** The product error code (`error.data.errorCode`) of a tRPC client error, if it has one. */
export function errorCodeOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const data = (error as { data?: unknown }).data;
  if (typeof data === "object" && data !== null) {
    const code = (data as { errorCode?: unknown }).errorCode;
    if (typeof code === "string") return code;
    const trpcCode = (data as { code?: unknown }).code;
    if (trpcCode === "UNAUTHORIZED") return "unauthorized";
    if (trpcCode === "FORBIDDEN") return "forbidden";
  }
  return null;
}

/** The catalogue key of the message to show for any error a call raised. */
export function errorMessageKey(error: unknown): MessageKey {
  const code = errorCodeOf(error);
  if (code && KNOWN_CODES.has(code)) return `error.${code}` as MessageKey;
  if (code) return "error.generic";
  // No tRPC envelope at all: the request never got an answer (offline, server down).
  if (error instanceof TypeError || (error instanceof Error && /fetch|network/i.test(error.message))) return "error.network";
  return "error.generic";
}

/** The server's own words about a failure (tRPC keeps them in `message`), or null. */
/** The structured details a product error carries (`error.data.details`), if any. */
export function errorDetailsOf(error: unknown): Record<string, unknown> | null {
  if (typeof error !== "object" || error === null) return null;
  const data = (error as { data?: unknown }).data;
  if (typeof data !== "object" || data === null) return null;
  const details = (data as { details?: unknown }).details;
  return typeof details === "object" && details !== null && !Array.isArray(details) ? (details as Record<string, unknown>) : null;
}

export function errorText(error: unknown): string | null {
  return error instanceof Error && error.message ? error.message : null;
}

/**
 * The field an `invalid_input` refers to: the server names it first, in backticks
 * (`` `remindersMs.0`: Too small… ``). Returns the dotted path and the rest of the message.
 */
export function invalidFieldOf(error: unknown): { path: string; message: string } | null {
  const code = errorCodeOf(error);
  if (code !== "invalid_input" && code !== "missing_field" && code !== "unknown_field") return null;
  const match = /^`([^`]+)`:?\s*(.*)$/s.exec(errorText(error) ?? "");
  return match ? { path: match[1]!, message: match[2]! } : null;
}
