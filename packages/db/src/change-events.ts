import { sql } from "drizzle-orm";
import { CHANGES_CHANNEL, type Executor } from "./database.ts";

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

/** The channel that wakes job runners when work is scheduled. */
export const JOBS_CHANNEL = "confirma_jobs";
