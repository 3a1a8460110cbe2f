import { createHash, createHmac } from "node:crypto";
import { safeEqual, safeEqualHex } from "./provider-utils.ts";

/**
 * Twilio's `X-Twilio-Signature`: base64(HMAC-SHA1(auth token, full URL + each POST parameter's
 * name and value, sorted by name, no separators)). A parameter that repeats contributes each of
 * its values, sorted. For JSON bodies Twilio instead adds `bodySHA256` to the URL's query and
 * signs the URL alone.
 */
export function twilioSignatureBase(url: string, params: readonly (readonly [string, string])[]): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) {
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }
  let base = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of (byName.get(name) ?? []).sort()) base += name + value;
  }
  return base;
}

export function computeTwilioSignature(authToken: string, url: string, params: readonly (readonly [string, string])[]): string {
  return createHmac("sha1", authToken).update(twilioSignatureBase(url, params), "utf8").digest("base64");
}

/**
 * The URL as Twilio may have signed it: as given, and with the default port removed or added
 * (Twilio's own helpers accept both, since proxies disagree about it).
 */
export function twilioUrlVariants(url: string): string[] {
  const variants = [url];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return variants;
  }
  const defaultPort = parsed.protocol === "https:" ? "443" : parsed.protocol === "http:" ? "80" : undefined;
  if (defaultPort === undefined) return variants;
  const authority = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url);
  if (!authority) return variants;
  const [, scheme = "", host = "", rest = ""] = authority;
  const hostWithoutPort = host.replace(/:\d+$/, "");
  const withPort = `${scheme}${hostWithoutPort}:${parsed.port || defaultPort}${rest}`;
  const withoutPort = parsed.port === "" || parsed.port === defaultPort ? `${scheme}${hostWithoutPort}${rest}` : url;
  for (const variant of [withoutPort, withPort]) if (!variants.includes(variant)) variants.push(variant);
  return variants;
}

/** Form parameters of a raw `application/x-www-form-urlencoded` body, in order, repeats kept. */
export function formParams(rawBody: Uint8Array): [string, string][] {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(rawBody);
  return [...new URLSearchParams(text).entries()];
}

/** True when `signature` matches the request, trying each URL variant; constant time per comparison. */
export function isValidTwilioSignature(authToken: string, signature: string, url: string, rawBody: Uint8Array): boolean {
  let bodyHash: string | null = null;
  try {
    bodyHash = new URL(url).searchParams.get("bodySHA256");
  } catch {
    bodyHash = null;
  }
  let matched = false;
  for (const candidate of twilioUrlVariants(url)) {
    const expected = bodyHash !== null ? computeTwilioSignature(authToken, candidate, []) : computeTwilioSignature(authToken, candidate, formParams(rawBody));
    // Evaluate every candidate so timing does not reveal which one matched.
    if (safeEqual(expected, signature.trim())) matched = true;
  }
  if (!matched) return false;
  if (bodyHash === null) return true;
  return safeEqualHex(createHash("sha256").update(rawBody).digest("hex"), bodyHash);
}
