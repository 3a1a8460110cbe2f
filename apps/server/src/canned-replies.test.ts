import { afterAll, beforeAll, expect, test } from "bun:test";
import { createUser } from "@confirma/api/testing";
import { openTestApp } from "./testing/test-app.ts";

/** Canned replies: REST and procedures, admins write and agents read, rendered by the server when sent. */
const t = await openTestApp();
afterAll(() => t.close());

type Role = "admin" | "agent";
function callerFor(user: { id: string; email: string; name: string | null; role: Role }) {
  return t.caller({ actor: { type: "user", id: user.id }, user });
}
let admin: ReturnType<typeof callerFor>;
let agent: ReturnType<typeof callerFor>;
beforeAll(async () => {
  const a = await createUser(t.db, { email: "chef@example.com", name: "Chef", password: "a long password", role: "admin" });
  const b = await createUser(t.db, { email: "agent@example.com", name: "Nadia", password: "a long password", role: "agent" });
  admin = callerFor({ id: a.id, email: a.email, name: a.name, role: "admin" });
  agent = callerFor({ id: b.id, email: b.email, name: b.name, role: "agent" });
});

test("REST: create, list, read, update, delete; bad input writes nothing", async () => {
  const created = await t.call("POST", "/api/canned-replies", { title: "Livraison", body: "Bonjour {name}, livraison sous {delivery_date}." });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ title: "Livraison", language: "fr", body: "Bonjour {name}, livraison sous {delivery_date}." });
  const id = created.body.id as string;

  const unknown = await t.call("POST", "/api/canned-replies", { title: "Prénom", body: "Bonjour {prenom}" });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.code).toBe("invalid_input");
  expect(unknown.body.error.message).toContain("{prenom}");
  const empty = await t.call("POST", "/api/canned-replies", { title: "", body: "x" });
  expect(empty.status).toBe(400);
  const extra = await t.call("POST", "/api/canned-replies", { title: "x", body: "x", color: "red" });
  expect(extra.status).toBe(400);
  const language = await t.call("POST", "/api/canned-replies", { title: "x", body: "x", language: "de" });
  expect(language.status).toBe(400);
  const duplicate = await t.call("POST", "/api/canned-replies", { title: "livraison", body: "autre" });
  expect(duplicate.status).toBe(409);
  // Same title in another language is another reply.
  expect((await t.call("POST", "/api/canned-replies", { title: "Livraison", language: "en", body: "Hello {name}" })).status).toBe(201);

  const list = await t.call("GET", "/api/canned-replies?language=fr");
  expect(list.status).toBe(200);
  expect(list.body.items.map((item: { title: string }) => item.title)).toEqual(["Livraison"]);
  expect(list.body.deliveryDate).toBeNull();

  const patched = await t.call("PATCH", `/api/canned-replies/${id}`, { body: "Livraison {delivery_date}, {name}." });
  expect(patched.status).toBe(200);
  expect(patched.body.body).toBe("Livraison {delivery_date}, {name}.");
  const badPatch = await t.call("PATCH", `/api/canned-replies/${id}`, { body: "Hop {x}" });
  expect(badPatch.body.error.code).toBe("invalid_input");
  expect((await t.call("GET", `/api/canned-replies/${id}`)).body.body).toBe("Livraison {delivery_date}, {name}.");
  expect((await t.call("PATCH", `/api/canned-replies/${id}`, {})).status).toBe(400);

  expect((await t.call("DELETE", `/api/canned-replies/${id}`)).status).toBe(204);
  expect((await t.call("GET", `/api/canned-replies/${id}`)).status).toBe(404);
  expect((await t.call("DELETE", `/api/canned-replies/${id}`)).status).toBe(404);
  expect((await t.call("GET", "/api/canned-replies", undefined, { key: null })).status).toBe(401);
});

test("procedures: agents read, only admins write", async () => {
  const reply = await admin.cannedReplies.create({ title: "Merci", body: "Merci {name} !" });
  expect((await agent.cannedReplies.list()).items.map((item) => item.id)).toContain(reply.id);
  const refused = await agent.cannedReplies.create({ title: "Agent", body: "x" }).catch((error) => error);
  expect(refused.code).toBe("FORBIDDEN");
  expect((await agent.cannedReplies.update({ id: reply.id, patch: { body: "y" } }).catch((error) => error)).code).toBe("FORBIDDEN");
  expect((await agent.cannedReplies.delete({ id: reply.id }).catch((error) => error)).code).toBe("FORBIDDEN");
  const updated = await admin.cannedReplies.update({ id: reply.id, patch: { title: "Remerciement" } });
  expect(updated.title).toBe("Remerciement");
  expect(await admin.cannedReplies.delete({ id: reply.id })).toEqual({ ok: true });
});

test("sending: the server fills the placeholders, refuses what it cannot fill, the stored message is the rendered text", async () => {
  const { client } = await agent.clients.create({ phoneNumber: "+212612000001", name: "Amina" });
  const order = await agent.orders.create({
    clientId: client.id,
    products: [
      { id: "p", name: "Sac", price: 29.99, quantity: 2 },
      { id: "q", name: "Montre", price: 49.99, quantity: 1 },
    ],
  });
  await t.call("POST", "/api/webhook/whatsapp", { from: "+212612000001", body: "vous livrez quand ?", type: "text" });

  const noDate = await agent.messages
    .send({ clientId: client.id, orderId: order.id, text: "Bonjour {name}, livraison sous {delivery_date}." })
    .catch((error) => error);
  expect(noDate.code).toBe("BAD_REQUEST");
  expect(noDate.cause?.code).toBe("invalid_input");

  expect((await agent.cannedReplies.setDeliveryDate({ deliveryDate: "48 à 72 h" }).catch((error) => error)).code).toBe("FORBIDDEN");
  await admin.cannedReplies.setDeliveryDate({ deliveryDate: "48 à 72 h" });
  expect((await agent.cannedReplies.list()).deliveryDate).toBe("48 à 72 h");

  const sent = await agent.messages.send({
    clientId: client.id,
    orderId: order.id,
    text: "Bonjour {name}, votre commande {order} ({items}, {total}) arrive sous {delivery_date}. {inconnu}",
  });
  const reference = `#${order.id.slice(-6).toUpperCase()}`;
  expect(sent.body).toBe(`Bonjour Amina, votre commande ${reference} (2 × Sac, 1 × Montre, 109,97\u00a0€) arrive sous 48 à 72 h. {inconnu}`);
  const stored = await t.call("GET", `/api/clients/${client.id}/messages?limit=1`);
  expect(stored.body.items[0].body).toBe(sent.body);

  const english = await agent.messages.send({ clientId: client.id, orderId: order.id, language: "en", text: "Total {total}" });
  expect(english.body).toBe("Total €109.97");
  const noOrder = await agent.messages.send({ clientId: client.id, text: "Total {total}" }).catch((error) => error);
  expect(noOrder.cause?.code).toBe("invalid_input");
  const plain = await agent.messages.send({ clientId: client.id, text: "Sans accolades" });
  expect(plain.body).toBe("Sans accolades");
});
