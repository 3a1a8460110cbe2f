import { afterAll, describe, expect, test } from "bun:test";
import { openTestApp } from "./testing/test-app.ts";

/** Every example of the user's integration guide, as written (with the key header the guide recommends). */
const t = await openTestApp();
afterAll(() => t.close());

describe("the seed guide", () => {
  let clientId = "";

  test("curl: create a client", async () => {
    const response = await t.call("POST", "/api/clients", { phoneNumber: "+33612345678", name: "Test Client", status: "pending" });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ phoneNumber: "+33612345678", name: "Test Client", status: "pending", lastContact: null });
    expect(typeof response.body.id).toBe("string");
    clientId = response.body.id;
  });

  test("creating the same client again returns it, no duplicate", async () => {
    const response = await t.call("POST", "/api/clients", { phoneNumber: "+33612345678", name: "Nom du client", status: "pending" });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(clientId);
    const list = await t.call("GET", "/api/clients");
    expect(list.body.items).toHaveLength(1);
  });

  test("PUT the status when the client confirms", async () => {
    const response = await t.call("PUT", `/api/clients/${clientId}`, { status: "confirmed" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: clientId, status: "confirmed" });
    await t.call("PUT", `/api/clients/${clientId}`, { status: "pending" });
  });

  test("create an order with the two products: total exactly 109.97", async () => {
    const response = await t.call("POST", "/api/orders", {
      clientId,
      products: [
        { id: "prod1", name: "Produit A", price: 29.99, quantity: 2 },
        { id: "prod2", name: "Produit B", price: 49.99, quantity: 1 },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      clientId,
      status: "pending",
      currency: "EUR",
      total: 109.97,
      products: [
        { id: "prod1", name: "Produit A", price: 29.99, quantity: 2 },
        { id: "prod2", name: "Produit B", price: 49.99, quantity: 1 },
      ],
    });
    const fetched = await t.call("GET", `/api/orders/${response.body.id}`);
    expect(fetched.body.total).toBe(109.97);
  });

  test("the seed webhook finds the client by JID, updates lastContact, and a confirming reply confirms", async () => {
    const before = Date.now();
    const response = await t.call("POST", "/api/webhook/whatsapp", { from: "33612345678@s.whatsapp.net", body: "Oui, je confirme", type: "text" });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true, clientId });

    const client = await t.call("GET", `/api/clients/${clientId}`);
    expect(client.body.status).toBe("confirmed");
    expect(Date.parse(client.body.lastContact)).toBeGreaterThanOrEqual(before - 1000);
    expect(client.body.orders[0]).toMatchObject({ status: "confirmed", total: 109.97 });

    const thread = await t.call("GET", `/api/clients/${clientId}/messages`);
    expect(thread.body.items[0]).toMatchObject({ direction: "in", type: "text", body: "Oui, je confirme", intent: "confirm" });
  });

  test("the seed webhook creates a client for a new number", async () => {
    const response = await t.call("POST", "/api/webhook/whatsapp", { from: "33698765432@s.whatsapp.net", body: "Bonjour", type: "text" });
    expect(response.status).toBe(200);
    expect(response.body.success).toBe(true);
    const client = await t.call("GET", `/api/clients/${response.body.clientId}`);
    expect(client.body).toMatchObject({ phoneNumber: "+33698765432", status: "pending" });
    expect(client.body.lastContact).not.toBeNull();
  });

  test("a confirmation from a brand-new number confirms the client, as the seed does", async () => {
    const response = await t.call("POST", "/api/webhook/whatsapp", { from: "33611112222@s.whatsapp.net", body: "oui", type: "text" });
    const client = await t.call("GET", `/api/clients/${response.body.clientId}`);
    expect(client.body.status).toBe("confirmed");
  });

  test("the status change records who made it", async () => {
    const rows = await t.db.query.statusChanges.findMany({ where: (change, { eq }) => eq(change.entityId, clientId) });
    expect(rows.map((row) => [row.toStatus, row.actorType])).toEqual([
      ["pending", "api_key"],
      ["confirmed", "api_key"],
      ["pending", "api_key"],
      ["confirmed", "message"],
    ]);
  });
});

test("a voice note in the guide's format without `body` is stored once as audio, and puts the pending order up for review", async () => {
  const created = await t.call("POST", "/api/clients", { phoneNumber: "+33645100077", name: "Voix" });
  const order = await t.call("POST", "/api/orders", { clientId: created.body.id, products: [{ id: "p", name: "Colis", price: 20, quantity: 1 }] });
  const voiceNote = { from: "33645100077@s.whatsapp.net", type: "audio", id: "3EB0VOICE0001" };
  for (let delivery = 0; delivery < 2; delivery++) {
    const response = await t.call("POST", "/api/webhook/whatsapp", voiceNote);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true, clientId: created.body.id });
  }
  const thread = await t.call("GET", `/api/clients/${created.body.id}/messages`);
  const inbound = thread.body.items.filter((message: { direction: string }) => message.direction === "in");
  expect(inbound).toHaveLength(1);
  expect(inbound[0]).toMatchObject({ type: "audio", body: "", intent: "unclear" });

  const flagged = await t.call("GET", `/api/orders/${order.body.id}`);
  expect(flagged.body).toMatchObject({ status: "pending", needsReview: true, reviewMessage: { id: inbound[0].id, type: "audio", body: "" } });
  const review = await t.call("GET", "/api/orders?needsReview=true");
  expect(review.body.items.find((item: { id: string }) => item.id === order.body.id)?.reviewMessage?.type).toBe("audio");
});

test("a number typed with Arabic-Indic or full-width digits is the same client, not a refusal", async () => {
  const arabic = await t.call("POST", "/api/clients", { phoneNumber: "+٢١٢ ٦٦١ ٢٣ ٤٥ ٦٧", name: "Salma" });
  expect(arabic.status).toBe(201);
  expect(arabic.body.phoneNumber).toBe("+212661234567");
  const fullWidth = await t.call("POST", "/api/clients", { phoneNumber: "００２１２６６１２３４５６７" });
  expect(fullWidth.status).toBe(200);
  expect(fullWidth.body.id).toBe(arabic.body.id);
  const found = await t.call("GET", `/api/clients?search=${encodeURIComponent("٦٦١ ٢٣")}`);
  expect(found.body.items.map((client: { id: string }) => client.id)).toEqual([arabic.body.id]);
});
