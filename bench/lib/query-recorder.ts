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
  /** Transactions opened since the last call (each is two more round trips: BEGIN, COMMIT). */
  takeTransactions: () => number;
  close: () => Promise<void>;
}

/** Opens a postgres.js connection wrapped by drizzle with a logger that records every statement. */
export function openQueryRecorder(url: string): QueryRecorder {
  let recorded: RecordedQuery[] = [];
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let transactions = 0;
  const begin = sql.begin.bind(sql);
  sql.begin = ((...args: Parameters<typeof begin>) => {
    transactions++;
    return begin(...args);
  }) as typeof sql.begin;
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
    takeTransactions() {
      const taken = transactions;
      transactions = 0;
      return taken;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
