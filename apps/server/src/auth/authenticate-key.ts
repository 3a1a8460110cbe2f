import { createHash, timingSafeEqual } from "node:crypto";
import type { Actor } from "@confirma/api";
import type { IntegrationKeys } from "../config/integration-key-file.ts";

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

/**
 * The actor behind a request's key, or null when it brings no accepted key: the current one, or
 * one replaced by `confirma rotate-key` still in its grace period (the actor names the key used).
 */
export function authenticateKey(headers: Headers, keys: IntegrationKeys): Actor | null {
  const presented = presentedKey(headers);
  if (presented === undefined) return null;
  // Every accepted key is compared, so the time taken does not tell which one matched.
  let matched: string | undefined;
  for (const key of keys.accepted()) if (secretsEqual(presented, key)) matched ??= key;
  return matched === undefined ? null : integrationActor(matched);
}
