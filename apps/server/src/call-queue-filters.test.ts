import { afterAll, beforeAll, expect, test } from "bun:test";
import { createUser } from "@confirma/api/testing";
import { openTestApp } from "./testing/test-app.ts";

/** The call queue as a work list: filters, held orders last, attempts and past orders on each item. */
const t = await openTestApp();
afterAll(() => t.close());

function callerFor(user: { id: string; email: string; name: string | null; role: "admin" | "agent" }) {
  return t.caller({ actor: { type: "user", id: user.id }, user });
}
let amina: ReturnType<typeof callerFor>;
let bilal: ReturnType<typeof callerFor>;
beforeAll(async () => {
  const a = await createUser(t.db, { email: "amina@example.com", name: "Amina", password: "a long password", role: "agent" });
  const b = await createUser(t.db, { email: "bilal@example.com", name: "Bilal", password: "a long password", role: "agent" });
  amina = callerFor({ id: a.id, email: a.email, name: a.name, role: "agent" });
  bilal = callerFor({ id: b.id, email: b.email, name: b.name, role: "agent" });
});

async function unclearOrder(phone: string) {
  const { client } = await amina.clients.create({ phoneNumber: phone, name: "Client" });
  const order = await amina.orders.create({ clientId: client.id, products: [{ id: "p", name: "Colis", price: 20, quantity: 1 }] });
  await t.call("POST", "/api/webhook/whatsapp", { from: phone, body: "c'est combien la livraison ?", type: "text" });
  return { client, order };
}
const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);

test("filters: reason, review, country from the phone prefix, mine; held orders sink for others", async () => {
  const moroccan = await unclearOrder("+212645300001");
  const french = await unclearOrder("+33645300002");
  const later = await unclearOrder("+33645300003");
  const callBackAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 5 * 3_600_000).toISOString();
  await amina.calls.recordOutcome({ orderId: later.order.id, outcome: "call_back", callBackAt });
  // The dashboard notifies when the next call-back falls due.
  expect((await amina.stats.queues()).nextCallBackAt).toBe(callBackAt);

  expect(ids(await amina.calls.queue({ country: "MA" }))).toEqual([moroccan.order.id]);
  expect(ids(await amina.calls.queue({ country: "fr" }))).toEqual([french.order.id]);
  expect(ids(await amina.calls.queue({ reason: "unclear" }))).toEqual([moroccan.order.id, french.order.id]);
  expect(ids(await amina.calls.queue({ reason: "review" }))).toEqual([moroccan.order.id, french.order.id]);
  expect(ids(await amina.calls.queue({ reason: "no_answer" }))).toEqual([]);
  // The default list hides a call-back planned hours ahead; the call-back filter lists it with its time.
  expect(ids(await amina.calls.queue())).not.toContain(later.order.id);
  const callBacks = await amina.calls.queue({ reason: "call_back" });
  expect(ids(callBacks)).toEqual([later.order.id]);
  expect(callBacks.items[0]).toMatchObject({ callBackAt: expect.any(String), attempts: 1 });

  await bilal.calls.claim({ orderId: moroccan.order.id });
  expect(ids(await amina.calls.queue())).toEqual([french.order.id, moroccan.order.id]);
  expect(ids(await bilal.calls.queue())).toEqual([moroccan.order.id, french.order.id]);
  expect(ids(await bilal.calls.queue({ mine: true }))).toEqual([moroccan.order.id]);
  expect(ids(await amina.calls.queue({ mine: true }))).toEqual([]);

  // Paging keeps the sunk order last, once.
  const first = await amina.calls.queue({ limit: 1 });
  const second = await amina.calls.queue({ limit: 1, cursor: first.nextCursor! });
  expect([...ids(first), ...ids(second)]).toEqual([french.order.id, moroccan.order.id]);
  await bilal.calls.release({ orderId: moroccan.order.id });
});

test("attempts and the customer's past orders on the item", async () => {
  const { client, order } = await unclearOrder("+33645300010");
  const past = await amina.orders.create({ clientId: client.id, products: [{ id: "p", name: "Ancien", price: 10, quantity: 1 }] });
  await amina.orders.setStatus({ id: past.id, status: "cancelled" });
  await amina.calls.recordOutcome({ orderId: order.id, outcome: "no_answer" });
  const item = (await amina.calls.queue({ limit: 200 })).items.find((entry) => entry.id === order.id);
  expect(item).toMatchObject({
    attempts: 1,
    pastOrders: { total: 1, byStatus: { cancelled: 1 } },
    lastInbound: { body: "c'est combien la livraison ?", type: "text" },
  });
});

test("bad filters are refused with invalid_input", async () => {
  expect((await amina.calls.queue({ country: "ZZ" }).catch((error) => error)).cause?.code).toBe("invalid_input");
  expect((await amina.calls.queue({ country: "France" } as never).catch((error) => error)).code).toBe("BAD_REQUEST");
  expect((await amina.calls.queue({ reason: "lost" } as never).catch((error) => error)).code).toBe("BAD_REQUEST");
  const keyed = t.caller({ actor: { type: "api_key", id: "key" } });
  expect((await keyed.calls.queue({ mine: true }).catch((error) => error)).cause?.code).toBe("invalid_input");
});
