import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureFirstAdmin } from "@confirma/api";
import {
  auditEvents,
  callOutcomes,
  changeEvents,
  clients,
  jobs,
  messages,
  orderItems,
  orders,
  settings,
  statusChanges,
  users,
  webhookReceipts,
} from "@confirma/db";
import { count } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

const dashboardDir = mkdtempSync(join(tmpdir(), "confirma-dashboard-"));
writeFileSync(join(dashboardDir, "index.html"), "<!doctype html><title>Confirma</title>");
const logLines: string[] = [];
const t = await openTestApp({}, { log: (line) => logLines.push(line), dashboardDir });
afterAll(async () => {
  await t.close();
  rmSync(dashboardDir, { recursive: true, force: true });
});

async function tableCounts() {
  const tables = { clients, orders, orderItems, messages, webhookReceipts, statusChanges, changeEvents, users, settings, jobs, auditEvents, callOutcomes };
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
    ["invalid JSON (client)", () => ["POST", "/api/clients", '{"phoneNumber": '], 400, "invalid_json"],
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
    [
      "body over 1 MiB (webhook)",
      () => ["POST", "/api/webhook/whatsapp", { from: "33699999999", body: "é".repeat(600 * 1024), type: "text" }],
      413,
      "payload_too_large",
    ],
    ["missing key (client)", () => ["POST", "/api/clients", { phoneNumber: "+33699999999" }, { key: null }], 401, "unauthorized"],
    ["wrong key (client)", () => ["POST", "/api/clients", { phoneNumber: "+33699999999" }, { key: "wrong-key-wrong-key-wrong" }], 401, "unauthorized"],
    ["missing key (webhook)", () => ["POST", "/api/webhook/whatsapp", { from: "33699999999", body: "oui", type: "text" }, { key: null }], 401, "unauthorized"],
    ["wrong key (webhook)", () => ["POST", "/api/webhook/whatsapp", { from: "33699999999", body: "oui", type: "text" }, { key: "nope" }], 401, "unauthorized"],
    ["bearer with wrong key", () => ["POST", "/api/orders", validOrder(), { key: null, headers: { authorization: "Bearer nope" } }], 401, "unauthorized"],
    ["missing key (list)", () => ["GET", "/api/clients", undefined, { key: null }], 401, "unauthorized"],
    ["illegal transition", () => ["PUT", `/api/orders/${orderId}`, { status: "delivered" }], 409, "illegal_transition"],
    ["unknown order status", () => ["PUT", `/api/orders/${orderId}`, { status: "lost" }], 400, "invalid_input"],
    [
      "form body on a JSON route",
      () => ["POST", "/api/clients", "phoneNumber=1", { headers: { "content-type": "application/x-www-form-urlencoded" } }],
      415,
      "unsupported_media_type",
    ],
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

describe("control characters in text inputs are refused with 400 invalid_input, writing nothing", () => {
  const line = (patch: Record<string, unknown>) => ({ clientId, products: [{ id: "prod1", name: "Produit A", price: 29.99, quantity: 2, ...patch }] });
  const cases: [string, () => [string, string, unknown?]][] = [
    ["NUL in a client name", () => ["POST", "/api/clients", { phoneNumber: "+33699999999", name: "a\u0000b" }]],
    ["bell in a client name", () => ["POST", "/api/clients", { phoneNumber: "+33699999999", name: "a\u0007b" }]],
    ["line break inside a client name", () => ["POST", "/api/clients", { phoneNumber: "+33699999999", name: "Jeanne\nDupont" }]],
    ["C1 control in a client name", () => ["POST", "/api/clients", { phoneNumber: "+33699999999", name: "a\u0085b" }]],
    ["lone surrogate in a client name", () => ["POST", "/api/clients", '{"phoneNumber":"+33699999999","name":"a\\ud800b"}']],
    ["NUL in a client name on update", () => ["PUT", `/api/clients/${clientId}`, { name: "a\u0000b" }]],
    ["NUL in a search", () => ["GET", "/api/clients?search=a%00b"]],
    ["escape in a search", () => ["GET", "/api/clients?search=a%1Bb"]],
    ["NUL in a client id (path)", () => ["GET", "/api/clients/a%00b"]],
    ["NUL in a client id (update path)", () => ["PUT", "/api/clients/a%00b", { name: "x" }]],
    ["NUL in a client id (delete path)", () => ["DELETE", "/api/clients/a%00b"]],
    ["NUL in a client id (messages path)", () => ["GET", "/api/clients/a%00b/messages"]],
    ["NUL in a cursor", () => ["GET", "/api/clients?cursor=a%00b"]],
    ["NUL in an order id (path)", () => ["GET", "/api/orders/a%00b"]],
    ["NUL in an order id (status path)", () => ["PUT", "/api/orders/a%00b", { status: "confirmed" }]],
    ["NUL in a clientId filter", () => ["GET", "/api/orders?clientId=a%00b"]],
    ["NUL in an order's clientId", () => ["POST", "/api/orders", { clientId: "a\u0000b", products: [{ id: "p", name: "P", price: 1, quantity: 1 }] }]],
    ["NUL in a product name", () => ["POST", "/api/orders", line({ name: "Pro\u0000duit" })]],
    ["NUL in a product id", () => ["POST", "/api/orders", line({ id: "p\u00001" })]],
    ["DEL in a product id", () => ["POST", "/api/orders", line({ id: "p\u007f1" })]],
  ];
  for (const [name, build] of cases) {
    test(name, async () => {
      const before = await tableCounts();
      const [method, path, body] = build();
      const response = await t.call(method, path, body);
      expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status: 400, code: "invalid_input" });
      expect(typeof response.body.error.requestId).toBe("string");
      expect(await tableCounts()).toEqual(before);
    });
  }

  test("tabs and line breaks stay welcome in a product name, where integrations send them", async () => {
    const response = await t.call("POST", "/api/orders", line({ name: "T-shirt\tbleu\nTaille M" }));
    expect(response.status).toBe(201);
    expect(response.body.products[0].name).toBe("T-shirt\tbleu\nTaille M");
  });
});

describe("tRPC text inputs refuse control characters with BAD_REQUEST invalid_input, writing nothing", () => {
  let adminCookie = "";
  beforeAll(async () => {
    await ensureFirstAdmin(t.db, { email: "admin@example.com", password: "correct horse battery" });
    const login = await t.call("POST", "/trpc/auth.login", { email: "admin@example.com", password: "correct horse battery" }, { key: null });
    adminCookie = login.headers.get("set-cookie")!.split(";")[0]!;
  });
  const settingsWith = (patch: Record<string, unknown>) => ({
    enabled: true,
    sendDelayMs: 0,
    remindersMs: [],
    timeoutMs: 86_400_000,
    autoCancelAfterMs: null,
    quietHours: null,
    timeZone: "Europe/Paris",
    language: "fr",
    templates: { confirmation: "order_confirmation", reminder: "order_reminder" },
    texts: {},
    ...patch,
  });

  const cases: [string, string, () => unknown, "admin" | "key" | "nobody"][] = [
    ["users.create with NUL in the name", "users.create", () => ({ email: "bob@example.com", name: "Bo\u0000b", password: "a long enough password" }), "admin"],
    [
      "users.create with NUL in the e-mail",
      "users.create",
      () => ({ email: "bo\u0000b@example.com", name: "Bob", password: "a long enough password" }),
      "admin",
    ],
    ["users.update with NUL in the name", "users.update", () => ({ id: "0190a000-0000-7000-8000-000000000000", name: "Bo\u0000b" }), "admin"],
    ["auth.login with NUL in the e-mail", "auth.login", () => ({ email: "x\u0000@example.com", password: "whatever password" }), "nobody"],
    ["clients.create with NUL in the name", "clients.create", () => ({ phoneNumber: "+33699999999", name: "a\u0000b" }), "key"],
    ["clients.list with NUL in the search", "clients.list", () => ({ search: "a\u0000b" }), "key"],
    ["clients.get with NUL in the id", "clients.get", () => ({ id: "a\u0000b" }), "key"],
    ["orders.create with NUL in a product name", "orders.create", () => ({ clientId, products: [{ id: "p", name: "P\u0000", price: 1, quantity: 1 }] }), "key"],
    ["messages.send with NUL in the text", "messages.send", () => ({ clientId, text: "Bonjour\u0000" }), "admin"],
    ["calls.recordOutcome with NUL in the note", "calls.recordOutcome", () => ({ orderId, outcome: "no_answer", note: "rappeler\u0000" }), "admin"],
    [
      "settings.updateConfirmation with NUL in a text",
      "settings.updateConfirmation",
      () => settingsWith({ texts: { fr: { confirmation: "Bonjour\u0000", reminder: "R", confirmButton: "Oui", cancelButton: "Non" } } }),
      "admin",
    ],
    [
      "settings.updateConfirmation with a line break in a button",
      "settings.updateConfirmation",
      () => settingsWith({ texts: { fr: { confirmation: "Bonjour", reminder: "R", confirmButton: "O\nui", cancelButton: "Non" } } }),
      "admin",
    ],
  ];
  for (const [name, path, input, who] of cases) {
    test(name, async () => {
      const before = await tableCounts();
      const options: { key?: null; headers?: Record<string, string> } =
        who === "key" ? {} : { key: null, headers: who === "admin" ? { cookie: adminCookie } : {} };
      const query = path === "clients.list" || path === "clients.get";
      const response = query
        ? await t.call("GET", `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input()))}`, undefined, options)
        : await t.call("POST", `/trpc/${path}`, input(), options);
      expect({ status: response.status, code: response.body?.error?.data?.code, errorCode: response.body?.error?.data?.errorCode }).toEqual({
        status: 400,
        code: "BAD_REQUEST",
        errorCode: "invalid_input",
      });
      expect(await tableCounts()).toEqual(before);
    });
  }

  test("a password may hold any character: it is only ever hashed", async () => {
    const response = await t.call("POST", "/trpc/auth.login", { email: "admin@example.com", password: "wrong\u0000password" }, { key: null });
    expect({ status: response.status, errorCode: response.body.error.data.errorCode }).toEqual({ status: 401, errorCode: "unauthorized" });
  });

  test("a line break is welcome in a message and a call note", async () => {
    const response = await t.call(
      "POST",
      "/trpc/calls.recordOutcome",
      { orderId, outcome: "no_answer", note: "pas de réponse\nrappeler demain" },
      { key: null, headers: { cookie: adminCookie } },
    );
    expect(response.status).toBe(200);
  });
});

describe("a malformed percent-encoding is a 400, logged without a stack", () => {
  const cases: [string, string][] = [
    ["a dashboard path", "/%E0%A4%A"],
    ["a dashboard path with a lone %", "/orders/50%"],
    ["an API path", "/api/clients/%E0%A4%A"],
    ["an API query", "/api/clients?search=%E0%A4%A"],
    ["an invalid UTF-8 byte", "/api/orders/%FF"],
  ];
  for (const [name, path] of cases) {
    test(name, async () => {
      logLines.length = 0;
      const response = await t.call("GET", path);
      expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status: 400, code: "invalid_input" });
      expect(typeof response.body.error.requestId).toBe("string");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      const logged = logLines.map((entry) => JSON.parse(entry));
      expect(logged.filter((entry) => entry.level === "error")).toEqual([]);
      expect(logLines.join("\n")).not.toContain("stack");
    });
  }

  for (const path of ["/trpc/clients.list%E0%A4%A", "/trpc/clients.list?input=%E0%A4%A"]) {
    test(`tRPC answers it in its own error shape: ${path}`, async () => {
      logLines.length = 0;
      const response = await t.call("GET", path);
      expect({ status: response.status, code: response.body?.error?.data?.code, errorCode: response.body?.error?.data?.errorCode }).toEqual({
        status: 400,
        code: "BAD_REQUEST",
        errorCode: "invalid_input",
      });
      expect(logLines.map((entry) => JSON.parse(entry).level)).not.toContain("error");
    });
  }

  test("well-formed escapes still reach the dashboard and the API", async () => {
    expect((await t.call("GET", "/orders/%C3%A9t%C3%A9")).status).toBe(200);
    expect((await t.call("GET", "/orders/%25E0%25A4%25A")).status).toBe(200);
    expect((await t.call("GET", "/api/clients?search=%C3%A9")).status).toBe(200);
  });
});
