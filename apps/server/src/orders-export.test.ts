import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUser } from "@confirma/api/testing";
import { orderItems, orders } from "@confirma/db";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

/**
 * `GET /api/orders/export`: every order matching the list's filters, as an XLSX workbook with
 * typed cells (phones text, amounts numbers with their currency, dates dates) or as the French
 * Excel CSV, streamed. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
const t = await openTestApp();
afterAll(() => t.close());
const dir = mkdtempSync(join(tmpdir(), "confirma-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BULK = 1_100; // more than two of the export's batches
let amina: { id: string; orderId: string };
let karim: { orderId: string };

async function download(query: string, key: string | null = TEST_KEY) {
  const response = await t.app.request(`/api/orders/export?${query}`, { headers: key ? { "x-api-key": key } : {} });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function workbookOf(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook.worksheets[0]!;
}

beforeAll(async () => {
  const client = await t.call("POST", "/api/clients", { phoneNumber: "+33612345678", name: "Amina Élise" });
  const order = await t.call("POST", "/api/orders", {
    clientId: client.body.id,
    products: [
      { id: "p1", name: "Crème hydratante", price: 29.99, quantity: 2 },
      { id: "p2", name: "Savon", price: 49.99, quantity: 1 },
    ],
  });
  amina = { id: client.body.id, orderId: order.body.id };
  await t.call("PATCH", `/api/orders/${order.body.id}`, { shippingAddress: { address1: "12 rue de la Gare", city: "Périgueux", postcode: "24000" } });
  await t.db.update(orders).set({ externalNumber: "#1001" }).where(eq(orders.id, order.body.id));
  await t.call("PUT", `/api/orders/${order.body.id}`, { status: "confirmed" });

  const other = await t.call("POST", "/api/clients", { phoneNumber: "+212612345678", name: "Karim" });
  const mad = await t.call("POST", "/api/orders", {
    clientId: other.body.id,
    currency: "MAD",
    products: [{ id: "t", name: "Théière", price: 350, quantity: 1 }],
  });
  karim = { orderId: mad.body.id };
  await t.call("PATCH", `/api/orders/${mad.body.id}`, { shippingAddress: { address1: "Derb Sidi Bouloukat", city: "Marrakech" } });

  // Bulk: orders of Karim created long ago, inserted directly (the export reads them in batches).
  const createdAt = new Date("2024-03-01T10:00:00Z");
  const rows = await t.db
    .insert(orders)
    .values(Array.from({ length: BULK }, () => ({ clientId: other.body.id, currency: "EUR", totalMinor: 1_000, createdAt })))
    .returning({ id: orders.id });
  await t.db.insert(orderItems).values(rows.map((row) => ({ orderId: row.id, position: 0, productId: "b", name: "Lot", unitPriceMinor: 1_000, quantity: 1 })));
}, 60_000);

test("the XLSX has typed cells: phones as text with their +, amounts as numbers with the currency, dates as dates", async () => {
  const { response, bytes } = await download("format=xlsx&tz=Europe/Paris&city=perigueux");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="commandes-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  const sheet = await workbookOf(bytes);
  expect(sheet.rowCount).toBe(2);
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual([
    "Date de création",
    "Commande",
    "Client",
    "Téléphone",
    "Statut",
    "Date du statut",
    "Total",
    "Devise",
    "Produits",
    "Ville",
    "Adresse",
    "À vérifier",
    "Boutique",
    "N° dans la boutique",
    "Identifiant",
  ]);
  const row = sheet.getRow(2);
  const cell = (name: string) => row.getCell(header.indexOf(name) + 1);
  expect(cell("Téléphone").value).toBe("+33612345678");
  expect(cell("Téléphone").type).toBe(ExcelJS.ValueType.String);
  expect(cell("Total").value).toBe(109.97);
  expect(cell("Total").numFmt).toBe('#,##0.00 "EUR"');
  expect(cell("Date de création").value).toBeInstanceOf(Date);
  expect(cell("Date de création").numFmt).toBe("yyyy-mm-dd hh:mm");
  expect(cell("Commande").value).toBe(`#${amina.orderId.slice(-6).toUpperCase()}`);
  expect(cell("Statut").value).toBe("Confirmée");
  expect(cell("Ville").value).toBe("Périgueux");
  expect(cell("Adresse").value).toBe("12 rue de la Gare, 24000");
  expect(cell("Produits").value).toBe("2 × Crème hydratante, 1 × Savon");
  expect(cell("N° dans la boutique").value).toBe("#1001");
  expect(cell("Identifiant").value).toBe(amina.orderId);
  // The date is the Paris wall clock (what Excel shows), not UTC.
  const [created] = await t.db.select({ at: orders.createdAt }).from(orders).where(eq(orders.id, amina.orderId));
  const paris = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" }).format(created!.at);
  expect((cell("Date de création").value as Date).toISOString().slice(0, 16).replace("T", " ")).toBe(paris);
});

test.skipIf(!Bun.which("ssconvert"))("gnumeric's ssconvert opens the XLSX with phone numbers intact", async () => {
  const { bytes } = await download("format=xlsx&lang=en&item=the");
  const xlsx = join(dir, "orders.xlsx");
  const csv = join(dir, "orders.csv");
  writeFileSync(xlsx, bytes);
  const run = Bun.spawnSync(["ssconvert", xlsx, csv], { stderr: "pipe", stdout: "pipe" });
  expect(run.exitCode).toBe(0);
  const lines = readFileSync(csv, "utf8").trim().split("\n");
  expect(lines[0]).toStartWith("Created,Order,Client,Phone,Status");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(",+212612345678,"); // text with its plus, not 212612345678 or 2.12612E+11
  expect(lines[1]).toContain("Marrakech");
  expect(lines[1]).toMatch(/,350(\.00)?( MAD)?,/);
});

test("everything matching is exported, not a page: more than two batches, newest first", async () => {
  const { response, bytes } = await download("format=csv");
  expect(response.status).toBe(200);
  const lines = new TextDecoder().decode(bytes).split("\r\n").filter(Boolean);
  expect(lines).toHaveLength(1 + BULK + 2);
  const xlsx = await workbookOf((await download("format=xlsx")).bytes);
  expect(xlsx.rowCount).toBe(1 + BULK + 2);
});

test('the CSV keeps the French Excel conventions: BOM, `;`, decimal comma, phones as ="+33…"', async () => {
  const { response, bytes } = await download(`format=csv&number=%23${amina.orderId.slice(-6).toUpperCase()}`);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith("\uFEFFDate de création;Commande;Client;Téléphone;Statut;")).toBe(true);
  const [, row] = text.slice(1).split("\r\n");
  const cells = row!.split(";");
  expect(cells[3]).toBe('"=""+33612345678"""');
  expect(cells[6]).toBe("109,97");
  expect(cells[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(cells.at(-1)).toBe(amina.orderId);
});

test.each([
  ["externalNumber=1001", () => [amina.orderId]],
  ["externalNumber=%231001", () => [amina.orderId]],
  ["address=GARE", () => [amina.orderId]],
  ["address=sidi", () => [karim.orderId]],
  ["city=marrakech", () => [karim.orderId]],
  ["item=creme", () => [amina.orderId]],
  ["item=th%C3%A9i%C3%A8re", () => [karim.orderId]],
  ["status=confirmed", () => [amina.orderId]],
  ["number=zzz", () => []],
])("filter %s selects the same orders in the list and the export", async (query, expected) => {
  const list = await t.call("GET", `/api/orders?${query}&limit=200`);
  expect(list.status).toBe(200);
  expect(list.body.items.map((order: { id: string }) => order.id)).toEqual(expected());
  const { bytes } = await download(`format=csv&${query}`);
  const ids = new TextDecoder()
    .decode(bytes)
    .split("\r\n")
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(";").at(-1));
  expect(ids).toEqual(expected());
});

test("by status date: confirmed in a window, whenever created", async () => {
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const { bytes } = await download(`format=csv&statusChangedFrom=${encodeURIComponent(from)}&status=confirmed`);
  const ids = new TextDecoder()
    .decode(bytes)
    .split("\r\n")
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(";").at(-1));
  expect(ids).toEqual([amina.orderId]);
  const old = await download(`format=csv&to=${encodeURIComponent("2024-06-01T00:00:00Z")}`);
  expect(new TextDecoder().decode(old.bytes).split("\r\n").filter(Boolean)).toHaveLength(1 + BULK);
});

test.each([
  ["format=pdf", "invalid_input"],
  ["tz=Mars/Olympus", "invalid_input"],
  ["lang=de", "invalid_input"],
  ["limit=10", "unknown_field"],
  ["from=yesterday", "invalid_input"],
])("%s is refused with 400 %s", async (query, code) => {
  const { response, bytes } = await download(query);
  expect(response.status).toBe(400);
  expect(JSON.parse(new TextDecoder().decode(bytes)).error.code).toBe(code);
});

test("the export needs the integration key", async () => {
  const { response } = await download("format=csv", null);
  expect(response.status).toBe(401);
});

test("the dashboard downloads with its session from its own pages, never from another site", async () => {
  await createUser(t.db, { email: "agent@example.com", name: "Agent", password: "agent password 1", role: "agent" });
  const login = await t.app.request("/trpc/auth.login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "agent@example.com", password: "agent password 1" }),
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const get = (headers: Record<string, string>) => t.app.request("/downloads/orders?format=csv&lang=en&city=marrakech", { headers });
  const own = await get({ cookie, "sec-fetch-site": "same-origin" });
  expect(own.status).toBe(200);
  expect(own.headers.get("content-disposition")).toMatch(/filename="orders-\d{4}-\d{2}-\d{2}\.csv"/);
  const lines = (await own.text()).split("\r\n").filter(Boolean);
  expect(lines).toHaveLength(2);
  expect(lines[1]!.endsWith(`;${karim.orderId}`)).toBe(true);
  expect((await get({ cookie, "sec-fetch-site": "cross-site" })).status).toBe(401);
  expect((await get({})).status).toBe(401);
  expect((await get({ cookie: "confirma_session=forged" })).status).toBe(401);
  expect((await get({ "x-api-key": TEST_KEY })).status).toBe(200);
  expect((await t.app.request("/downloads/orders?format=doc", { headers: { cookie } })).status).toBe(400);
});
