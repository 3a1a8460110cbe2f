import { afterAll, beforeAll, expect, test } from "bun:test";
import { clients, compactCounters, orders, statCounters, statusChanges, type Database } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { and, count, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { createClient, deleteClient } from "../clients/client-service.ts";
import { BUILT_IN_CONFIRMATION } from "../confirmation/confirmation-settings.ts";
import type { Actor } from "../actor.ts";
import type { Services } from "../context.ts";
import { changeOrderStatus, createOrder } from "../orders/order-service.ts";
import { overview } from "./stats-service.ts";

const actor: Actor = { type: "system", id: "test" };
let handle: Awaited<ReturnType<typeof openTestDatabase>>;
let services: Services;
let db: Database;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  services = { db, settings: { defaultCountry: "FR", defaultCurrency: "EUR", confirmation: { ...BUILT_IN_CONFIRMATION, enabled: false } } };
});
afterAll(async () => handle.close());

/** What the overview must say, counted from the tables themselves. */
async function truth(days: number, zone: string) {
  const since = sql`((date_trunc('day', now() at time zone ${zone}) - make_interval(days => ${days - 1})) at time zone ${zone})`;
  const day = (column: typeof orders.createdAt | typeof statusChanges.createdAt) => sql<string>`to_char(${column} at time zone ${zone}, 'YYYY-MM-DD')`;
  const [byStatus, byClientStatus, created, decided] = await Promise.all([
    db.select({ status: orders.status, n: count() }).from(orders).groupBy(orders.status),
    db.select({ status: clients.status, n: count() }).from(clients).groupBy(clients.status),
    db
      .select({ day: day(orders.createdAt), n: count() })
      .from(orders)
      .where(gte(orders.createdAt, since))
      .groupBy(sql`1`),
    db
      .select({ day: day(statusChanges.createdAt), status: statusChanges.toStatus, n: count() })
      .from(statusChanges)
      .where(and(eq(statusChanges.entity, "order"), gte(statusChanges.createdAt, since), inArray(statusChanges.toStatus, ["confirmed", "cancelled"])))
      .groupBy(sql`1`, statusChanges.toStatus),
  ]);
  return {
    ordersByStatus: Object.fromEntries(byStatus.map((row) => [row.status, row.n])),
    clientsByStatus: Object.fromEntries(byClientStatus.map((row) => [row.status, row.n])),
    created: Object.fromEntries(created.map((row) => [row.day, row.n])),
    decided: Object.fromEntries(decided.map((row) => [`${row.day} ${row.status}`, row.n])),
  };
}

async function expectOverviewToMatch(days: number, zone: string) {
  const [seen, expected] = await Promise.all([overview(services, { days, timeZone: zone }), truth(days, zone)]);
  const nonZero = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).filter(([, n]) => n !== 0));
  expect(nonZero(seen.ordersByStatus)).toEqual(expected.ordersByStatus);
  expect(nonZero(seen.clientsByStatus)).toEqual(expected.clientsByStatus);
  expect(Object.fromEntries(seen.series.filter((entry) => entry.created).map((entry) => [entry.day, entry.created]))).toEqual(expected.created);
  const decided: Record<string, number> = {};
  for (const entry of seen.series) {
    if (entry.confirmed) decided[`${entry.day} confirmed`] = entry.confirmed;
    if (entry.cancelled) decided[`${entry.day} cancelled`] = entry.cancelled;
  }
  expect(decided).toEqual(expected.decided);
}

test("the overview's counters follow every write: creations, status changes, cascaded deletes, concurrent writers", async () => {
  const made = await Promise.all(
    Array.from({ length: 12 }, (_, index) => createClient(services, { phoneNumber: `+3361200${String(index).padStart(4, "0")}` }, actor)),
  );
  const created = await Promise.all(
    made.flatMap(({ client }) =>
      [1, 2].map(() => createOrder(services, { clientId: client.id, products: [{ id: "p", name: "Robe", price: 10, quantity: 1 }] }, actor)),
    ),
  );
  await Promise.all(created.slice(0, 8).map((order) => changeOrderStatus(services, order.id, "confirmed", actor)));
  await Promise.all(created.slice(8, 12).map((order) => changeOrderStatus(services, order.id, "cancelled", actor)));
  await changeOrderStatus(services, created[0]!.id, "shipped", actor);
  await expectOverviewToMatch(14, "Europe/Paris");

  // A client deleted with its (closed) orders takes them out of the counts.
  const gone = made[11]!.client;
  for (const order of created.filter((order) => order.clientId === gone.id)) {
    if (order.status === "pending") await changeOrderStatus(services, order.id, "cancelled", actor);
  }
  await deleteClient(services, gone.id);
  await expectOverviewToMatch(14, "Europe/Paris");

  // Statements that write many rows at once count each row.
  await db
    .insert(orders)
    .values(made.slice(0, 5).map(({ client }) => ({ clientId: client.id, currency: "EUR", totalMinor: 500, status: "no_answer" as const })));
  await db.update(orders).set({ status: "pending" }).where(eq(orders.status, "no_answer"));
  await db.update(orders).set({ needsReview: true }).where(eq(orders.status, "pending"));
  await db
    .update(clients)
    .set({ status: "confirmed" })
    .where(
      inArray(
        clients.id,
        made.slice(0, 4).map(({ client }) => client.id),
      ),
    );
  await expectOverviewToMatch(14, "Europe/Paris");

  await compactCounters(db);
  const [spread] = await db.select({ n: count() }).from(statCounters).where(ne(statCounters.slot, 0));
  expect(spread?.n).toBe(0);
  await expectOverviewToMatch(14, "Europe/Paris");
});

test("days are counted in the asked time zone, quarter-hour offsets included", async () => {
  const { client } = await createClient(services, { phoneNumber: "+33612999999" }, actor);
  // Orders around midnight in several zones over the last days, written as if made then.
  const now = Date.now();
  const instants = Array.from({ length: 40 }, (_, index) => new Date(now - index * 3.37 * 3_600_000));
  for (const at of instants) {
    await db.insert(orders).values({ clientId: client.id, currency: "EUR", totalMinor: 100, createdAt: at });
  }
  for (const zone of ["UTC", "Europe/Paris", "Africa/Casablanca", "Asia/Kathmandu", "America/Sao_Paulo", "Pacific/Chatham"]) {
    await expectOverviewToMatch(7, zone);
  }
  await compactCounters(db);
  await expectOverviewToMatch(7, "Asia/Kathmandu");
});
