import { createHash, timingSafeEqual } from "node:crypto";
import type { Actor } from "@confirma/api";

/** Reads the key from `x-api-key` or `Authorization: Bearer …`. */
export function presentedKey(headers: Headers): string | undefined {
  const header = headers.get("x-api-key");
  if (header) return header.trim();
  const authorization = headers.get("authorization");
  const match = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  return match?.[1]?.trim();
}

/** Compares secrets in constant time (over their digests, so lengths leak nothing either). */
export function secretsEqual(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The integration actor, recorded in the audit trail by a fingerprint, never by the key. */
export function integrationActor(key: string): Actor {
  return { type: "api_key", id: `key:${createHash("sha256").update(key).digest("hex").slice(0, 12)}` };
}

/** The actor behind a request's key, or null when it brings no valid key. */
export function authenticateKey(headers: Headers, expected: string): Actor | null {
  const key = presentedKey(headers);
  return key !== undefined && secretsEqual(key, expected) ? integrationActor(expected) : null;
}
