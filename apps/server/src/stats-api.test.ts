import { afterAll, beforeAll, expect, test } from "bun:test";
import { orders } from "@confirma/db";
import { eq } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

/** `GET /api/stats` and `stats.kpis` are one service: same numbers, same refusals. */
const t = await openTestApp();
afterAll(() => t.close());

beforeAll(async () => {
  const client = await t.call("POST", "/api/clients", { phoneNumber: "+212600100200", name: "Salma" });
  const make = async (price: number, currency = "MAD") =>
    (await t.call("POST", "/api/orders", { clientId: client.body.id, currency, products: [{ id: "tapis", name: "Tapis", price, quantity: 2 }] })).body
      .id as string;
  const confirmed = await make(149.99);
  await t.call("PUT", `/api/orders/${confirmed}`, { status: "confirmed" });
  const delivered = await make(10.05, "EUR");
  for (const status of ["confirmed", "shipped", "delivered"]) await t.call("PUT", `/api/orders/${delivered}`, { status });
  const cancelled = await make(20);
  await t.call("PUT", `/api/orders/${cancelled}`, { status: "cancelled" });
  await make(5);
  // One order from last week, for the previous period of "7 days"… and outside "today".
  const old = await make(1);
  await t.db
    .update(orders)
    .set({ createdAt: new Date(Date.now() - 9 * 86_400_000) })
    .where(eq(orders.id, old));
});

test("the REST answer holds the documented figures, the previous period and the breakdown", async () => {
  const { status, body } = await t.call("GET", "/api/stats?period=today&tz=UTC&by=day");
  expect(status).toBe(200);
  expect(body).toMatchObject({
    period: "today",
    tz: "UTC",
    received: 4,
    confirmed: 2,
    cancelled: 1,
    noAnswer: 0,
    pending: 1,
    delivered: 1,
    returned: 0,
    confirmationRate: 2 / 3,
    cancellationRate: 1 / 3,
    noAnswerRate: 0,
    deliveryRate: 1,
    returnRate: 0,
    revenue: [
      { currency: "EUR", confirmed: "20.10", delivered: "20.10" },
      { currency: "MAD", confirmed: "299.98", delivered: "0.00" },
    ],
    previous: { received: 0, confirmationRate: null },
    by: "day",
  });
  expect(typeof body.medianTimeToConfirmSeconds).toBe("number");
  expect(body.breakdown).toHaveLength(1);
  expect(body.breakdown[0]).toMatchObject({ key: body.from, received: 4 });
});

test("the dashboard's procedure gives the same numbers", async () => {
  const caller = t.caller({ actor: { type: "api_key", id: "key" } });
  for (const query of [
    { period: "7d", tz: "Africa/Casablanca", by: "store" },
    { period: "30d", tz: "Asia/Kolkata", by: "product" },
    { period: "custom", from: "2020-01-01", to: "2020-12-31", tz: "UTC", by: "city" },
  ] as const) {
    const rest = await t.call("GET", `/api/stats?${new URLSearchParams(query as Record<string, string>)}`);
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual(JSON.parse(JSON.stringify(await caller.stats.kpis(query))));
  }
  const week = await t.call("GET", "/api/stats?period=7d&tz=UTC");
  expect(week.body.received).toBe(4);
  expect(week.body.previous.received).toBe(1);
});

test.each([
  ["tz=Mars/Olympus", "tz"],
  ["from=2026-02-30&to=2026-03-01", "from"],
  ["from=2026-03-02&to=2026-03-01", "to"],
  ["period=week", "period"],
  ["by=colour", "by"],
  ["from=2024-01-01&to=2025-12-31", "to"],
])("?%s is refused with 400 invalid_input", async (query, path) => {
  const { status, body } = await t.call("GET", `/api/stats?${query}`);
  expect(status).toBe(400);
  expect(body.error.code).toBe("invalid_input");
  expect(body.error.message).toContain(path);
});

test("without the key: 401", async () => {
  expect((await t.call("GET", "/api/stats", undefined, { key: null })).status).toBe(401);
});
