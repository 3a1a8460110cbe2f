import { timingSafeEqual } from "node:crypto";
import type { IgnoredEvent, InboundMessageType, ParseResult, ProviderName } from "./types.ts";

/** Shared, dependency-free helpers for the provider adapters. Nothing here trusts its input. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The record at `value[key]`, or undefined. */
export function recordAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const inner = value[key];
  return isRecord(inner) ? inner : undefined;
}

/** `table[key]` when `key` is the table's own key (never something inherited like `constructor`). */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** A string field, or undefined for anything else. */
export function stringAt(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const inner = value[key];
  return typeof inner === "string" ? inner : undefined;
}

/** A string field that is not blank, trimmed. */
export function textAt(value: unknown, key: string): string | undefined {
  const text = stringAt(value, key)?.trim();
  return text ? text : undefined;
}

const MAX_ID_LENGTH = 512;

/**
 * Reads an opaque provider id. Strings are kept, trimmed (non-blank, at most 512 characters, no
 * control characters);
 * finite integers are accepted and turned into their decimal string, because a few gateways
 * send numeric ids. Anything else gives undefined.
 */
export function idOf(value: unknown): string | undefined {
  if (typeof value === "string") {
    const id = value.trim();
    return id !== "" && id.length <= MAX_ID_LENGTH && !/[\u0000-\u001f\u007f]/.test(id) ? id : undefined;
  }
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** A coordinate from a number or a numeric string; undefined when it is not a finite number in range. */
export function coordinateOf(value: unknown, limit: number): number | undefined {
  let number: number | undefined;
  if (typeof value === "number") number = value;
  else if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) number = Number(value);
  if (number === undefined || !Number.isFinite(number) || Math.abs(number) > limit) return undefined;
  return number;
}

/** The first element that is a record, for arrays like Meta's `errors`. */
export function firstRecord(value: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.find(isRecord);
}

/** Message type from a MIME type, for providers that only tell the content type of a file. */
export function typeFromMime(mimeType: string | undefined): InboundMessageType {
  const mime = (mimeType ?? "").toLowerCase();
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("audio/")) return "audio";
  if (mime.startsWith("video/")) return "video";
  return "document";
}

export function ignored(provider: ProviderName, reason: string, messageId?: string): IgnoredEvent {
  return { kind: "ignored", provider, reason, ...(messageId !== undefined ? { messageId } : {}) };
}

export function invalid(message: string): ParseResult {
  return { ok: false, code: "invalid_payload", message };
}

/** Constant-time comparison of two strings (different lengths compare unequal without leaking more). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) {
    // Still spend the same work so the length check is not the only branch taken.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** Constant-time comparison of two hex digests, case-insensitive; false for anything not hex. */
export function safeEqualHex(expectedHex: string, receivedHex: string): boolean {
  const received = receivedHex.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(received) || received.length !== expectedHex.length) return false;
  return timingSafeEqual(Buffer.from(expectedHex.toLowerCase(), "hex"), Buffer.from(received, "hex"));
}

/** The JSON reply the JSON-posting gateways get once a delivery is stored. */
export const JSON_SUCCESS_REPLY = { status: 200, contentType: "application/json", body: '{"success":true}' } as const;
