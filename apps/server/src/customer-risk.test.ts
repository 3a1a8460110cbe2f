import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createUser } from "@confirma/api/testing";
import { auditEvents, blockedPhones, jobs, messages, orderDuplicates, orders, statusChanges } from "@confirma/db";
import { signWebhook } from "@confirma/stores";
import { and, eq, sql } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

// Customer history and risk (`GET /api/clients/:id`, every order's `customerRisk`), the blocklist
// (an order from a blocked number is stored, held in review, never sent the request) and
// duplicate orders (flagged on both, merged or cancelled in one action, recorded in the history).

const t = await openTestApp();
afterAll(() => t.close());

let admin: ReturnType<typeof t.caller>;
let agent: ReturnType<typeof t.caller>;
let phoneSeq = 0;

beforeAll(async () => {
  const a = await createUser(t.db, { email: "admin@example.com", name: "Admin", password: "a long password", role: "admin" });
  const g = await createUser(t.db, { email: "agent@example.com", name: "Agent", password: "a long password", role: "agent" });
  admin = t.caller({ actor: { type: "user", id: a.id }, user: { id: a.id, email: a.email, name: a.name, role: "admin" } });
  agent = t.caller({ actor: { type: "user", id: g.id }, user: { id: g.id, email: g.email, name: g.name, role: "agent" } });
});

async function newClient() {
  const phone = `+3361200${String(++phoneSeq).padStart(4, "0")}`;
  const created = await t.call("POST", "/api/clients", { phoneNumber: phone, name: `Client ${phoneSeq}` });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, phone };
}

async function newOrder(clientId: string, products = [{ id: "p1", name: "Djellaba", price: 20, quantity: 1 }]) {
  const created = await t.call("POST", "/api/orders", { clientId, products });
  expect(created.status).toBe(201);
  return created.body;
}

async function moveTo(orderId: string, ...statuses: string[]) {
  for (const status of statuses) expect((await t.call("PUT", `/api/orders/${orderId}`, { status })).status).toBe(200);
}

async function requestJobs(orderId: string) {
  return t.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.orderId, orderId), eq(jobs.kind, "confirmation_request")));
}

describe("history and risk", () => {
  test("two returns out of three parcels: high, with the numbers; history by outcome on the client and its orders", async () => {
    const client = await newClient();
    const delivered = await newOrder(client.id, [{ id: "a", name: "Caftan", price: 10, quantity: 1 }]);
    const returned1 = await newOrder(client.id, [{ id: "b", name: "Babouches", price: 10, quantity: 1 }]);
    const returned2 = await newOrder(client.id, [{ id: "c", name: "Tapis", price: 10, quantity: 1 }]);
    const cancelled = await newOrder(client.id, [{ id: "d", name: "Lampe", price: 10, quantity: 1 }]);
    await moveTo(delivered.id, "confirmed", "shipped", "delivered");
    await moveTo(returned1.id, "confirmed", "shipped", "returned");
    await moveTo(returned2.id, "confirmed", "shipped", "delivered", "returned");
    await moveTo(cancelled.id, "cancelled");
    const current = await newOrder(client.id, [{ id: "e", name: "Plateau", price: 10, quantity: 1 }]);

    const { status, body } = await t.call("GET", `/api/clients/${client.id}`);
    expect(status).toBe(200);
    expect(body.history).toMatchObject({ orders: 5, confirmed: 3, cancelled: 1, noAnswer: 0, delivered: 1, returned: 2 });
    expect(new Date(body.history.firstOrderAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(body.risk).toEqual({ level: "high", reasons: [{ code: "returns", level: "high", count: 2, of: 3 }] });
    expect(body.blocked).toBeNull();

    const order = await t.call("GET", `/api/orders/${current.id}`);
    expect(order.body.customerRisk.level).toBe("high");
    expect(order.body.customerHistory.returned).toBe(2);
  });

  test("a new customer is low; the shop's rules decide (cancellations), and bad rules are refused", async () => {
    const client = await newClient();
    const first = await newOrder(client.id, [{ id: "x", name: "Thé", price: 5, quantity: 1 }]);
    expect(first.customerRisk).toEqual({ level: "low", reasons: [] });
    await moveTo(first.id, "cancelled");
    const rules = await admin.settings.customerRules();
    expect((await t.call("GET", `/api/clients/${client.id}`)).body.risk.level).toBe("low");

    await admin.settings.updateCustomerRules({ risk: { ...rules.risk, cancellations: { medium: 1, high: 3 } }, duplicates: rules.duplicates });
    expect((await t.call("GET", `/api/clients/${client.id}`)).body.risk).toEqual({
      level: "medium",
      reasons: [{ code: "cancellations", level: "medium", count: 1 }],
    });
    await expect(
      admin.settings.updateCustomerRules({ risk: { ...rules.risk, cancellations: { medium: 5, high: 2 } }, duplicates: rules.duplicates }),
    ).rejects.toThrow();
    await expect(agent.settings.updateCustomerRules({ risk: rules.risk, duplicates: rules.duplicates })).rejects.toThrow();
    await admin.settings.updateCustomerRules(rules);
  });
});

describe("blocklist", () => {
  test("bad input writes nothing; an admin adds and removes a number, audited", async () => {
    const before = (await t.db.select().from(blockedPhones)).length;
    expect((await t.call("POST", "/api/blocklist", { phoneNumber: "not a phone", reason: "x" })).body.error.code).toBe("invalid_phone");
    expect((await t.call("POST", "/api/blocklist", { phoneNumber: "+33612000999" })).status).toBe(400);
    expect((await t.call("POST", "/api/blocklist", { phoneNumber: "+33612000999", reason: "x", extra: 1 })).status).toBe(400);
    expect((await t.db.select().from(blockedPhones)).length).toBe(before);
    await expect(agent.blocklist.add({ phoneNumber: "+33612000999", reason: "x" })).rejects.toThrow();

    const added = await admin.blocklist.add({ phoneNumber: "06 12 00 09 99", reason: "Refuse les colis" });
    expect(added).toMatchObject({ phoneNumber: "+33612000999", reason: "Refuse les colis", createdBy: { type: "user" } });
    expect((await t.call("GET", "/api/blocklist")).body.items.map((item: { phoneNumber: string }) => item.phoneNumber)).toContain("+33612000999");
    expect((await t.call("DELETE", `/api/blocklist/${encodeURIComponent("+33612000999")}`)).status).toBe(204);
    expect((await t.call("DELETE", `/api/blocklist/${encodeURIComponent("+33612000999")}`)).status).toBe(404);
    expect((await t.call("DELETE", "/api/blocklist/%E0%A4%A")).status).toBe(400);
    expect((await t.call("DELETE", "/api/blocklist/not-a-number")).body.error.code).toBe("invalid_phone");
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.target, "+33612000999"));
    expect(audit.map((event) => event.action).sort()).toEqual(["blocklist.added", "blocklist.removed"]);
  });

  test("an order from a blocked number is stored, held in review with the reason, and never sent the request", async () => {
    const client = await newClient();
    const decided = await newOrder(client.id, [{ id: "old", name: "Ancien", price: 3, quantity: 1 }]);
    await moveTo(decided.id, "confirmed");
    const blocked = await t.call("POST", "/api/blocklist", { phoneNumber: client.phone, reason: "Trois retours" });
    expect(blocked.status).toBe(201);
    expect(blocked.body.createdBy.type).toBe("api_key");
    // Decided orders are left as they are.
    expect((await t.call("GET", `/api/orders/${decided.id}`)).body).toMatchObject({ status: "confirmed", needsReview: false });

    const order = await newOrder(client.id, [{ id: "new", name: "Nouveau", price: 3, quantity: 1 }]);
    expect(order).toMatchObject({ status: "pending", needsReview: true, reviewReason: "blocked" });
    expect(order.customerRisk.level).toBe("high");
    expect(order.customerRisk.reasons[0]).toEqual({ code: "blocked", level: "high", count: 1, note: "Trois retours" });
    expect(await requestJobs(order.id)).toHaveLength(0);
    await t.jobRunner.runDue();
    const sent = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.clientId, client.id), eq(messages.direction, "out")));
    expect(sent).toHaveLength(0);
    const again = await agent.orders.requestConfirmation({ id: order.id }).catch((error: { code?: string; cause?: { code?: string } }) => error);
    expect(JSON.stringify(again)).toContain("phone_blocked");
    const review = await t.call("GET", "/api/orders?needsReview=true");
    expect(review.body.items.find((item: { id: string }) => item.id === order.id)?.reviewReason).toBe("blocked");
    expect((await t.call("GET", `/api/clients/${client.id}`)).body.blocked).toMatchObject({ reason: "Trois retours" });
  });

  test("the customer's messages neither decide nor flag a held order (both reply writers)", async () => {
    const client = await newClient();
    await admin.blocklist.add({ phoneNumber: client.phone, reason: "Fraude" });
    const order = await newOrder(client.id, [{ id: "h", name: "Montre", price: 50, quantity: 1 }]);
    for (const [index, body] of ["Oui je confirme", "c'est quoi ce truc ?", "annuler"].entries()) {
      const sent = await t.call("POST", "/api/webhook/whatsapp", { from: client.phone, body, type: "text", id: `held-${client.id}-${index}` });
      expect(sent.status).toBe(200);
      expect((await t.call("GET", `/api/orders/${order.id}`)).body).toMatchObject({ status: "pending", needsReview: true, reviewReason: "blocked" });
    }
  });

  test("a store order from a blocked number is held too", async () => {
    const store = await t.call("POST", "/api/stores", { platform: "custom", name: "Boutique", defaultCountry: "FR", defaultCurrency: "EUR" });
    expect(store.status).toBe(201);
    const phone = "+33612005555";
    await admin.blocklist.add({ phoneNumber: phone, reason: "Fraude" });
    const id = "msg_store_1";
    const body = new TextEncoder().encode(
      JSON.stringify({
        type: "order.created",
        data: {
          id: "S1",
          number: "#S1",
          customer: { name: "Bloqué", phone },
          products: [{ id: "p", name: "Sac", price: "10.00", quantity: 1 }],
          paymentMethod: "cod",
        },
      }),
    );
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await t.app.request(new URL(store.body.webhookUrl).pathname, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook(store.body.webhookSecret, id, timestamp, body),
      },
      body,
    });
    const outcome = (await response.json()) as { outcome: string; orderId: string; flagged?: string };
    expect(outcome).toMatchObject({ outcome: "created", flagged: "blocked" });
    const [row] = await t.db.select().from(orders).where(eq(orders.id, outcome.orderId));
    expect(row).toMatchObject({ needsReview: true, reviewReason: "blocked" });
    expect(await requestJobs(outcome.orderId)).toHaveLength(0);
  });
});

describe("duplicates", () => {
  test("same item within the window: both flagged, the new one held; other items or outside the window are not", async () => {
    const client = await newClient();
    const first = await newOrder(client.id, [{ id: "p1", name: "Djellaba", price: 20, quantity: 1 }]);
    expect(first.duplicateOf).toEqual([]);
    expect(await requestJobs(first.id)).toHaveLength(1);
    const other = await newOrder(client.id, [{ id: "q9", name: "Chapeau", price: 5, quantity: 1 }]);
    expect(other).toMatchObject({ needsReview: false, duplicateOf: [] });

    // Same name, another product id: still the same item.
    const second = await newOrder(client.id, [{ id: "p1-bis", name: "  djellaba ", price: 20, quantity: 2 }]);
    expect(second).toMatchObject({ needsReview: true, reviewReason: "duplicate", duplicateOf: [first.id] });
    expect(await requestJobs(second.id)).toHaveLength(0);
    const firstAfter = (await t.call("GET", `/api/orders/${first.id}`)).body;
    expect(firstAfter).toMatchObject({ needsReview: true, reviewReason: "duplicate", duplicateOf: [second.id] });

    // Outside the window (default 24 h): not a duplicate.
    const late = await newClient();
    const old = await newOrder(late.id);
    await t.db.execute(sql`update orders set created_at = now() - interval '25 hours' where id = ${old.id}`);
    const fresh = await newOrder(late.id);
    expect(fresh).toMatchObject({ needsReview: false, duplicateOf: [] });
    expect(await requestJobs(fresh.id)).toHaveLength(1);
  });

  test("merge: lines move once, the duplicate is cancelled, both histories say so, the kept order is asked", async () => {
    const client = await newClient();
    const kept = await newOrder(client.id, [{ id: "p1", name: "Djellaba", price: 20, quantity: 1 }]);
    const duplicate = await newOrder(client.id, [
      { id: "p1", name: "Djellaba", price: 20, quantity: 2 },
      { id: "p2", name: "Ceinture", price: 7.5, quantity: 1 },
    ]);
    expect(duplicate.duplicateOf).toEqual([kept.id]);

    // Bad input and wrong pairs write nothing.
    expect((await t.call("POST", `/api/orders/${duplicate.id}/merge`, {})).status).toBe(400);
    expect((await t.call("POST", `/api/orders/${duplicate.id}/merge`, { into: duplicate.id })).body.error.code).toBe("conflict");
    const stranger = await newOrder((await newClient()).id);
    expect((await t.call("POST", `/api/orders/${duplicate.id}/merge`, { into: stranger.id })).body.error.code).toBe("conflict");
    expect((await t.call("POST", `/api/orders/${duplicate.id}/merge`, { into: "nope" })).status).toBe(404);
    expect((await t.call("GET", `/api/orders/${duplicate.id}`)).body.status).toBe("pending");

    const merged = await t.call("POST", `/api/orders/${duplicate.id}/merge`, { into: kept.id });
    expect(merged.status).toBe(200);
    expect(merged.body.order).toMatchObject({ id: kept.id, status: "pending", needsReview: false, duplicateOf: [], total: 47.5 });
    expect(merged.body.order.products.map((line: { name: string; quantity: number }) => [line.name, line.quantity])).toEqual([
      ["Djellaba", 2],
      ["Ceinture", 1],
    ]);
    expect(merged.body.cancelled).toMatchObject({ id: duplicate.id, status: "cancelled", needsReview: false, duplicateOf: [] });
    const history = await t.db.select().from(statusChanges).where(sql`${statusChanges.entityId} in (${kept.id}, ${duplicate.id})`);
    expect(history.map((change) => change.reason)).toEqual(expect.arrayContaining([`merged_into:${kept.id}`, `merged_from:${duplicate.id}`]));
    const [link] = await t.db.select().from(orderDuplicates).where(eq(orderDuplicates.otherOrderId, duplicate.id));
    expect(link?.resolvedAt).not.toBeNull();
    expect(await requestJobs(kept.id)).toHaveLength(1);
    expect(await requestJobs(duplicate.id)).toHaveLength(0);
    // Done once: merging again is refused.
    expect((await t.call("POST", `/api/orders/${duplicate.id}/merge`, { into: kept.id })).body.error.code).toBe("illegal_transition");
  });

  test("cancel the duplicate (tRPC): it is cancelled, the other leaves the review and its request goes", async () => {
    const client = await newClient();
    const first = await newOrder(client.id);
    const second = await newOrder(client.id);
    expect(await requestJobs(second.id)).toHaveLength(0);
    // Cancel the earlier one: the later one, never asked, is asked now.
    const result = await agent.orders.cancelDuplicate({ id: first.id, of: second.id });
    expect(result.cancelled).toMatchObject({ id: first.id, status: "cancelled" });
    expect(result.order).toMatchObject({ id: second.id, status: "pending", needsReview: false, duplicateOf: [] });
    expect(await requestJobs(second.id)).toHaveLength(1);
    const reasons = (await t.db.select().from(statusChanges).where(eq(statusChanges.entityId, first.id))).map((change) => change.reason);
    expect(reasons).toContain(`duplicate_of:${second.id}`);
  });

  test("keeping both (review dismissed) releases the held order", async () => {
    const client = await newClient();
    const first = await newOrder(client.id);
    const second = await newOrder(client.id);
    const kept = await agent.orders.dismissReview({ id: second.id });
    expect(kept).toMatchObject({ needsReview: false, duplicateOf: [] });
    expect(await requestJobs(second.id)).toHaveLength(1);
    expect((await t.call("GET", `/api/orders/${first.id}`)).body).toMatchObject({ needsReview: false, duplicateOf: [] });
  });

  test("two orders created at once still find each other", async () => {
    const client = await newClient();
    const [a, b] = await Promise.all([newOrder(client.id), newOrder(client.id)]);
    const held = [a, b].filter((order) => order.reviewReason === "duplicate");
    expect(held.length).toBeGreaterThanOrEqual(1);
    const links = await t.db.select().from(orderDuplicates).where(sql`${orderDuplicates.orderId} in (${a.id}, ${b.id})`);
    expect(links).toHaveLength(1);
  });
});
