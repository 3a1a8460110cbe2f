import { afterAll, describe, expect, test } from "bun:test";
import { createUser } from "@confirma/api/testing";
import { signWebhook } from "@confirma/stores";
import { openTestApp } from "./testing/test-app.ts";

/** The confirmation request goes out in the customer's language: store locale or agent, replies, country, then the shop's. */
const t = await openTestApp({ CONFIRM_LANGUAGE: "fr" });
afterAll(() => t.close());

let sequence = 0;

async function orderFor(phone: string, { say }: { say?: string } = {}) {
  if (say) expect((await t.call("POST", "/api/webhook/whatsapp", { from: `${phone.slice(1)}@s.whatsapp.net`, body: say, type: "text" })).status).toBe(200);
  const client = await t.call("POST", "/api/clients", { phoneNumber: phone, name: "Sam" });
  const order = await t.call("POST", "/api/orders", { clientId: client.body.id, products: [{ id: "p1", name: "Robe", price: 39.9, quantity: 1 }] });
  expect(order.status).toBe(201);
  return { clientId: client.body.id as string, orderId: order.body.id as string };
}

async function requestText(clientId: string): Promise<string> {
  await t.jobRunner.runDue();
  const thread = await t.call("GET", `/api/clients/${clientId}/messages`);
  const request = thread.body.items.find((message: { direction: string }) => message.direction === "out");
  expect(request).toBeDefined();
  return request.body as string;
}

/** The first word of each language's built-in request. */
const OPENINGS = { fr: "Bonjour", en: "Hello", es: "Hola", ar: "مرحبا" } as const;
const opening = (language: keyof typeof OPENINGS) => OPENINGS[language];

describe("the language of the confirmation request", () => {
  test("the shop's language when nothing is known (a Moroccan number, no message yet)", async () => {
    const { clientId } = await orderFor(`+2126610${String(++sequence).padStart(5, "0")}`);
    expect(await requestText(clientId)).toStartWith(opening("fr"));
  });

  test("the language the customer wrote in before", async () => {
    const { clientId } = await orderFor(`+2126611${String(++sequence).padStart(5, "0")}`, { say: "Hello, when will my order arrive?" });
    expect(await requestText(clientId)).toStartWith(opening("en"));
  });

  test("Arabic script reads as Arabic", async () => {
    const { clientId } = await orderFor(`+2126612${String(++sequence).padStart(5, "0")}`, { say: "السلام عليكم، متى يصل الطلب؟" });
    expect(await requestText(clientId)).toStartWith(opening("ar"));
  });

  test("else the number's country, where one language is expected", async () => {
    const { clientId } = await orderFor(`+9665012${String(++sequence).padStart(5, "0")}`);
    expect(await requestText(clientId)).toStartWith(opening("ar"));
    const spain = await orderFor(`+346120${String(++sequence).padStart(5, "0")}`);
    expect(await requestText(spain.clientId)).toStartWith(opening("es"));
  });

  test("an agent's choice outranks everything, and can be cleared", async () => {
    const phone = `+2126613${String(++sequence).padStart(5, "0")}`;
    const client = await t.call("POST", "/api/clients", { phoneNumber: phone, name: "Sam" });
    const set = await t.call("PUT", `/api/clients/${client.body.id}`, { language: "es" });
    expect(set.status).toBe(200);
    expect(set.body.language).toBe("es");
    const { clientId } = await orderFor(phone, { say: "Bonjour, merci" });
    expect(clientId).toBe(client.body.id);
    expect(await requestText(clientId)).toStartWith(opening("es"));
    expect((await t.call("PUT", `/api/clients/${clientId}`, { language: null })).body.language).toBeNull();
    expect((await t.call("PUT", `/api/clients/${clientId}`, { language: "de" })).status).toBe(400);
  });

  test("a store order's locale is remembered on the client", async () => {
    const store = await t.call("POST", "/api/stores", { platform: "custom", name: "Boutique Langues", defaultCountry: "MA", defaultCurrency: "MAD" });
    expect(store.status).toBe(201);
    const phone = `+2126614${String(++sequence).padStart(5, "0")}`;
    const body = JSON.stringify({
      type: "order.created",
      data: {
        id: "L1",
        number: "#L1",
        customer: { name: "Sam", phone, language: "en-GB" },
        products: [{ id: "p", name: "Robe", price: "10.00", quantity: 1 }],
        paymentMethod: "cod",
      },
    });
    const id = `msg_${crypto.randomUUID()}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const delivered = await t.app.request(`/api/webhook/stores/${store.body.id}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook(store.body.webhookSecret, id, timestamp, body),
      },
      body,
    });
    expect(delivered.status).toBe(200);
    const { orderId } = (await delivered.json()) as { orderId: string };
    const order = await t.call("GET", `/api/orders/${orderId}`);
    const client = await t.call("GET", `/api/clients/${order.body.clientId}`);
    expect(client.body.language).toBe("en");
    expect(await requestText(order.body.clientId)).toStartWith(opening("en"));
  });
});

describe("queue cards carry the customer's language (the canned replies offered first)", () => {
  test("the call queue, the review queue (orders.list needsReview) and a client's orders say it, resolved as for the request", async () => {
    const agent = await createUser(t.db, { email: "langues@example.com", name: "Agent", password: "a long password", role: "agent" });
    const caller = t.caller({ actor: { type: "user", id: agent.id }, user: { id: agent.id, email: agent.email, name: agent.name, role: "agent" } });
    async function unclearOrder(phone: string, reply: string) {
      const { clientId, orderId } = await orderFor(phone);
      await t.jobRunner.runDue();
      expect((await t.call("POST", "/api/webhook/whatsapp", { from: `${phone.slice(1)}@s.whatsapp.net`, body: reply, type: "text" })).status).toBe(200);
      return { clientId, orderId };
    }
    // Their replies are English; another's are French but an agent chose Spanish; a third says nothing readable (the number's country: Saudi Arabia).
    const english = await unclearOrder(`+2126615${String(++sequence).padStart(5, "0")}`, "Hello, how much is the delivery please?");
    const spanish = await unclearOrder(`+2126616${String(++sequence).padStart(5, "0")}`, "c'est combien la livraison ?");
    expect((await t.call("PUT", `/api/clients/${spanish.clientId}`, { language: "es" })).status).toBe(200);
    const saudi = await unclearOrder(`+9665013${String(++sequence).padStart(5, "0")}`, "?");

    const calls = (await caller.calls.queue({ limit: 100 })).items;
    const reviews = (await caller.orders.list({ needsReview: true, limit: 100 })).items;
    for (const [{ orderId }, language] of [
      [english, "en"],
      [spanish, "es"],
      [saudi, "ar"],
    ] as const) {
      expect(calls.find((item) => item.id === orderId)).toMatchObject({ callReason: "unclear", language });
      expect(reviews.find((item) => item.id === orderId)).toMatchObject({ needsReview: true, language });
    }
    // The same over REST, and on the client's page (the conversation's reply box).
    const rest = await t.call("GET", "/api/orders?needsReview=true&limit=100");
    expect(rest.body.items.find((item: { id: string }) => item.id === english.orderId).language).toBe("en");
    const client = await t.call("GET", `/api/clients/${spanish.clientId}`);
    expect(client.body.orders[0]).toMatchObject({ id: spanish.orderId, language: "es" });
  });
});
