import { afterAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { openTestDatabase } from "./testing.ts";
import { isUnstorableText } from "./unstorable-text.ts";

const database = await openTestDatabase();
afterAll(() => database.close());

const failureOf = (query: Promise<unknown>) =>
  query.then(
    () => undefined,
    (error: unknown) => error,
  );

test("a NUL in text and a \\u0000 in JSON are recognised as unstorable text, on this database", async () => {
  expect(isUnstorableText(await failureOf(database.db.execute(sql`select ${"a\u0000b"}::text`)))).toBe(true);
  expect(isUnstorableText(await failureOf(database.db.execute(sql`select ${'{"a":"\\u0000"}'}::jsonb ->> 'a'`)))).toBe(true);
});

test("other failures are not", async () => {
  expect(isUnstorableText(await failureOf(database.db.execute(sql`select 1 / 0`)))).toBe(false);
  expect(isUnstorableText(new Error("invalid byte sequence"))).toBe(false);
});
