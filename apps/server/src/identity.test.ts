import { afterAll, expect, test } from "bun:test";
import { clients, messages, webhookReceipts } from "@confirma/db";
import { count, eq } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

const t = await openTestApp();
afterAll(() => t.close());

test("every spelling of one number is one client", async () => {
  const first = await t.call("POST", "/api/clients", { phoneNumber: "+33 6 12 34 56 78" });
  expect(first.status).toBe(201);
  for (const spelling of ["0612345678", "0033612345678", "33612345678@s.whatsapp.net", "whatsapp:+33612345678", "+33612345678"]) {
    const again = await t.call("POST", "/api/clients", { phoneNumber: spelling });
    expect({ spelling, status: again.status, id: again.body.id }).toEqual({ spelling, status: 200, id: first.body.id });
  }
  for (const from of ["33612345678@s.whatsapp.net", "+33 6 12 34 56 78", "0612345678", "whatsapp:+33612345678", "33612345678@c.us"]) {
    const delivery = await t.call("POST", "/api/webhook/whatsapp", { from, body: "bonjour", type: "text" });
    expect({ from, clientId: delivery.body.clientId }).toEqual({ from, clientId: first.body.id });
  }
  const [row] = await t.db.select({ n: count() }).from(clients).where(eq(clients.phoneNumber, "+33612345678"));
  expect(row?.n).toBe(1);
});

test("50 concurrent first messages from one new number create exactly one client", async () => {
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, index) =>
      t.call("POST", "/api/webhook/whatsapp", { from: "33700000050@s.whatsapp.net", body: `message ${index}`, type: "text", id: `burst-${index}` }),
    ),
  );
  expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
  expect(new Set(responses.map((response) => response.body.clientId)).size).toBe(1);
  const [clientRows] = await t.db.select({ n: count() }).from(clients).where(eq(clients.phoneNumber, "+33700000050"));
  expect(clientRows?.n).toBe(1);
  const [messageRows] = await t.db.select({ n: count() }).from(messages).where(eq(messages.clientId, responses[0]!.body.clientId));
  expect(messageRows?.n).toBe(50);
});

test("20 concurrent deliveries of one message id store one message", async () => {
  const delivery = { from: "33700000020@s.whatsapp.net", body: "oui", type: "text", id: "wamid.same-message" };
  const responses = await Promise.all(Array.from({ length: 20 }, () => t.call("POST", "/api/webhook/whatsapp", delivery)));
  expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
  expect(new Set(responses.map((response) => response.body.clientId)).size).toBe(1);
  const [messageRows] = await t.db.select({ n: count() }).from(messages).where(eq(messages.providerMessageId, "wamid.same-message"));
  expect(messageRows?.n).toBe(1);
  const [receiptRows] = await t.db.select({ n: count() }).from(webhookReceipts).where(eq(webhookReceipts.providerMessageId, "wamid.same-message"));
  expect(receiptRows?.n).toBe(1);
});

test("a redelivered message changes nothing, not even lastContact", async () => {
  const delivery = { from: "33700000021@s.whatsapp.net", body: "bonjour", type: "text", id: "redelivered-1", timestamp: "1764000000" };
  const first = await t.call("POST", "/api/webhook/whatsapp", delivery);
  const before = await t.call("GET", `/api/clients/${first.body.clientId}`);
  const again = await t.call("POST", "/api/webhook/whatsapp", { ...delivery, timestamp: String(Math.floor(Date.now() / 1000)) });
  expect(again.status).toBe(200);
  expect(again.body.clientId).toBe(first.body.clientId);
  const after = await t.call("GET", `/api/clients/${first.body.clientId}`);
  expect(after.body.lastContact).toBe(before.body.lastContact);
});

test("lastContact only moves forward", async () => {
  const newer = await t.call("POST", "/api/webhook/whatsapp", { from: "33700000022", body: "b", type: "text", timestamp: "1764000100" });
  await t.call("POST", "/api/webhook/whatsapp", { from: "33700000022", body: "a", type: "text", timestamp: "1764000000" });
  const client = await t.call("GET", `/api/clients/${newer.body.clientId}`);
  expect(client.body.lastContact).toBe(new Date(1764000100 * 1000).toISOString());
});
