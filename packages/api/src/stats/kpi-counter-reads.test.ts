import { afterAll, beforeAll, expect, test } from "bun:test";
import { clients, compactCounters, orders, rowsOf, type Database } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { eq, inArray, sql } from "drizzle-orm";
import { countedRows, periodRuns } from "./kpi-counter-reads.ts";

// The hourly counters against the 15-minute ones after every kind of write, and the reads that mix
// them against direct counts, for ranges that start and end anywhere on the 15-minute grid.
const BASE = Date.parse("2026-03-01T00:00:00Z");
const QUARTER = 15 * 60_000;

let handle: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await db.insert(clients).values([
    { id: "c1", phoneNumber: "+212600000001" },
    { id: "c2", phoneNumber: "+212600000002" },
  ]);
  // 300 orders, one every 7 minutes 13 seconds: every quarter of ~36 hours has some.
  const rows = Array.from({ length: 300 }, (_, n) => ({
    id: `o-${n}`,
    clientId: n % 3 === 0 ? "c2" : "c1",
    status: (["pending", "confirmed", "delivered"] as const)[n % 3],
    currency: n % 2 ? "EUR" : "MAD",
    totalMinor: 100 + n,
    createdAt: new Date(BASE + n * 433_000),
  }));
  await db.insert(orders).values(rows);
  await db
    .update(orders)
    .set({ status: "cancelled" })
    .where(inArray(orders.id, ["o-1", "o-2", "o-50"]));
  // Moved to another hour, and to another bucket of the same hour.
  await db
    .update(orders)
    .set({ createdAt: new Date(BASE + 5 * 3_600_000 + 60_000) })
    .where(eq(orders.id, "o-10"));
  await db
    .update(orders)
    .set({ createdAt: sql`${orders.createdAt} + interval '15 minutes'` })
    .where(eq(orders.id, "o-20"));
  await db.update(orders).set({ totalMinor: 999_999, currency: "XOF" }).where(eq(orders.id, "o-30"));
  await db.delete(orders).where(eq(orders.id, "o-40"));
  await db.delete(clients).where(eq(clients.id, "c2")); // a third of the orders leave by cascade
}, 60_000);
afterAll(async () => handle.close());

async function hourlyMismatches(): Promise<unknown[]> {
  return rowsOf(
    await db.execute(sql`
      select * from (
        select kpi_hour(bucket) as hour, store_id, status, currency, sum(orders) as orders, sum(amount_minor) as amount from kpi_counters group by 1, 2, 3, 4
      ) as quarters full join (
        select bucket as hour, store_id, status, currency, sum(orders) as orders, sum(amount_minor) as amount from kpi_hourly_counters group by 1, 2, 3, 4
      ) as hours using (hour, store_id, status, currency)
      where quarters.orders is distinct from hours.orders and (coalesce(quarters.orders, 0) <> 0 or coalesce(hours.orders, 0) <> 0)
         or quarters.amount is distinct from hours.amount and (coalesce(quarters.amount, 0) <> 0 or coalesce(hours.amount, 0) <> 0)`),
  );
}

test("each hour's counters are the sum of its four 15-minute buckets, before and after folding the slots", async () => {
  expect(await hourlyMismatches()).toEqual([]);
  await compactCounters(db);
  expect(await hourlyMismatches()).toEqual([]);
});

test("a range read from whole hours and edge buckets counts exactly the orders created in it", async () => {
  // Starts and ends on and off the hour, shorter than an hour, and across the middle of the data.
  const ranges = [
    [0, 4],
    [1, 3],
    [3, 9],
    [2, 2 + 4 * 24],
    [5, 137],
    [6, 7],
    [8, 8 + 4 * 6],
  ];
  for (const [from, to] of ranges as [number, number][]) {
    const start = new Date(BASE + from * QUARTER);
    const middle = new Date(BASE + Math.floor((from + to) / 2) * QUARTER);
    const end = new Date(BASE + to * QUARTER);
    const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
    const seen = await countedRows(db, periodRuns({ start: at(middle), end: at(end) }, { start: at(start), end: at(middle) }));
    const truth = rowsOf<{ key: string; status: string; currency: string; orders: string | number; amount: string }>(
      await db.execute(sql`
        select case when created_at >= ${at(middle)} then 'current' else 'previous' end as key, status, currency, count(*) as orders, sum(total_minor)::text as amount
        from orders where created_at >= ${at(start)} and created_at < ${at(end)} group by 1, 2, 3`),
    );
    const sorted = <T extends { key: string; status: string; currency: string }>(list: T[]) =>
      [...list].sort((a, b) => `${a.key}${a.status}${a.currency}`.localeCompare(`${b.key}${b.status}${b.currency}`));
    expect(
      sorted(seen.filter((row) => row.orders !== 0)).map(({ key, status, currency, orders, amountMinor }) => ({ key, status, currency, orders, amountMinor })),
    ).toEqual(sorted(truth).map(({ key, status, currency, orders, amount }) => ({ key, status, currency, orders: Number(orders), amountMinor: amount })));
  }
});
