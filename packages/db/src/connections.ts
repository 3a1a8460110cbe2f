import { sql } from "drizzle-orm";
import type { Executor } from "./database.ts";
import { rowsOf } from "./rows-of.ts";

/** Client connections to the current PostgreSQL database other than this one (a running server, a console). */
export async function otherConnections(db: Executor): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    ),
  );
  return row?.n ?? 0;
}
