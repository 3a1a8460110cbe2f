import { afterAll, beforeAll, expect, test } from "bun:test";
import { orders, statusChanges } from "@confirma/db";
import { and, asc, eq } from "drizzle-orm";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

/**
 * `POST /api/orders/status-import`: a courier's CSV of order numbers and statuses sets shipped /
 * delivered / returned line by line, through the one transition module, with a report per line.
 * Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
const t = await openTestApp();
afterAll(() => t.close());

const ids: Record<"confirmed" | "shipped" | "pending" | "store" | "delivered", string> = { confirmed: "", shipped: "", pending: "", store: "", delivered: "" };
const human = (id: string) => `#${id.slice(-6).toUpperCase()}`;

async function upload(csv: string, { dryRun = false, type = "text/csv" } = {}) {
  const response = await t.app.request(`/api/orders/status-import${dryRun ? "?dryRun=true" : ""}`, {
    method: "POST",
    headers: { "x-api-key": TEST_KEY, "content-type": type },
    body: csv,
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function statusOf(id: string) {
  const [row] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id));
  return row!.status;
}

beforeAll(async () => {
  const client = await t.call("POST", "/api/clients", { phoneNumber: "+212612340001", name: "Salma" });
  // A different parcel each: the same items within a day would be flagged as duplicates of each other.
  const order = async (parcel: string) =>
    (await t.call("POST", "/api/orders", { clientId: client.body.id, products: [{ id: parcel, name: `Colis ${parcel}`, price: 20, quantity: 1 }] })).body
      .id as string;
  for (const name of Object.keys(ids) as (keyof typeof ids)[]) ids[name] = await order(name);
  for (const name of ["confirmed", "shipped", "store", "delivered"] as const) await t.call("PUT", `/api/orders/${ids[name]}`, { status: "confirmed" });
  await t.call("PUT", `/api/orders/${ids.shipped}`, { status: "shipped" });
  await t.call("PUT", `/api/orders/${ids.delivered}`, { status: "shipped" });
  await t.call("PUT", `/api/orders/${ids.delivered}`, { status: "delivered" });
  await t.db.update(orders).set({ externalNumber: "#2001" }).where(eq(orders.id, ids.store));
});

const courierFile = () =>
  [
    "N° commande;Statut;Date",
    `${human(ids.confirmed)};Livrée;28/11/2025`,
    `${ids.shipped};retourné;`,
    `2001;EXPÉDIÉ;2025-11-29`,
    `${human(ids.pending)};livré;`,
    `${human(ids.delivered)};delivered;`,
    `#FFFFFF;livré;`,
    `${human(ids.confirmed)};perdu;`,
    `${human(ids.confirmed)};livré;hier`,
  ].join("\r\n");

test("a dry run reports every line and writes nothing", async () => {
  const before = await t.db.select().from(statusChanges);
  const { status, body } = await upload(courierFile(), { dryRun: true });
  expect(status).toBe(200);
  expect(body.dryRun).toBe(true);
  expect(body.rows.map((row: any) => [row.line, row.outcome])).toEqual([
    [2, "applied"],
    [3, "applied"],
    [4, "applied"],
    [5, "invalid_transition"],
    [6, "unchanged"],
    [7, "not_found"],
    [8, "invalid_status"],
    [9, "invalid_date"],
  ]);
  expect(body.counts).toMatchObject({ applied: 3, unchanged: 1, not_found: 1, invalid_transition: 1, invalid_status: 1, invalid_date: 1, ambiguous: 0 });
  expect(body.rows[0]).toMatchObject({ orderId: ids.confirmed, from: "confirmed", to: "delivered", status: "delivered" });
  expect(await t.db.select().from(statusChanges)).toHaveLength(before.length);
  expect(await statusOf(ids.confirmed)).toBe("confirmed");
});

test("applied line by line: delivered (through shipped), returned, shipped by the store's number; the rest reported", async () => {
  const { status, body } = await upload(courierFile());
  expect(status).toBe(200);
  expect(body.dryRun).toBe(false);
  expect(body.counts).toMatchObject({ applied: 3, unchanged: 1, not_found: 1, invalid_transition: 1, invalid_status: 1, invalid_date: 1 });
  expect(await statusOf(ids.confirmed)).toBe("delivered");
  expect(await statusOf(ids.shipped)).toBe("returned");
  expect(await statusOf(ids.store)).toBe("shipped");
  expect(await statusOf(ids.pending)).toBe("pending");
  // The missing step is recorded, both by the key with the reason `import`, at the courier's date
  // (never before the confirmation it follows).
  const changes = await t.db
    .select()
    .from(statusChanges)
    .where(and(eq(statusChanges.entity, "order"), eq(statusChanges.entityId, ids.confirmed)))
    .orderBy(asc(statusChanges.createdAt), asc(statusChanges.id));
  expect(changes.map((change) => [change.fromStatus, change.toStatus, change.reason])).toEqual([
    [null, "pending", "created"],
    ["pending", "confirmed", "manual"],
    ["confirmed", "shipped", "import"],
    ["shipped", "delivered", "import"],
  ]);
  expect(changes[2]!.actorType).toBe("api_key");
  expect(changes[3]!.createdAt.getTime() - changes[1]!.createdAt.getTime()).toBeWithin(0, 2);
  const order = await t.call("GET", `/api/orders/${ids.confirmed}`);
  expect(order.body.status).toBe("delivered");
  // Run again: nothing left to do.
  const again = await upload(courierFile());
  expect(again.body.counts).toMatchObject({ applied: 0, unchanged: 4 });
});

test("a file without a header, comma separated, and a multipart upload", async () => {
  const client = await t.call("POST", "/api/clients", { phoneNumber: "+212612340002" });
  const id = (await t.call("POST", "/api/orders", { clientId: client.body.id, products: [{ id: "p", name: "Colis", price: 5, quantity: 1 }] })).body.id;
  await t.call("PUT", `/api/orders/${id}`, { status: "confirmed" });
  const plain = await upload(`${id},shipped\n`);
  expect(plain.body.rows).toEqual([{ line: 1, reference: id, status: "shipped", outcome: "applied", orderId: id, from: "confirmed", to: "shipped" }]);
  const form = new FormData();
  form.append("file", new Blob([`Order,Status\n${human(id)},Delivered\n`], { type: "text/csv" }), "courier.csv");
  const response = await t.app.request("/api/orders/status-import", { method: "POST", headers: { "x-api-key": TEST_KEY }, body: form });
  expect(response.status).toBe(200);
  expect(((await response.json()) as any).counts.applied).toBe(1);
  expect(await statusOf(id)).toBe("delivered");
});

test.each([
  ["an empty file", "", "text/csv", 400, "invalid_input"],
  ["JSON", '{"a":1}', "application/json", 415, "unsupported_media_type"],
  ["not UTF-8", "\xff\xfe", "text/csv", 400, "invalid_input"],
])("%s is refused, nothing written", async (_name, body, type, status, code) => {
  const bytes = body === "\xff\xfe" ? new Uint8Array([0xff, 0xfe, 0x41]) : body;
  const before = await t.db.select().from(statusChanges);
  const response = await t.app.request("/api/orders/status-import", { method: "POST", headers: { "x-api-key": TEST_KEY, "content-type": type }, body: bytes });
  expect(response.status).toBe(status);
  expect(((await response.json()) as any).error.code).toBe(code);
  expect(await t.db.select().from(statusChanges)).toHaveLength(before.length);
});

test("dryRun must be true or false; the key is required", async () => {
  const bad = await t.app.request("/api/orders/status-import?dryRun=yes", {
    method: "POST",
    headers: { "x-api-key": TEST_KEY, "content-type": "text/csv" },
    body: "x;livré",
  });
  expect(bad.status).toBe(400);
  const anonymous = await t.app.request("/api/orders/status-import", { method: "POST", headers: { "content-type": "text/csv" }, body: "x;livré" });
  expect(anonymous.status).toBe(401);
});

test("the dashboard's procedure runs the same import, as the signed-in user", async () => {
  const { createUser } = await import("@confirma/api/testing");
  const user = await createUser(t.db, { email: "agent@example.com", name: "Agent", password: "agent password 1", role: "agent" });
  const api = t.caller({ actor: { type: "user", id: user.id }, user: { id: user.id, email: user.email, name: user.name, role: "agent" } });
  const client = await t.call("POST", "/api/clients", { phoneNumber: "+212612340003" });
  const id = (await t.call("POST", "/api/orders", { clientId: client.body.id, products: [{ id: "p", name: "Colis", price: 5, quantity: 1 }] })).body.id;
  await t.call("PUT", `/api/orders/${id}`, { status: "confirmed" });
  const preview = await api.orders.importStatuses({ csv: `Commande;Statut\n${human(id)};expédiée\n`, dryRun: true });
  expect(preview.counts.applied).toBe(1);
  expect(await statusOf(id)).toBe("confirmed");
  await api.orders.importStatuses({ csv: `Commande;Statut\n${human(id)};expédiée\n` });
  expect(await statusOf(id)).toBe("shipped");
  const [change] = await t.db
    .select()
    .from(statusChanges)
    .where(and(eq(statusChanges.entity, "order"), eq(statusChanges.entityId, id), eq(statusChanges.toStatus, "shipped")));
  expect(change).toMatchObject({ actorType: "user", actorId: user.id, reason: "import" });
});
