import { expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { openDatabase } from "./database.ts";
import { type ArrayTypesReply, startFakePostgres } from "./fake-postgres.ts";
import { rowsOf } from "./rows-of.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

/**
 * postgres.js fetches the array types on each new connection before running the query that
 * waits for it, and nothing awaits that fetch (porsager/postgres#1192, #1223). When the
 * connection fails at that moment (PostgreSQL stopping or crashing while the pool opens
 * connections), the failure must reach the waiting queries as a connection error, never escape
 * as an unhandled rejection (which can end the server's process), and never be replayed onto a
 * later, healthy connection. `patches/postgres@3.4.9.patch` makes it so.
 *
 * bun test fails the running test on any unhandled rejection, even with a
 * `process.on("unhandledRejection")` listener, so each test ends with a pause that lets a
 * rejection nobody handled surface while the test still runs.
 */
const settle = () => Bun.sleep(100);
const selectOne = sql`select 1 as one`;

/** The project's own postgres.js pool (its reconnect settings), on the fake server, without migrating. */
const openPool = (url: string, poolSize: number) => openDatabase({ databaseUrl: url, poolSize, migrate: false });

test.each<ArrayTypesReply>(["terminate", "close", "reset"])(
  "the server stops at the array-types query (%s): every waiting query fails as unavailable, nothing unhandled",
  async (reply) => {
    const server = await startFakePostgres({ arrayTypes: () => reply, stopListeningOnFailure: true });
    const database = await openPool(server.url, 4);
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => database.db.execute(selectOne)));
      await settle();
      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected");
        expect(isDatabaseUnavailable((outcome as PromiseRejectedResult).reason)).toBe(true);
      }
    } finally {
      await database.close().catch(() => {});
      await server.stop();
    }
  },
);

test.each<ArrayTypesReply>(["terminate", "close"])(
  "a connection ended at the array-types query (%s) reconnects, and the waiting query runs on the new one",
  async (reply) => {
    const server = await startFakePostgres({ arrayTypes: (connection) => (connection === 0 ? reply : "answer") });
    const database = await openPool(server.url, 1);
    try {
      expect(rowsOf(await database.db.execute(selectOne))).toEqual([{ one: 1 }]);
      expect(rowsOf(await database.db.execute(selectOne))).toEqual([{ one: 1 }]);
      await settle();
      expect(server.connections).toBe(2);
    } finally {
      await database.close().catch(() => {});
      await server.stop();
    }
  },
);

test("a connection reset at the array-types query fails its query, and the next query runs on a fresh connection", async () => {
  const server = await startFakePostgres({ arrayTypes: (connection) => (connection === 0 ? "reset" : "answer") });
  const database = await openPool(server.url, 1);
  try {
    const failed = await database.db.execute(selectOne).catch((error: unknown) => error);
    expect(isDatabaseUnavailable(failed)).toBe(true);
    expect(rowsOf(await database.db.execute(selectOne))).toEqual([{ one: 1 }]);
    await settle();
  } finally {
    await database.close().catch(() => {});
    await server.stop();
  }
});
