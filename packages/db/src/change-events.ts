import { sql } from "drizzle-orm";
import { announcerOf } from "./announce.ts";
import { CHANGES_CHANNEL, type Database, type Executor } from "./database.ts";

export interface ChangeInput {
  entity: "client" | "order" | "message";
  entityId: string;
  action: "created" | "updated" | "deleted";
  clientId?: string | null;
}

/**
 * Appends changes to the feed and announces them with NOTIFY, in one round trip. Call it inside
 * the writing transaction: PostgreSQL delivers the notification only if, and when, it commits.
 */
export async function recordChanges(tx: Executor, changes: ChangeInput[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = sql.join(
    changes.map((change) => sql`(${change.entity}, ${change.entityId}, ${change.action}, ${change.clientId ?? null})`),
    sql`, `,
  );
  await tx.execute(sql`
    with inserted as (
      insert into change_events (entity, entity_id, action, client_id) values ${rows} returning id
    )
    select pg_notify(${CHANGES_CHANNEL}, max(id)::text) from inserted`);
}

/**
 * Tells listeners that changes were committed, after the commit. Calls made while one NOTIFY is
 * on its way share the next one, so a burst of writers sends a handful of notifications. The
 * change feed reads the table itself (and polls), so the payload is empty.
 */
export function announceChanges(db: Database): Promise<void> {
  return announcerOf(db, CHANGES_CHANNEL, () => sql`select pg_notify(${CHANGES_CHANNEL}, '')`).announce();
}

/** The channel that wakes job runners when work is scheduled. */
export const JOBS_CHANNEL = "confirma_jobs";

/** The channel that wakes outbound webhook dispatchers: the outbox triggers (migration 0012) notify it. */
export const OUTBOUND_WEBHOOKS_CHANNEL = "confirma_outbound_webhooks";
