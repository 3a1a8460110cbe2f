import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { LoginThrottle } from "@confirma/api";
import { CLAIM_MS, createUser, login } from "@confirma/api/testing";
import { openTestApp } from "./testing/test-app.ts";

/** The human side through the procedures the dashboard calls: the call queue, claims, outcomes, replies. */
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

test("an unclear reply puts the order in the call queue with the message that caused it", async () => {
  const { order } = await unclearOrder("+33645200001");
  const queue = await amina.calls.queue();
  const item = queue.items.find((entry) => entry.id === order.id);
  expect(item).toMatchObject({ callReason: "unclear", needsReview: true, reviewMessage: { body: "c'est combien la livraison ?" } });
});

test("two agents cannot work the same order; the first one's claim shows", async () => {
  const { order } = await unclearOrder("+33645200002");
  await amina.calls.claim({ orderId: order.id });
  const refused = await bilal.calls.claim({ orderId: order.id }).catch((error) => error);
  expect(refused.code).toBe("CONFLICT");
  expect(refused.message).toContain("Amina");
  const item = (await bilal.calls.queue()).items.find((entry) => entry.id === order.id);
  expect(item?.claimedBy?.name).toBe("Amina");
  await amina.calls.release({ orderId: order.id });
  await bilal.calls.claim({ orderId: order.id });
});

test("outcomes: confirmed decides and leaves the queue; call back hides the order until later; each is recorded with who", async () => {
  const first = await unclearOrder("+33645200003");
  const confirmed = await amina.calls.recordOutcome({ orderId: first.order.id, outcome: "confirmed", note: "Confirmé au téléphone" });
  expect(confirmed.status).toBe("confirmed");
  expect((await amina.calls.queue()).items.map((entry) => entry.id)).not.toContain(first.order.id);

  const second = await unclearOrder("+33645200004");
  const later = new Date(Date.now() + 5 * 3_600_000).toISOString();
  await bilal.calls.recordOutcome({ orderId: second.order.id, outcome: "call_back", callBackAt: later });
  expect((await amina.calls.queue()).items.map((entry) => entry.id)).not.toContain(second.order.id);
  const history = await amina.calls.outcomes({ orderId: second.order.id });
  expect(history[0]).toMatchObject({ outcome: "call_back", userName: "Bilal" });

  const third = await unclearOrder("+33645200005");
  const wrong = await amina.calls.recordOutcome({ orderId: third.order.id, outcome: "wrong_number" });
  expect(wrong.status).toBe("cancelled");
});

test("a call back without a time is refused", async () => {
  const { order } = await unclearOrder("+33645200006");
  const refused = await amina.calls.recordOutcome({ orderId: order.id, outcome: "call_back" }).catch((error) => error);
  expect(refused.code).toBe("BAD_REQUEST");
});

test("free text is allowed within 24 hours of the customer's last message, refused after", async () => {
  const { client } = await unclearOrder("+33645200007");
  expect((await amina.messages.window({ clientId: client.id })).open).toBe(true);
  const sent = await amina.messages.send({ clientId: client.id, text: "La livraison est offerte." });
  expect(sent).toMatchObject({ direction: "out", status: "queued", body: "La livraison est offerte." });

  t.clock.set(new Date(Date.now() + 25 * 3_600_000));
  try {
    expect((await amina.messages.window({ clientId: client.id })).open).toBe(false);
    const refused = await amina.messages.send({ clientId: client.id, text: "Toujours là ?" }).catch((error) => error);
    expect(refused.code).toBe("CONFLICT");
    expect(refused.cause?.code).toBe("outside_service_window");
  } finally {
    t.clock.set(new Date());
  }
});

test("asking again puts a no_answer order back to pending with a new attempt", async () => {
  const { client } = await amina.clients.create({ phoneNumber: "+33645200008" });
  const order = await amina.orders.create({ clientId: client.id, products: [{ id: "p", name: "Colis", price: 20, quantity: 1 }] });
  await amina.orders.setStatus({ id: order.id, status: "no_answer" });
  const again = await amina.orders.requestConfirmation({ id: order.id });
  expect(again).toEqual({ attempt: 1, scheduled: true });
  expect((await amina.orders.get({ id: order.id })).status).toBe("pending");
});

test("the call queue pages with a cursor, no item twice, none missed", async () => {
  for (let index = 0; index < 5; index++) await unclearOrder(`+3364520010${index}`);
  const all = (await amina.calls.queue({ limit: 200 })).items.map((item) => item.id);
  const paged: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await amina.calls.queue({ limit: 2, ...(cursor ? { cursor } : {}) });
    paged.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(paged).toEqual(all);
  expect(new Set(paged).size).toBe(paged.length);
});

describe("a claim keeps other people off the order until it is released or runs out", () => {
  let admin: ReturnType<typeof callerFor>;
  beforeAll(async () => {
    const created = await createUser(t.db, { email: "chef@example.com", name: "Chef", password: "a long password", role: "admin" });
    admin = callerFor({ id: created.id, email: created.email, name: created.name, role: "admin" });
  });

  /** The error a refused call gave, with the holder the dashboard reads from its details. */
  async function refusal(call: Promise<unknown>) {
    const error = await call.then(
      () => null,
      (caught) => caught,
    );
    expect(error).not.toBeNull();
    return {
      code: error.code as string,
      errorCode: error.cause?.code as string,
      message: error.message as string,
      holder: error.cause?.details?.claimedBy?.name as string | undefined,
    };
  }

  test("while Amina holds it, Bilal's outcome, status change, review decision, new request and release are refused with a 409 naming her", async () => {
    const { order } = await unclearOrder("+33645200201");
    await amina.calls.claim({ orderId: order.id });
    const attempts = [
      () => bilal.calls.recordOutcome({ orderId: order.id, outcome: "cancelled" }),
      () => bilal.orders.setStatus({ id: order.id, status: "cancelled" }),
      () => bilal.orders.dismissReview({ id: order.id }),
      () => bilal.orders.requestConfirmation({ id: order.id }),
      () => bilal.calls.release({ orderId: order.id }),
    ];
    for (const attempt of attempts) {
      expect(await refusal(attempt())).toEqual({ code: "CONFLICT", errorCode: "conflict", message: expect.stringContaining("Amina"), holder: "Amina" });
    }
    const after = await amina.orders.get({ id: order.id });
    expect(after).toMatchObject({ status: "pending", needsReview: true });
    expect(await amina.calls.outcomes({ orderId: order.id })).toEqual([]);
    const item = (await bilal.calls.queue({ limit: 200 })).items.find((entry) => entry.id === order.id);
    expect(item?.claimedBy?.name).toBe("Amina");
    // The holder herself decides.
    expect((await amina.calls.recordOutcome({ orderId: order.id, outcome: "confirmed" })).status).toBe("confirmed");
  });

  test("after Amina releases, or once her claim has run out, Bilal may act", async () => {
    const released = await unclearOrder("+33645200202");
    await amina.calls.claim({ orderId: released.order.id });
    await amina.calls.release({ orderId: released.order.id });
    expect((await bilal.orders.setStatus({ id: released.order.id, status: "cancelled" })).status).toBe("cancelled");

    const expired = await unclearOrder("+33645200203");
    await amina.calls.claim({ orderId: expired.order.id });
    t.clock.set(new Date(Date.now() + CLAIM_MS + 1_000));
    try {
      expect((await bilal.calls.recordOutcome({ orderId: expired.order.id, outcome: "confirmed" })).status).toBe("confirmed");
      // Releasing a claim nobody holds any more is not an error.
      expect(await bilal.calls.release({ orderId: expired.order.id })).toEqual({ ok: true });
    } finally {
      t.clock.set(new Date());
    }
  });

  test("an admin takes over only when asking to; the takeover is in the audit trail and the previous holder is then refused", async () => {
    const { order } = await unclearOrder("+33645200204");
    await amina.calls.claim({ orderId: order.id });
    expect((await refusal(admin.orders.setStatus({ id: order.id, status: "cancelled" }))).holder).toBe("Amina");
    expect((await refusal(admin.calls.claim({ orderId: order.id }))).holder).toBe("Amina");
    expect((await refusal(bilal.calls.claim({ orderId: order.id, takeOver: true }))).code).toBe("FORBIDDEN");

    await admin.calls.claim({ orderId: order.id, takeOver: true });
    const item = (await admin.calls.queue({ limit: 200 })).items.find((entry) => entry.id === order.id);
    expect(item?.claimedBy?.name).toBe("Chef");
    const audit = await admin.audit.events();
    expect(audit.items[0]).toMatchObject({ action: "order.claim_taken_over", target: order.id, details: { from: expect.objectContaining({ name: "Amina" }) } });
    expect((await refusal(amina.calls.recordOutcome({ orderId: order.id, outcome: "cancelled" }))).holder).toBe("Chef");
    expect((await admin.calls.recordOutcome({ orderId: order.id, outcome: "cancelled" })).status).toBe("cancelled");
  });

  test("the integration key and the customer are not agents: a claim does not stop them; REST does not take a session", async () => {
    const first = await unclearOrder("+33645200205");
    await amina.calls.claim({ orderId: first.order.id });
    const viaKey = await t.call("PUT", `/api/orders/${first.order.id}`, { status: "cancelled" });
    expect(viaKey.status).toBe(200);
    expect(viaKey.body.status).toBe("cancelled");

    const second = await unclearOrder("+33645200206");
    await amina.calls.claim({ orderId: second.order.id });
    await t.call("POST", "/api/webhook/whatsapp", { from: "+33645200206", body: "oui je confirme", type: "text" });
    expect((await amina.orders.get({ id: second.order.id })).status).toBe("confirmed");

    const third = await unclearOrder("+33645200207");
    await amina.calls.claim({ orderId: third.order.id });
    const { token } = await login(t.db, new LoginThrottle(), { email: "bilal@example.com", password: "a long password", ip: "127.0.0.1" });
    const viaSession = await t.call(
      "PUT",
      `/api/orders/${third.order.id}`,
      { status: "cancelled" },
      { key: null, headers: { cookie: `confirma_session=${token}` } },
    );
    expect(viaSession.status).toBe(401);
    expect((await amina.orders.get({ id: third.order.id })).status).toBe("pending");
  });
});
