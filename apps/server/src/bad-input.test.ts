import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { changeEvents, clients, messages, orderItems, orders, statusChanges, webhookReceipts } from "@confirma/db";
import { count } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

const t = await openTestApp();
afterAll(() => t.close());

async function tableCounts() {
  const tables = { clients, orders, orderItems, messages, webhookReceipts, statusChanges, changeEvents };
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => [name, (await t.db.select({ n: count() }).from(table))[0]?.n] as const),
  );
  return Object.fromEntries(entries);
}

let clientId = "";
let orderId = "";
beforeAll(async () => {
  clientId = (await t.call("POST", "/api/clients", { phoneNumber: "+33612345678", name: "Test" })).body.id;
  orderId = (await t.call("POST", "/api/orders", { clientId, products: [{ id: "p", name: "P", price: 10, quantity: 1 }] })).body.id;
});

const validOrder = () => ({ clientId, products: [{ id: "prod1", name: "Produit A", price: 29.99, quantity: 2 }] });
const product = (patch: Record<string, unknown>) => ({ clientId, products: [{ id: "prod1", name: "Produit A", price: 29.99, quantity: 2, ...patch }] });

describe("bad input gets its 4xx, its error code, and writes nothing", () => {
  const cases: [string, () => [string, string, unknown, Record<string, unknown>?], number, string][] = [
    ["invalid JSON (client)", () => ["POST", "/api/clients", "{\"phoneNumber\": "], 400, "invalid_json"],
    ["invalid JSON (webhook)", () => ["POST", "/api/webhook/whatsapp", "{not json"], 400, "invalid_json"],
    ["invalid JSON (order)", () => ["POST", "/api/orders", "[1,2"], 400, "invalid_json"],
    ["unknown field (client)", () => ["POST", "/api/clients", { phoneNumber: "+33699999999", age: 3 }], 400, "unknown_field"],
    ["unknown field (order)", () => ["POST", "/api/orders", { ...validOrder(), discount: 5 }], 400, "unknown_field"],
    ["unknown field (product line)", () => ["POST", "/api/orders", product({ color: "red" })], 400, "unknown_field"],
    ["unknown field (webhook)", () => ["POST", "/api/webhook/whatsapp", { from: "33699999999", body: "oui", type: "text", extra: 1 }], 400, "invalid_payload"],
    ["missing phoneNumber", () => ["POST", "/api/clients", { name: "x" }], 400, "missing_field"],
    ["missing products", () => ["POST", "/api/orders", { clientId }], 400, "missing_field"],
    ["missing body (webhook)", () => ["POST", "/api/webhook/whatsapp", { from: "33699999999", type: "text" }], 400, "invalid_payload"],
    ["wrong type", () => ["POST", "/api/clients", { phoneNumber: 33612345678 }], 400, "invalid_input"],
    ["invalid client status", () => ["POST", "/api/clients", { phoneNumber: "+33699999999", status: "vip" }], 400, "invalid_input"],
    ["invalid phone", () => ["POST", "/api/clients", { phoneNumber: "12" }], 400, "invalid_phone"],
    ["not a phone", () => ["POST", "/api/clients", { phoneNumber: "bonjour" }], 400, "invalid_phone"],
    ["invalid phone on update", () => ["PUT", `/api/clients/${clientId}`, { phoneNumber: "+33 6" }], 400, "invalid_phone"],
    ["invalid webhook sender", () => ["POST", "/api/webhook/whatsapp", { from: "abc", body: "oui", type: "text" }], 400, "invalid_phone"],
    ["negative price", () => ["POST", "/api/orders", product({ price: -1 })], 400, "invalid_price"],
    ["price with too many decimals", () => ["POST", "/api/orders", product({ price: 29.999 })], 400, "invalid_price"],
    ["price as a string", () => ["POST", "/api/orders", product({ price: "29.99" })], 400, "invalid_input"],
    ["quantity 0", () => ["POST", "/api/orders", product({ quantity: 0 })], 400, "invalid_quantity"],
    ["quantity 1.5", () => ["POST", "/api/orders", product({ quantity: 1.5 })], 400, "invalid_quantity"],
    ["negative quantity", () => ["POST", "/api/orders", product({ quantity: -2 })], 400, "invalid_quantity"],
    ["empty products", () => ["POST", "/api/orders", { clientId, products: [] }], 400, "empty_order"],
    ["unknown currency", () => ["POST", "/api/orders", { ...validOrder(), currency: "ZZZ" }], 400, "invalid_currency"],
    ["order for an unknown client", () => ["POST", "/api/orders", { ...validOrder(), clientId: "0190a000-0000-7000-8000-000000000000" }], 404, "not_found"],
    ["body over 1 MiB (client)", () => ["POST", "/api/clients", { phoneNumber: "+33699999999", name: "x".repeat(1024 * 1024) }], 413, "payload_too_large"],
    ["body over 1 MiB (webhook)", () => ["POST", "/api/webhook/whatsapp", { from: "33699999999", body: "é".repeat(600 * 1024), type: "text" }], 413, "payload_too_large"],
    ["missing key (client)", () => ["POST", "/api/clients", { phoneNumber: "+33699999999" }, { key: null }], 401, "unauthorized"],
    ["wrong key (client)", () => ["POST", "/api/clients", { phoneNumber: "+33699999999" }, { key: "wrong-key-wrong-key-wrong" }], 401, "unauthorized"],
    ["missing key (webhook)", () => ["POST", "/api/webhook/whatsapp", { from: "33699999999", body: "oui", type: "text" }, { key: null }], 401, "unauthorized"],
    ["wrong key (webhook)", () => ["POST", "/api/webhook/whatsapp", { from: "33699999999", body: "oui", type: "text" }, { key: "nope" }], 401, "unauthorized"],
    ["bearer with wrong key", () => ["POST", "/api/orders", validOrder(), { key: null, headers: { authorization: "Bearer nope" } }], 401, "unauthorized"],
    ["missing key (list)", () => ["GET", "/api/clients", undefined, { key: null }], 401, "unauthorized"],
    ["illegal transition", () => ["PUT", `/api/orders/${orderId}`, { status: "delivered" }], 409, "illegal_transition"],
    ["unknown order status", () => ["PUT", `/api/orders/${orderId}`, { status: "lost" }], 400, "invalid_input"],
    ["form body on a JSON route", () => ["POST", "/api/clients", "phoneNumber=1", { headers: { "content-type": "application/x-www-form-urlencoded" } }], 415, "unsupported_media_type"],
    ["unknown webhook shape", () => ["POST", "/api/webhook/whatsapp", { hello: "world" }], 400, "unknown_provider"],
    ["unknown provider path", () => ["POST", "/api/webhook/whatsapp/telegram", { from: "33699999999", body: "oui" }], 404, "not_found"],
    ["bad cursor", () => ["GET", "/api/clients?cursor=abc", undefined], 400, "invalid_input"],
    ["limit out of range", () => ["GET", "/api/clients?limit=100000", undefined], 400, "invalid_input"],
  ];

  for (const [name, build, status, code] of cases) {
    test(name, async () => {
      const before = await tableCounts();
      const [method, path, body, options] = build();
      const response = await t.call(method, path, body, options as never);
      expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
      expect(typeof response.body.error.message).toBe("string");
      expect(typeof response.body.error.requestId).toBe("string");
      expect(await tableCounts()).toEqual(before);
    });
  }
});

test("a client with an open order cannot be deleted; without one it can", async () => {
  const refused = await t.call("DELETE", `/api/clients/${clientId}`);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("client_has_open_orders");
  const other = await t.call("POST", "/api/clients", { phoneNumber: "+33698000000" });
  const deleted = await t.call("DELETE", `/api/clients/${other.body.id}`);
  expect(deleted.status).toBe(204);
  expect((await t.call("GET", `/api/clients/${other.body.id}`)).status).toBe(404);
});

test("a phone number that belongs to another client cannot be taken", async () => {
  const other = await t.call("POST", "/api/clients", { phoneNumber: "+33645000000" });
  const response = await t.call("PUT", `/api/clients/${other.body.id}`, { phoneNumber: "06 12 34 56 78" });
  expect(response.status).toBe(409);
  expect(response.body.error.code).toBe("phone_taken");
});

test("an unknown route answers the error shape", async () => {
  const response = await t.call("GET", "/api/nothing");
  expect(response.status).toBe(404);
  expect(response.body.error.code).toBe("not_found");
});
