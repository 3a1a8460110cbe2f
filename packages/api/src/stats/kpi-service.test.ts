import { afterAll, beforeAll, expect, test } from "bun:test";
import { callOutcomes, clients, compactCounters, orderItems, orders, statusChanges, stores, users, type Database } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { CALL_OUTCOMES, KPI_BREAKDOWNS, minorUnitsToDecimalString, type KpiBreakdown, type KpiPeriod } from "@confirma/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import { BUILT_IN_CONFIRMATION } from "../confirmation/confirmation-settings.ts";
import type { Services } from "../context.ts";
import { resolvePeriods, type LocalDays } from "./kpi-period.ts";
import { kpis, localMidnight, type PeriodFigures } from "./kpi-service.ts";

// Figures checked against counts made directly from the tables, for every period and breakdown,
// in zones with whole, half and three-quarter hour offsets (and a DST change inside the periods).
const NOW = new Date("2026-03-30T10:20:00Z");
const ZONES = ["UTC", "Europe/Paris", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham"];
const PERIODS: KpiPeriod[] = ["today", "yesterday", "7d", "30d", "90d", "custom"];
const CUSTOM = { from: "2026-03-20", to: "2026-03-29" }; // Paris changes to summer time on 29 March
const STATUSES = ["pending", "confirmed", "cancelled", "no_answer", "shipped", "delivered", "returned"] as const;
const CURRENCIES = ["EUR", "MAD", "XOF", "TND"];
const CITIES = ["Casablanca", "casablanca ", "Rabat", "Paris", null];

let handle: Awaited<ReturnType<typeof openTestDatabase>>;
let services: Services;
let db: Database;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  services = { db, now: () => NOW, settings: { defaultCountry: "FR", defaultCurrency: "EUR", confirmation: { ...BUILT_IN_CONFIRMATION, enabled: false } } };
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  await db.insert(stores).values([
    { id: "store-a", platform: "custom", name: "Boutique A", webhookSecret: "a" },
    { id: "store-b", platform: "custom", name: "Boutique B", webhookSecret: "b" },
    { id: "store-c", platform: "custom", name: "Boutique C", webhookSecret: "c" },
  ]);
  await db.insert(users).values([
    { id: "agent-1", email: "amina@example.test", name: "Amina", passwordHash: "x" },
    { id: "agent-2", email: "youssef@example.test", passwordHash: "x" },
  ]);
  await db.insert(clients).values(Array.from({ length: 40 }, (_, n) => ({ id: `client-${n}`, phoneNumber: `+2126000000${String(n).padStart(2, "0")}` })));
  const orderRows = Array.from({ length: 700 }, (_, n) => {
    // Mostly the last 200 days, a few near the edges of the periods.
    const ageMs = n % 10 === 0 ? Math.floor(next() * 3) * 86_400_000 + (next() - 0.5) * 3_600_000 : next() * 200 * 86_400_000;
    const currency = pick(CURRENCIES);
    return {
      id: `order-${String(n).padStart(4, "0")}`,
      clientId: `client-${n % 40}`,
      status: "pending" as const,
      currency,
      totalMinor: Math.floor(next() * 5_000_000),
      storeId: pick(["store-a", "store-b", "store-c", null]),
      shippingAddress: pick(CITIES) === null ? null : { city: pick(CITIES), region: "R" },
      createdAt: new Date(NOW.getTime() - ageMs),
    };
  });
  for (let start = 0; start < orderRows.length; start += 200) await db.insert(orders).values(orderRows.slice(start, start + 200));
  await db.insert(orderItems).values(
    orderRows.flatMap((order) =>
      Array.from({ length: 1 + Math.floor(next() * 3) }, (_, position) => ({
        orderId: order.id,
        position,
        productId: pick(["p-1", "p-2", "p-3", "p-4"]),
        name: "Produit",
        unitPriceMinor: Math.floor(next() * 10_000),
        quantity: 1 + Math.floor(next() * 3),
      })),
    ),
  );
  // Move the orders on, one statement per target status (as bulk writers do), then a few one by one.
  const targets = new Map<string, string[]>();
  for (const order of orderRows) {
    const status = pick(STATUSES);
    targets.set(status, [...(targets.get(status) ?? []), order.id]);
  }
  for (const [status, ids] of targets) {
    await db
      .update(orders)
      .set({ status: status as (typeof STATUSES)[number] })
      .where(inArray(orders.id, ids));
    if (["confirmed", "shipped", "delivered", "returned"].includes(status)) {
      await db.insert(statusChanges).values(
        ids.map((id, n) => ({
          entity: "order" as const,
          entityId: id,
          toStatus: "confirmed",
          actorType: "system" as const,
          createdAt: sql`(select created_at from orders where id = ${id}) + make_interval(secs => ${60 + ((n * 7919) % 90_000)})`,
        })) as never,
      );
    }
  }
  await db.update(orders).set({ status: "cancelled" }).where(eq(orders.id, "order-0003"));
  await db.update(orders).set({ storeId: "store-b", currency: "EUR", totalMinor: 12_345 }).where(eq(orders.id, "order-0005"));
  await db.delete(stores).where(eq(stores.id, "store-c")); // its orders keep counting, under no store
  await db.delete(clients).where(eq(clients.id, "client-7")); // its orders leave the counts
  await db.insert(callOutcomes).values(
    orderRows
      .filter((order) => order.clientId !== "client-7")
      .slice(0, 300)
      .map((order, n) => ({
        orderId: order.id,
        userId: pick(["agent-1", "agent-2", null]),
        outcome: pick(CALL_OUTCOMES),
        createdAt: new Date(NOW.getTime() - next() * 120 * 86_400_000 - n),
      })),
  );
  await compactCounters(db);
}, 120_000);
afterAll(async () => handle.close());

type Comparable = Pick<PeriodFigures, "received" | "confirmed" | "cancelled" | "noAnswer" | "pending" | "delivered" | "returned" | "revenue">;

function comparable(figures: Comparable) {
  const { received, confirmed, cancelled, noAnswer, pending, delivered, returned, revenue } = figures;
  return { received, confirmed, cancelled, noAnswer, pending, delivered, returned, revenue };
}

/** Counts straight from the tables, grouped by `key` (an SQL expression over `orders` / `order_items`). */
async function truthRows(zone: string, days: LocalDays, key: ReturnType<typeof sql>, withItems = false) {
  const start = localMidnight(days.from, zone);
  const end = sql`(${localMidnight(days.to, zone)} + interval '1 day')`;
  const amount = withItems ? sql`${orderItems.unitPriceMinor} * ${orderItems.quantity}` : sql`${orders.totalMinor}`;
  const n = withItems ? sql`count(distinct ${orders.id})` : sql`count(*)`;
  const filtered = (statuses: string[]) => sql`${n} filter (where ${orders.status} in ${statuses})`;
  const base = db
    .select({
      key: sql<string>`${key}`,
      currency: orders.currency,
      received: sql<number>`${n}`.mapWith(Number),
      confirmed: filtered(["confirmed", "shipped", "delivered", "returned"]).mapWith(Number),
      cancelled: filtered(["cancelled"]).mapWith(Number),
      noAnswer: filtered(["no_answer"]).mapWith(Number),
      pending: filtered(["pending"]).mapWith(Number),
      delivered: filtered(["delivered"]).mapWith(Number),
      returned: filtered(["returned"]).mapWith(Number),
      confirmedMinor: sql<string>`coalesce(sum(${amount}) filter (where ${orders.status} in ('confirmed', 'shipped', 'delivered', 'returned')), 0)::text`,
      deliveredMinor: sql<string>`coalesce(sum(${amount}) filter (where ${orders.status} = 'delivered'), 0)::text`,
    })
    .from(orders);
  const joined = withItems ? base.innerJoin(orderItems, eq(orderItems.orderId, orders.id)) : base;
  const rows = await joined.where(and(sql`${orders.createdAt} >= ${start}`, sql`${orders.createdAt} < ${end}`)).groupBy(sql`1`, orders.currency);
  const byKey = new Map<string, Comparable>();
  for (const row of rows) {
    // An order counts once per product however many currencies… (one currency per order, so sums add up).
    const entry = byKey.get(row.key) ?? { received: 0, confirmed: 0, cancelled: 0, noAnswer: 0, pending: 0, delivered: 0, returned: 0, revenue: [] };
    for (const field of ["received", "confirmed", "cancelled", "noAnswer", "pending", "delivered", "returned"] as const) entry[field] += row[field];
    if (row.confirmedMinor !== "0" || row.deliveredMinor !== "0") {
      entry.revenue.push({
        currency: row.currency,
        confirmed: minorUnitsToDecimalString(row.confirmedMinor, row.currency),
        delivered: minorUnitsToDecimalString(row.deliveredMinor, row.currency),
      });
    }
    byKey.set(row.key, entry);
  }
  for (const entry of byKey.values()) entry.revenue.sort((a, b) => a.currency.localeCompare(b.currency));
  return byKey;
}

async function truthMedian(zone: string, days: LocalDays): Promise<number | null> {
  const start = localMidnight(days.from, zone);
  const end = sql`(${localMidnight(days.to, zone)} + interval '1 day')`;
  const [row] = await db
    .execute<{ median: string | number | null }>(sql`
    select percentile_cont(0.5) within group (order by extract(epoch from first.at - o.created_at)) as median
    from orders o join (select entity_id, min(created_at) as at from status_changes where entity = 'order' and to_status = 'confirmed' group by entity_id) first
      on first.entity_id = o.id
    where o.status in ('confirmed', 'shipped', 'delivered', 'returned') and o.created_at >= ${start} and o.created_at < ${end}`)
    .then((result) => (Array.isArray(result) ? result : (result as unknown as { rows: { median: string | number | null }[] }).rows));
  return row?.median === null || row?.median === undefined ? null : Math.round(Number(row.median));
}

const BREAKDOWN_KEYS: Record<Exclude<KpiBreakdown, "agent">, (zone: string) => ReturnType<typeof sql>> = {
  store: () => sql`coalesce(${orders.storeId}, '')`,
  product: () => sql`${orderItems.productId}`,
  city: () => sql`coalesce(lower(btrim(${orders.shippingAddress} ->> 'city')), '')`,
  hour: (zone) => sql`extract(hour from ${orders.createdAt} at time zone ${zone})::int::text`,
  day: (zone) => sql`to_char(${orders.createdAt} at time zone ${zone}, 'YYYY-MM-DD')`,
};

async function expectPeriod(zone: string, period: KpiPeriod) {
  const input = period === "custom" ? { period, ...CUSTOM, tz: zone } : { period, tz: zone };
  const { current, previous } = resolvePeriods(input, NOW, zone);
  const seen = await kpis(services, input);
  expect({ from: seen.from, to: seen.to, tz: seen.tz }).toEqual({ ...current, tz: zone });
  const empty = { received: 0, confirmed: 0, cancelled: 0, noAnswer: 0, pending: 0, delivered: 0, returned: 0, revenue: [] };
  expect(comparable(seen)).toEqual((await truthRows(zone, current, sql`''`)).get("") ?? empty);
  expect(comparable(seen.previous)).toEqual((await truthRows(zone, previous, sql`''`)).get("") ?? empty);
  expect(seen.medianTimeToConfirmSeconds).toBe(await truthMedian(zone, current));
  expect(seen.previous.medianTimeToConfirmSeconds).toBe(await truthMedian(zone, previous));
  if (period === "90d") expect(seen.received).toBeGreaterThan(200);
  if (period === "today") expect(seen.received).toBeGreaterThan(0);
  if (seen.received)
    expect(seen.confirmationRate).toBe(
      seen.confirmed + seen.cancelled + seen.noAnswer ? seen.confirmed / (seen.confirmed + seen.cancelled + seen.noAnswer) : null,
    );
  return { current, seen };
}

for (const zone of ZONES) {
  for (const period of PERIODS) {
    test(`${period} in ${zone}: totals and the previous period match the tables`, async () => {
      await expectPeriod(zone, period);
    }, 60_000);
  }
}

for (const zone of ["Europe/Paris", "Asia/Kathmandu", "America/St_Johns"]) {
  for (const period of PERIODS) {
    for (const by of KPI_BREAKDOWNS) {
      test(`${period} in ${zone} by ${by} matches the tables`, async () => {
        const input = period === "custom" ? { period, ...CUSTOM, tz: zone, by } : { period, tz: zone, by };
        const { current } = resolvePeriods(input, NOW, zone);
        const seen = await kpis(services, input);
        expect(seen.by).toBe(by);
        if (period === "30d") expect(seen.breakdown.length).toBeGreaterThan(1);
        if (by === "agent") {
          const rows = await db
            .select({ key: callOutcomes.userId, outcome: callOutcomes.outcome, n: sql<number>`count(*)`.mapWith(Number) })
            .from(callOutcomes)
            .where(
              and(
                sql`${callOutcomes.createdAt} >= ${localMidnight(current.from, zone)}`,
                sql`${callOutcomes.createdAt} < (${localMidnight(current.to, zone)} + interval '1 day')`,
              ),
            )
            .groupBy(callOutcomes.userId, callOutcomes.outcome);
          const expected: Record<string, Record<string, number>> = {};
          for (const row of rows) (expected[row.key ?? "none"] ??= {})[row.outcome] = row.n;
          const got: Record<string, Record<string, number>> = {};
          for (const row of seen.breakdown as { key: string | null; outcomes: Record<string, number>; calls: number }[]) {
            got[row.key ?? "none"] = Object.fromEntries(Object.entries(row.outcomes).filter(([, n]) => n > 0));
            expect(row.calls).toBe(Object.values(row.outcomes).reduce((a, b) => a + b, 0));
          }
          expect(got).toEqual(expected);
          return;
        }
        const expected = await truthRows(zone, current, BREAKDOWN_KEYS[by](zone), by === "product");
        const got = new Map(
          (seen.breakdown as (Comparable & { key: string | null })[]).filter((row) => row.received > 0).map((row) => [row.key ?? "", comparable(row)]),
        );
        expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
        if (by === "day" || by === "hour") {
          const sum = (seen.breakdown as Comparable[]).reduce((total, row) => total + row.received, 0);
          expect(sum).toBe(seen.received);
        }
      }, 60_000);
    }
  }
}

test("without tz, the days are the shop's (the confirmation settings' zone)", async () => {
  const seen = await kpis(services, { period: "today" });
  expect(seen.tz).toBe(BUILT_IN_CONFIRMATION.timeZone);
});
