import { afterAll, beforeAll, expect, test } from "bun:test";
import type { createCaller } from "@confirma/api";
import { createUser } from "@confirma/api/testing";
import { orders, statusChanges } from "@confirma/db";
import { and, eq } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

/**
 * "Confirmed today" means confirmed today, whenever the order was created: the orders list (and
 * the dashboard's CSV export) filters by the moment an order reached its current status.
 */
const t = await openTestApp();
afterAll(() => t.close());

const DAY = 24 * 3_600_000;
const twoDaysAgo = new Date(Date.now() - 2 * DAY);
const sinceYesterday = new Date(Date.now() - DAY).toISOString();
let api: ReturnType<typeof createCaller>;
const ids: Record<"createdBeforeConfirmedToday" | "confirmedBefore" | "createdAndConfirmedToday" | "dismissedToday" | "pendingSinceToday", string> = {
  createdBeforeConfirmedToday: "",
  confirmedBefore: "",
  createdAndConfirmedToday: "",
  dismissedToday: "",
  pendingSinceToday: "",
};

/** Moves an order's creation, and the status changes recorded so far, two days back. */
async function happenedTwoDaysAgo(orderId: string) {
  await t.db.update(orders).set({ createdAt: twoDaysAgo }).where(eq(orders.id, orderId));
  await t.db
    .update(statusChanges)
    .set({ createdAt: twoDaysAgo })
    .where(and(eq(statusChanges.entity, "order"), eq(statusChanges.entityId, orderId)));
}

beforeAll(async () => {
  const user = await createUser(t.db, { email: "amina@example.com", name: "Amina", password: "a long password", role: "admin" });
  api = t.caller({ actor: { type: "user", id: user.id }, user: { id: user.id, email: user.email, name: user.name, role: "admin" } });
  const { client } = await api.clients.create({ phoneNumber: "+33645300001", name: "Client" });
  const order = async () => (await api.orders.create({ clientId: client.id, products: [{ id: "p", name: "Colis", price: 20, quantity: 1 }] })).id;

  ids.createdBeforeConfirmedToday = await order();
  await happenedTwoDaysAgo(ids.createdBeforeConfirmedToday);
  await api.orders.setStatus({ id: ids.createdBeforeConfirmedToday, status: "confirmed" });

  ids.confirmedBefore = await order();
  await api.orders.setStatus({ id: ids.confirmedBefore, status: "confirmed" });
  await happenedTwoDaysAgo(ids.confirmedBefore);

  ids.createdAndConfirmedToday = await order();
  await api.orders.setStatus({ id: ids.createdAndConfirmedToday, status: "confirmed" });

  // Taken out of the review queue today, status unchanged: not a status change.
  ids.dismissedToday = await order();
  await happenedTwoDaysAgo(ids.dismissedToday);
  await api.orders.dismissReview({ id: ids.dismissedToday });

  ids.pendingSinceToday = await order();
});

const sorted = (values: string[]) => [...values].sort();

test("confirmed since yesterday: the order created before and confirmed today is there, the one confirmed before is not", async () => {
  const byStatusDate = await api.orders.list({ status: "confirmed", statusChangedFrom: sinceYesterday });
  expect(sorted(byStatusDate.items.map((order) => order.id))).toEqual(sorted([ids.createdBeforeConfirmedToday, ids.createdAndConfirmedToday]));
  // Filtering by creation date still means creation date.
  const byCreation = await api.orders.list({ status: "confirmed", from: sinceYesterday });
  expect(byCreation.items.map((order) => order.id)).toEqual([ids.createdAndConfirmedToday]);
});

test("without a status, the window holds the orders that reached their current status in it (a dismissed review is no change)", async () => {
  const page = await api.orders.list({ statusChangedFrom: sinceYesterday, statusChangedTo: new Date(Date.now() + 60_000).toISOString() });
  expect(sorted(page.items.map((order) => order.id))).toEqual(sorted([ids.createdBeforeConfirmedToday, ids.createdAndConfirmedToday, ids.pendingSinceToday]));
  const before = await api.orders.list({ statusChangedTo: sinceYesterday });
  expect(sorted(before.items.map((order) => order.id))).toEqual(sorted([ids.confirmedBefore, ids.dismissedToday]));
});

test("every listed order says when it reached its status", async () => {
  const { items } = await api.orders.list({ limit: 50 });
  const at = (id: string) => Date.parse(items.find((order) => order.id === id)!.statusChangedAt!);
  expect(Date.now() - at(ids.createdBeforeConfirmedToday)).toBeLessThan(DAY);
  expect(Math.abs(at(ids.confirmedBefore) - twoDaysAgo.getTime())).toBeLessThan(1_000);
  expect(Math.abs(at(ids.dismissedToday) - twoDaysAgo.getTime())).toBeLessThan(1_000);
  const createdBefore = items.find((order) => order.id === ids.createdBeforeConfirmedToday)!;
  expect(Math.abs(Date.parse(createdBefore.createdAt) - twoDaysAgo.getTime())).toBeLessThan(1_000);
});

test("the REST list takes the same filter; a malformed instant is a 400 that names it", async () => {
  const response = await t.call("GET", `/api/orders?status=confirmed&statusChangedFrom=${encodeURIComponent(sinceYesterday)}`);
  expect(response.status).toBe(200);
  expect(sorted(response.body.items.map((order: { id: string }) => order.id))).toEqual(sorted([ids.createdBeforeConfirmedToday, ids.createdAndConfirmedToday]));
  const bad = await t.call("GET", "/api/orders?statusChangedFrom=yesterday");
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body)).toContain("statusChangedFrom");
});
