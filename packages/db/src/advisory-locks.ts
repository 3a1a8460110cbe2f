import { type SQL, sql } from "drizzle-orm";

/**
 * Every PostgreSQL advisory lock key the product takes, in one place, so two features never
 * share a key by accident. All live in the single-bigint key space, as do the identity locks below.
 */
export const ADVISORY_LOCKS = {
  /** Held while one instance migrates the schema; the others wait on it. */
  migrations: 7461737,
  /** Held by the one instance folding the counter slots (`compactCounters`); the others skip. */
  counterCompaction: 7461738,
  /** Serialises the user changes that may leave no active admin. */
  adminChanges: 7461739,
} as const;

/** The key serialising first contacts of one sender identity: `hashtext(identity)`, for `pg_advisory_xact_lock`. */
export function identityLockKey(identity: string): SQL {
  return sql`hashtext(${identity})`;
}

/** The key serialising the deliveries of one store order (a create and an update often arrive together). */
export function storeOrderLockKey(storeId: string, externalId: string): SQL {
  return sql`hashtextextended(${`store-order:${storeId}:${externalId}`}, 0)`;
}

/** The key serialising the new orders of one client, so two orders created at once still see each other as duplicates. */
export function clientOrdersLockKey(clientId: string): SQL {
  return sql`hashtextextended(${`client-orders:${clientId}`}, 0)`;
}
