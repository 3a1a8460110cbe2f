import { type Executor, queryPrepared, type Database } from "@confirma/db";
import { sql } from "drizzle-orm";

/**
 * Erases a client's media records, when the installation keeps media (a `media` table with a
 * `client_id` column): this is the one place erasure reaches media, so the feature that stores
 * media files plugs its file removal in here. Without such a table it does nothing.
 */
export async function eraseClientMedia(tx: Executor, clientId: string): Promise<number> {
  const [table] = await queryPrepared<{ present: boolean }>(
    tx as Database,
    sql`select exists (select from information_schema.columns
                       where table_schema = current_schema() and table_name = 'media' and column_name = 'client_id') as present`,
  );
  if (!table?.present) return 0;
  const removed = await queryPrepared<{ one: number }>(tx as Database, sql`delete from media where client_id = ${clientId} returning 1 as one`);
  return removed.length;
}
