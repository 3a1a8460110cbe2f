import { afterAll, beforeAll, expect, test } from "bun:test";
import { createUser } from "@confirma/api";
import { auditEvents, callOutcomes, clientIdentities, orders, queryPrepared } from "@confirma/db";
import { eq, sql } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

/**
 * The right to be forgotten and the right of access: erasure leaves no trace of the customer in
 * any column of any table (enumerated from the catalog, so a new table is checked too), keeps
 * their orders for accounting, and a later message from the same number starts a new client.
 */
const t = await openTestApp({ OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true" });
afterAll(() => t.close());

const PHONE = "+33699887766";
const NAME = "Zéphyrine Quincampoix";
const EMAIL = "zephyrine.q@example.org";
const STREET = "12 rue des Lilas";
/** Every way the customer could be written down. */
const NEEDLES = [PHONE, PHONE.slice(1), "699887766", "06 99 88 77 66", NAME, "Quincampoix", EMAIL, STREET, "meta-secret-bsuid-4242"];

let admin: ReturnType<typeof t.caller>;
let agent: ReturnType<typeof t.caller>;
let adminId: string;
beforeAll(async () => {
  const a = await createUser(t.db, { email: "admin@example.com", name: "Admin", password: "a long password", role: "admin" });
  const b = await createUser(t.db, { email: "agent@example.com", name: "Agent", password: "a long password", role: "agent" });
  adminId = a.id;
  admin = t.caller({ actor: { type: "user", id: a.id }, user: { id: a.id, email: a.email, name: a.name, role: "admin" } });
  agent = t.caller({ actor: { type: "user", id: b.id }, user: { id: b.id, email: b.email, name: b.name, role: "agent" } });
});

/** Where any needle still appears: every text-like column of every table of the schema. */
async function mentions(): Promise<string[]> {
  const columns = await queryPrepared<{ table_name: string; column_name: string }>(
    t.db,
    sql`select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
        where c.table_schema = current_schema()
          and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))
        order by 1, 2`,
  );
  expect(columns.length).toBeGreaterThan(40);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    for (const needle of NEEDLES) {
      const [row] = await queryPrepared<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from ${sql.identifier(table_name)} where strpos(${sql.identifier(column_name)}::text, ${needle}) > 0`,
      );
      if ((row?.n ?? 0) > 0) found.push(`${table_name}.${column_name} ∋ ${needle}`);
    }
  }
  return found;
}

/** A customer with everything Confirma may hold about one: messages, an identity, an order with a store's fields, a call note, outbound events, an audit entry. */
async function richCustomer() {
  const endpoint = await t.call("POST", "/api/outbound-webhooks", { url: "http://127.0.0.1:9/crm" });
  expect(endpoint.status).toBe(201);
  const first = await t.call("POST", "/api/webhook/whatsapp", {
    from: "0699887766",
    name: NAME,
    body: `Bonjour, ici ${NAME}, mon numéro 06 99 88 77 66`,
    type: "text",
    id: "erase-in-1",
  });
  expect(first.status).toBe(200);
  const clientId: string = first.body.clientId;
  await t.call("PUT", `/api/clients/${clientId}`, { name: NAME });
  await t.db.insert(clientIdentities).values({ identity: "meta:meta-secret-bsuid-4242", clientId });
  const order = await t.call("POST", "/api/orders", { clientId, products: [{ id: "sku-1", name: "Tapis berbère", price: 49.99, quantity: 2 }] });
  expect(order.status).toBe(201);
  await t.db
    .update(orders)
    .set({
      shippingAddress: { name: NAME, address1: STREET, city: "Lyon", postcode: "69001", country: "FR", phone: PHONE },
      customerEmail: EMAIL,
      note: `Appeler ${NAME} avant 18h`,
    })
    .where(eq(orders.id, order.body.id));
  await t.call("POST", "/api/webhook/whatsapp", { from: PHONE, body: "je confirme", type: "text", id: "erase-in-2" });
  await t.db.insert(callOutcomes).values({ orderId: order.body.id, outcome: "call_back", note: `${NAME} rappelle au 0699887766 / ${PHONE}` });
  await t.db
    .insert(auditEvents)
    .values({ actorType: "user", actorId: adminId, action: "client.note", target: clientId, details: { text: `Parlé à ${NAME} (${PHONE})` } });
  return { clientId, orderId: order.body.id as string };
}

let customer: { clientId: string; orderId: string };

test("export returns everything held about the customer", async () => {
  customer = await richCustomer();
  const { clientId, orderId } = customer;
  const exported = await t.call("GET", `/api/clients/${clientId}/export`);
  expect(exported.status).toBe(200);
  expect(exported.headers.get("content-disposition")).toContain(`client-${clientId}.json`);
  const body = exported.body;
  expect(body.client).toMatchObject({ id: clientId, phoneNumber: PHONE, name: NAME, erasedAt: null });
  expect(body.identities.map((identity: { identity: string }) => identity.identity)).toEqual(["meta:meta-secret-bsuid-4242"]);
  expect(body.orders).toHaveLength(1);
  expect(body.orders[0]).toMatchObject({ id: orderId, total: 99.98, customerEmail: EMAIL, shippingAddress: { address1: STREET } });
  expect(body.orders[0].items).toEqual([{ id: "sku-1", name: "Tapis berbère", price: 49.99, quantity: 2 }]);
  expect(body.messages.map((message: { providerMessageId: string }) => message.providerMessageId)).toEqual(
    expect.arrayContaining(["erase-in-1", "erase-in-2"]),
  );
  expect(body.statusHistory.some((change: { entity: string; toStatus: string }) => change.entity === "order" && change.toStatus === "confirmed")).toBe(true);
  expect(body.callOutcomes).toEqual([expect.objectContaining({ orderId, outcome: "call_back" })]);
  expect(body.auditEntries).toEqual([expect.objectContaining({ action: "client.note" })]);
  // The dashboard's way: admins only.
  expect((await admin.clients.export({ id: clientId })).client.id).toBe(clientId);
  await expect(agent.clients.export({ id: clientId })).rejects.toThrow("admins only");
  expect((await t.call("GET", "/api/clients/nope/export")).status).toBe(404);
  expect((await t.call("GET", `/api/clients/${clientId}/export`, undefined, { key: null })).status).toBe(401);

  // Refusals change nothing: an open order, a bad flag, an agent, an unknown client.
  const refused = await t.call("DELETE", `/api/clients/${clientId}?erase=true`);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("client_has_open_orders");
  expect((await t.call("DELETE", `/api/clients/${clientId}?erase=yes`)).body.error.code).toBe("invalid_input");
  expect((await t.call("DELETE", "/api/clients/nope?erase=true")).status).toBe(404);
  await expect(agent.clients.erase({ id: clientId })).rejects.toThrow("admins only");
  expect((await t.call("GET", `/api/clients/${clientId}`)).body).toMatchObject({ phoneNumber: PHONE, name: NAME });
});

test("erase leaves no personal data in any table, keeps the orders, and the same number later starts a new client", async () => {
  const { clientId, orderId } = customer;
  // Deliver the outbound events, so their log holds the customer too.
  await t.webhookDispatcher.runDue();
  expect(await t.call("PUT", `/api/orders/${orderId}`, { status: "cancelled" })).toMatchObject({ status: 200 });
  const before = await mentions();
  expect(before.length).toBeGreaterThan(5);

  const erased = await t.call("DELETE", `/api/clients/${clientId}?erase=true`);
  expect(erased.status).toBe(204);
  expect(await mentions()).toEqual([]);

  // The orders stay for accounting, without the person.
  const kept = await t.call("GET", `/api/orders/${orderId}`);
  expect(kept.status).toBe(200);
  expect(kept.body).toMatchObject({ clientId, status: "cancelled", total: 99.98, shippingAddress: null, customerEmail: null, note: null });
  const shell = await t.call("GET", `/api/clients/${clientId}`);
  expect(shell.body).toMatchObject({ phoneNumber: null, name: null });
  const exported = await t.call("GET", `/api/clients/${clientId}/export`);
  expect(exported.body.client.erasedAt).toBeString();
  expect(exported.body.messages).toEqual([]);
  expect(exported.body.identities).toEqual([]);

  // Recorded in the audit trail, by counts only.
  const [entry] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "client.erased"));
  expect(entry).toMatchObject({ target: clientId, actorType: "api_key" });
  expect(entry?.details).toMatchObject({ orders: 1, identities: 1 });

  // Erasing again is harmless.
  expect((await t.call("DELETE", `/api/clients/${clientId}?erase=true`)).status).toBe(204);

  // The same number writes again: a new client, nothing of the old one.
  const again = await t.call("POST", "/api/webhook/whatsapp", { from: PHONE, body: "re-bonjour", type: "text", id: "erase-after-1" });
  expect(again.status).toBe(200);
  expect(again.body.clientId).not.toBe(clientId);
  const fresh = await t.call("GET", `/api/clients/${again.body.clientId}`);
  expect(fresh.body).toMatchObject({ phoneNumber: PHONE, orders: [] });
});
