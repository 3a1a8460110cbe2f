import { afterAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { recordChanges } from "./change-events.ts";
import { advanceTransactionIds, CopyMismatchError, copyDatabase, copyOrder, nextTransactionId, targetProblem, type TableShape } from "./copy-database.ts";
import { rowsOf } from "./rows-of.ts";
import { changeEvents, clients, orderItems, orders, statCounters } from "./schema.ts";
import { openTestDatabase } from "./testing.ts";

/** The copy engine behind `confirma move-to-postgres`, between two fresh databases of the kind under test. */
const source = await openTestDatabase();
const target = await openTestDatabase();
afterAll(async () => {
  await target.close();
  await source.close();
});

const shape = (name: string, references: string[] = []): TableShape => ({ name, columns: ["id"], references });

test("tables are copied parents first; a cycle of foreign keys is refused", () => {
  const ordered = copyOrder([
    shape("order_items", ["orders"]),
    shape("orders", ["clients", "stores"]),
    shape("clients"),
    shape("stores"),
    shape("jobs", ["orders", "messages"]),
    shape("messages", ["clients", "orders"]),
  ]);
  expect(ordered.map((table) => table.name)).toEqual(["clients", "stores", "orders", "messages", "jobs", "order_items"]);
  expect(() => copyOrder([shape("a", ["b"]), shape("b", ["a"])])).toThrow("tables reference each other in a cycle (a → b → a)");
});

test("the transaction counter moves forward to the id asked for, never back", async () => {
  const before = await nextTransactionId(target.db);
  await advanceTransactionIds(target.db, before + 1_500n);
  expect(await nextTransactionId(target.db)).toBeGreaterThanOrEqual(before + 1_500n);
  const now = await nextTransactionId(target.db);
  await advanceTransactionIds(target.db, 10n);
  expect(await nextTransactionId(target.db)).toBe(now);
});

test("every row, counter, sequence and transaction id is copied as it is, and verified", async () => {
  const [client] = await source.db.insert(clients).values({ phoneNumber: "+33612345678", name: "Zoé «l'Ancienne»", status: "confirmed" }).returning();
  const [order] = await source.db.insert(orders).values({ clientId: client!.id, currency: "EUR", totalMinor: 9_007_199_254_740_991 }).returning();
  await source.db.insert(orderItems).values({ orderId: order!.id, position: 0, productId: "p-1", name: "Robe\tfleurie\n", unitPriceMinor: 1, quantity: 3 });
  await source.db.transaction((tx) => recordChanges(tx, [{ entity: "order", entityId: order!.id, action: "created", clientId: client!.id }]));
  // Transactions of the source the target has not reached yet (with PostgreSQL, both share the counter).
  await advanceTransactionIds(source.db, (await nextTransactionId(target.db)) + 300n);
  await source.db.transaction((tx) => recordChanges(tx, [{ entity: "client", entityId: client!.id, action: "updated", clientId: client!.id }]));
  const sourceNext = await nextTransactionId(source.db);

  const tables = rowsOf<{ name: string }>(await source.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public'`)).map(
    (row) => row.name,
  );
  expect(await targetProblem(target.db, tables)).toBeNull();
  const report = await copyDatabase(source.db, target.db, { batchSize: 1 });
  expect(report.ok).toBe(true);
  expect(report.tables.find((table) => table.table === "clients")).toMatchObject({ sourceRows: 1, targetRows: 1, ok: true });
  expect(BigInt(report.transactionIds.targetAfter)).toBeGreaterThanOrEqual(sourceNext);

  // Exactly the source's rows: the counters were copied, not recounted by the target's triggers.
  const read = async (db: typeof source.db) => ({
    clients: await db.select().from(clients),
    items: await db.select().from(orderItems),
    counters: await db.select().from(statCounters).orderBy(statCounters.metric, statCounters.bucket, statCounters.slot),
    changes: await db.select().from(changeEvents).orderBy(changeEvents.id),
  });
  expect(await read(target.db)).toEqual(await read(source.db));
  // A change written now on the target is in its future: after every copied one, with the next id.
  await target.db.transaction((tx) => recordChanges(tx, [{ entity: "message", entityId: "m-1", action: "created" }]));
  const copied = await source.db.select().from(changeEvents);
  const [latest] = await target.db.select().from(changeEvents).orderBy(sql`${changeEvents.id} desc`).limit(1);
  expect(latest!.id).toBe(Math.max(...copied.map((row) => row.id)) + 1);
  expect(copied.every((row) => BigInt(row.txid) < BigInt(latest!.txid))).toBe(true);

  // A target that holds data cannot receive another copy.
  expect(await targetProblem(target.db, tables)).toStartWith("it is not empty (");
});

test("a target that does not match is rolled back whole", async () => {
  const fresh = await openTestDatabase();
  try {
    // A row only the target has: the copy's verification sees it and nothing is kept.
    await fresh.db.insert(clients).values({ phoneNumber: "+33699999999" });
    const error = await copyDatabase(source.db, fresh.db).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CopyMismatchError);
    const report = (error as CopyMismatchError).report;
    expect(report.tables.find((table) => table.table === "clients")).toMatchObject({ sourceRows: 1, targetRows: 2, ok: false });
    expect((await fresh.db.select().from(clients)).map((row) => row.phoneNumber)).toEqual(["+33699999999"]);
    expect(await fresh.db.select().from(orders)).toEqual([]);
  } finally {
    await fresh.close();
  }
});
