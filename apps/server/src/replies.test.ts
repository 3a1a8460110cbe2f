import { afterAll, expect, test } from "bun:test";
import { encodeButtonPayload } from "@confirma/whatsapp";
import { openTestApp } from "./testing/test-app.ts";

const t = await openTestApp();
afterAll(() => t.close());

let sequence = 0;

/** A new client with one pending order; returns ids and a sender that replies as that client. */
async function pendingOrder() {
  sequence += 1;
  const phone = `+336450000${String(sequence).padStart(2, "0")}`;
  const client = await t.call("POST", "/api/clients", { phoneNumber: phone });
  const order = await t.call("POST", "/api/orders", { clientId: client.body.id, products: [{ id: "p1", name: "Colis", price: 25, quantity: 1 }] });
  const reply = (body: string, extra: Record<string, unknown> = {}) =>
    t.call("POST", "/api/webhook/whatsapp", { from: `${phone.slice(1)}@s.whatsapp.net`, body, type: "text", ...extra });
  const state = async () => {
    const [orderNow, clientNow] = await Promise.all([t.call("GET", `/api/orders/${order.body.id}`), t.call("GET", `/api/clients/${client.body.id}`)]);
    return { order: orderNow.body.status, client: clientNow.body.status, needsReview: orderNow.body.needsReview, reviewMessageId: orderNow.body.reviewMessageId };
  };
  return { clientId: client.body.id as string, orderId: order.body.id as string, reply, state };
}

test.each(["oui", "Je confirme"])("%p confirms the pending order and the client", async (text) => {
  const { reply, state } = await pendingOrder();
  expect((await reply(text)).status).toBe(200);
  expect(await state()).toMatchObject({ order: "confirmed", client: "confirmed", needsReview: false });
});

test.each(["non merci", "je ne confirme pas"])("%p cancels the pending order and the client", async (text) => {
  const { reply, state } = await pendingOrder();
  expect((await reply(text)).status).toBe(200);
  expect(await state()).toMatchObject({ order: "cancelled", client: "cancelled", needsReview: false });
});

test.each(["Louis", "des nouilles", "c'est combien ?"])("%p changes nothing and flags the order for review", async (text) => {
  const { reply, state, clientId } = await pendingOrder();
  expect((await reply(text)).status).toBe(200);
  const after = await state();
  expect(after).toMatchObject({ order: "pending", client: "pending", needsReview: true });
  const thread = await t.call("GET", `/api/clients/${clientId}/messages`);
  expect(after.reviewMessageId).toBe(thread.body.items[0].id);
  expect(thread.body.items[0]).toMatchObject({ body: text, intent: "unclear" });
});

test("a clear reply after an unclear one decides and clears the review flag", async () => {
  const { reply, state } = await pendingOrder();
  await reply("c'est combien ?");
  await reply("oui");
  expect(await state()).toMatchObject({ order: "confirmed", needsReview: false, reviewMessageId: null });
});

test("the most recent pending order is the one a reply answers", async () => {
  const { reply, clientId, orderId } = await pendingOrder();
  const newer = await t.call("POST", "/api/orders", { clientId, products: [{ id: "p2", name: "Autre", price: 10, quantity: 1 }] });
  await reply("oui");
  expect((await t.call("GET", `/api/orders/${newer.body.id}`)).body.status).toBe("confirmed");
  expect((await t.call("GET", `/api/orders/${orderId}`)).body.status).toBe("pending");
});

test("a bound button decides for its exact order, even when another is more recent", async () => {
  const { clientId, orderId, state } = await pendingOrder();
  const newer = await t.call("POST", "/api/orders", { clientId, products: [{ id: "p2", name: "Autre", price: 10, quantity: 1 }] });
  const phone = (await t.call("GET", `/api/clients/${clientId}`)).body.phoneNumber.slice(1);
  // The seed format has no button field; a provider's button reaches the same rule through ingestion.
  const { ingestEvents } = await import("@confirma/api");
  await ingestEvents(t.services, [
    {
      kind: "message",
      provider: "meta",
      messageId: "wamid.button-1",
      from: { phone: `+${phone}` },
      type: "button",
      text: "Confirmer",
      buttonPayload: encodeButtonPayload({ intent: "confirm", orderId }),
      timestamp: new Date(),
    },
  ]);
  expect((await state()).order).toBe("confirmed");
  expect((await t.call("GET", `/api/orders/${newer.body.id}`)).body.status).toBe("pending");
});

test("a button bound to another client's order changes nothing", async () => {
  const victim = await pendingOrder();
  const attacker = await pendingOrder();
  const phone = (await t.call("GET", `/api/clients/${attacker.clientId}`)).body.phoneNumber;
  const { ingestEvents } = await import("@confirma/api");
  await ingestEvents(t.services, [
    {
      kind: "message",
      provider: "meta",
      messageId: "wamid.button-2",
      from: { phone },
      type: "button",
      text: "Confirmer",
      buttonPayload: encodeButtonPayload({ intent: "confirm", orderId: victim.orderId }),
      timestamp: new Date(),
    },
  ]);
  expect((await victim.state()).order).toBe("pending");
  expect((await attacker.state()).order).toBe("pending");
});

test("a reply from a client without pending orders touches no order", async () => {
  const { reply, state } = await pendingOrder();
  await reply("oui");
  await reply("non");
  expect((await state()).order).toBe("confirmed");
});
