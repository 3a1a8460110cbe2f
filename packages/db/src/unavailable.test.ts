import { afterAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { databaseUnavailability } from "./unavailable.ts";
import { openTestDatabase } from "./testing.ts";

/** The errors each driver really raises, mapped to why the database cannot serve now. */
const database = await openTestDatabase();
afterAll(() => database.close());

async function errorRaised(sqlState: string): Promise<unknown> {
  try {
    await database.db.execute(sql.raw(`do $$ begin raise exception 'simulated' using errcode = '${sqlState}'; end $$`));
  } catch (error) {
    return error;
  }
  throw new Error("no error raised");
}

test.each([
  ["53100", "disk_full"], // disk_full
  ["53000", "out_of_resources"], // insufficient_resources
  ["53200", "out_of_resources"], // out_of_memory
  ["57P01", "unreachable"], // admin_shutdown
  ["23505", undefined], // unique_violation: a bug or a conflict, not unavailability
  ["22P02", undefined], // invalid_text_representation
])("SQLSTATE %s raised by the database maps to %p", async (sqlState, expected) => {
  expect(databaseUnavailability(await errorRaised(sqlState))).toBe(expected as never);
});

test("errors without a database behind them", () => {
  expect(databaseUnavailability(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe("unreachable");
  expect(databaseUnavailability(new Error('could not write to file "pg_wal/xlogtemp.42": No space left on device'))).toBe("disk_full");
  expect(databaseUnavailability(new TypeError("x is undefined"))).toBeUndefined();
});
