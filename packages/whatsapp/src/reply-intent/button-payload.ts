import type { ButtonAction } from "./reply-intent-types.ts";

/** WhatsApp's limit for a quick-reply button payload. */
export const MAX_BUTTON_PAYLOAD_LENGTH = 256;
/** Longest order id we put in a payload (a UUIDv7 is 36 characters); keeps the payload well under the limit. */
export const MAX_ORDER_ID_LENGTH = 128;

const PREFIX = "confirma";
const ORDER_ID_CHARS = `[A-Za-z0-9_-]{1,${MAX_ORDER_ID_LENGTH}}`;
const ORDER_ID = new RegExp(`^${ORDER_ID_CHARS}$`, "u");
const PAYLOAD = new RegExp(`^${PREFIX}:(confirm|cancel):(?:(${ORDER_ID_CHARS})|request:(${ORDER_ID_CHARS}))$`, "u");

/** True when the payload claims to be ours (starts with our prefix), valid or not. */
export function looksLikeOurButtonPayload(payload: string): boolean {
  return payload.startsWith(`${PREFIX}:`);
}

/**
 * Encodes a button action as `confirma:<intent>:<orderId>` for one order, or
 * `confirma:<intent>:request:<messageId>` for every order the request message `messageId` asked
 * about ("Tout confirmer"). At most 153 characters.
 * @throws RangeError when the intent is not confirm/cancel or the id is not 1–128
 * characters of `[A-Za-z0-9_-]` (UUIDs, ULIDs, nanoids and numeric ids all fit).
 */
export function encodeButtonPayload(action: ButtonAction): string {
  if (action.intent !== "confirm" && action.intent !== "cancel") {
    throw new RangeError(`Unknown button intent: ${String(action.intent)}`);
  }
  const id = action.orderId ?? action.requestId;
  if ((action.orderId === undefined) === (action.requestId === undefined) || typeof id !== "string" || !ORDER_ID.test(id)) {
    throw new RangeError("Exactly one order or request id of 1-128 characters of [A-Za-z0-9_-]");
  }
  return action.orderId !== undefined ? `${PREFIX}:${action.intent}:${id}` : `${PREFIX}:${action.intent}:request:${id}`;
}

/**
 * Decodes a payload made by `encodeButtonPayload`. Strict: exact prefix, lower-case intent,
 * no surrounding whitespace; anything else (other apps' payloads, tampered ids) is null.
 */
export function decodeButtonPayload(payload: string): ButtonAction | null {
  if (typeof payload !== "string" || payload.length > MAX_BUTTON_PAYLOAD_LENGTH) return null;
  const match = PAYLOAD.exec(payload);
  const intent = match?.[1];
  const orderId = match?.[2];
  const requestId = match?.[3];
  if (intent !== "confirm" && intent !== "cancel") return null;
  if (orderId !== undefined) return { intent, orderId };
  return requestId !== undefined ? { intent, requestId } : null;
}
