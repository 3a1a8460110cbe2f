import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp` (Unix
 * seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with
 * the bytes of a `whsec_<base64>` secret. Confirma signs its outbound webhooks this way and
 * verifies `custom` stores the same way, so one secret format serves both directions.
 */

const SECRET_PREFIX = "whsec_";
/** How far a delivery's timestamp may be from our clock: the specification's replay window. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** A new secret: 24 random bytes, base64, with the `whsec_` prefix. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString("base64");
}

/** The key bytes of a secret (`whsec_` + base64); a secret without the prefix is taken as base64 too. */
function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** `v1,<base64>` for one message. `body` is the exact bytes sent. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string | Uint8Array): string {
  const hmac = createHmac("sha256", secretKey(secret));
  hmac.update(`${id}.${timestampSeconds}.`);
  hmac.update(body);
  return `v1,${hmac.digest("base64")}`;
}

export type WebhookVerdict = { ok: true; id: string; timestamp: number } | { ok: false; reason: "missing" | "stale" | "mismatch" };

/**
 * Checks the three headers against the raw body. The signature header may carry several
 * space-separated signatures (during a secret rotation); one valid `v1` is enough.
 */
export function verifyWebhook(secret: string, headers: Headers, rawBody: Uint8Array, nowSeconds = Math.floor(Date.now() / 1000)): WebhookVerdict {
  const id = headers.get("webhook-id");
  const timestampText = headers.get("webhook-timestamp");
  const signatures = headers.get("webhook-signature");
  if (!id || !timestampText || !signatures) return { ok: false, reason: "missing" };
  const timestamp = Number(timestampText);
  if (!/^\d{1,12}$/.test(timestampText) || Math.abs(nowSeconds - timestamp) > TIMESTAMP_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const expected = Buffer.from(signWebhook(secret, id, timestamp, rawBody).slice(3), "base64");
  for (const candidate of signatures.split(" ")) {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value, "base64");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, id, timestamp };
  }
  return { ok: false, reason: "mismatch" };
}
