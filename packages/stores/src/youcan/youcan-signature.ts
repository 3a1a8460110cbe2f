import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { SignatureVerdict } from "../types.ts";

/**
 * YouCan's REST hook signature, as documented (https://developer.youcan.shop/store-admin/resthooks/listing):
 * `x-youcan-signature` = hex HMAC-SHA256 of the payload, keyed with the Client Secret of the
 * OAuth app the subscription was made with, and the reference check is PHP:
 *
 *     hash_hmac('sha256', json_encode($payload), $clientSecret)
 *
 * So what is signed is PHP's `json_encode` of the payload (default flags: no whitespace, `/`
 * written `\/`, every non-ASCII character written `\uXXXX`), not whatever bytes reached us. YouCan
 * posts that same encoding as the body, so the raw bytes are checked first; a body that reached
 * us in another encoding of the same JSON (unescaped slashes or unicode, indentation: a proxy or
 * a sender that re-encoded it) is checked in the documented form, rebuilt from its own text.
 * Only the spelling is rebuilt, never the content: key order, duplicate keys and number lexemes
 * (`300` vs `300.0`, an int and a float to PHP) stay as they came, so a body whose content differs
 * from what was signed still fails.
 */

export const SIGNATURE_HEADER = "x-youcan-signature";

/** Hex HMAC-SHA256 of `bytes` with the Client Secret (its UTF-8 bytes, as PHP's `hash_hmac` takes a string key). */
export function youcanSignature(clientSecret: string, bytes: string | Uint8Array): string {
  return createHmac("sha256", clientSecret).update(bytes).digest("hex");
}

/** SHA-256 (hex) of the signed form: the same for a redelivery, whatever spelling it arrived in. */
export function payloadDigest(rawBody: Uint8Array): string {
  return createHash("sha256")
    .update(phpJsonEncode(rawBody) ?? rawBody)
    .digest("hex");
}

/** Checks `x-youcan-signature` on the raw bytes, then on their PHP `json_encode` spelling. */
export function verifyYoucanSignature(clientSecret: string, headers: Headers, rawBody: Uint8Array): SignatureVerdict {
  const header = headers.get(SIGNATURE_HEADER)?.trim();
  if (!header) return "missing";
  if (!/^[0-9a-fA-F]{64}$/.test(header)) return "invalid";
  const given = Buffer.from(header, "hex");
  const matches = (bytes: string | Uint8Array) => timingSafeEqual(given, Buffer.from(youcanSignature(clientSecret, bytes), "hex"));
  if (matches(rawBody)) return "valid";
  const documented = phpJsonEncode(rawBody);
  return documented !== null && matches(documented) ? "valid" : "invalid";
}

/**
 * The text PHP's `json_encode($payload)` (default flags) writes for the JSON `rawBody` holds:
 * whitespace between tokens dropped, strings re-escaped the PHP way, everything else (numbers,
 * key order, literals) copied as written. Null when the body is not JSON in UTF-8.
 *
 * @example phpJsonEncode(utf8(`{ "name": "Café / Thé" }`)) === `{"name":"Caf\\u00e9 \\/ Th\\u00e9"}`
 */
export function phpJsonEncode(rawBody: Uint8Array | string): string | null {
  let text: string;
  try {
    text = typeof rawBody === "string" ? rawBody : new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(rawBody);
    JSON.parse(text);
  } catch {
    return null;
  }
  // The text is valid JSON, so a string token runs from a quote to the next unescaped quote.
  let out = "";
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      let end = index + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      out += phpString(JSON.parse(text.slice(index, end + 1)) as string);
      index = end + 1;
    } else {
      if (char !== " " && char !== "\t" && char !== "\n" && char !== "\r") out += char;
      index++;
    }
  }
  return out;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A string as PHP's json_encode writes it: `\uXXXX` (lower-case hex) for control and non-ASCII UTF-16 units. */
function phpString(value: string): string {
  let out = '"';
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    const code = value.charCodeAt(index);
    const short = SHORT_ESCAPES[char];
    if (short) out += short;
    else if (code < 0x20 || code > 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}
