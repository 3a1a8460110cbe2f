import type { Database } from "@confirma/db";
import * as schema from "@confirma/db/schema";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

export interface RecordedQuery {
  sql: string;
  params: unknown[];
}

export interface QueryRecorder {
  /** A database whose every statement is recorded (drizzle's logger), for the real services. */
  db: Database;
  sql: postgres.Sql;
  /** The statements recorded since the last `take()`. */
  take: () => RecordedQuery[];
  close: () => Promise<void>;
}

/** Opens a postgres.js connection wrapped by drizzle with a logger that records every statement. */
export function openQueryRecorder(url: string): QueryRecorder {
  let recorded: RecordedQuery[] = [];
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const db = drizzle({
    client: sql,
    schema,
    logger: { logQuery: (query, params) => void recorded.push({ sql: query, params }) },
  }) as unknown as Database;
  return {
    db,
    sql,
    take() {
      const taken = recorded;
      recorded = [];
      return taken;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
