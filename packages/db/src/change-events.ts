import { sql } from "drizzle-orm";
import { CHANGES_CHANNEL, type Executor } from "./database.ts";
import { changeEvents } from "./schema.ts";

export interface ChangeInput {
  entity: "client" | "order" | "message";
  entityId: string;
  action: "created" | "updated" | "deleted";
  clientId?: string | null;
}

/**
 * Appends changes to the feed and announces them with NOTIFY. Call it inside the writing
 * transaction: PostgreSQL delivers the notification only if, and when, the transaction commits.
 */
export async function recordChanges(tx: Executor, changes: ChangeInput[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = await tx
    .insert(changeEvents)
    .values(changes.map((change) => ({ ...change, clientId: change.clientId ?? null })))
    .returning({ id: changeEvents.id });
  const lastId = rows.at(-1)?.id;
  await tx.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${String(lastId)})`);
}

/** The channel that wakes job runners when work is scheduled. */
export const JOBS_CHANNEL = "confirma_jobs";
