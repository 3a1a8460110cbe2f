import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createUser } from "@confirma/api/testing";
import { auditEvents, orderItems } from "@confirma/db";
import { and, asc, eq } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

// Orders by hand, during a call: the products already sold (`GET /api/products`,
// `orders.products`), an order created with its address, and the lines of a pending or no-answer
// order replaced (`PUT /api/orders/:id/lines`, `orders.replaceLines`) with the total recomputed
// exactly and the change in the order's history.

const t = await openTestApp();
afterAll(() => t.close());

type UserCaller = ReturnType<typeof t.caller>;
let amina: UserCaller;
let bilal: UserCaller;
let phoneSeq = 0;

beforeAll(async () => {
  const a = await createUser(t.db, { email: "amina@example.com", name: "Amina", password: "a long password", role: "agent" });
  const b = await createUser(t.db, { email: "bilal@example.com", name: "Bilal", password: "a long password", role: "agent" });
  amina = t.caller({ actor: { type: "user", id: a.id }, user: { id: a.id, email: a.email, name: a.name, role: "agent" } });
  bilal = t.caller({ actor: { type: "user", id: b.id }, user: { id: b.id, email: b.email, name: b.name, role: "agent" } });
});

async function newClient() {
  const response = await t.call("POST", "/api/clients", { phoneNumber: `+3361200${String(++phoneSeq).padStart(4, "0")}`, name: `Client ${phoneSeq}` });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

type Line = { id: string; name: string; price: number; quantity: number };

async function newOrder(products: Line[], currency = "EUR", extra: Record<string, unknown> = {}) {
  const response = await t.call("POST", "/api/orders", { clientId: await newClient(), products, currency, ...extra });
  expect(response.status).toBe(201);
  return response.body as { id: string; total: number; status: string };
}

async function linesOf(orderId: string) {
  return t.db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.position));
}

async function linesEvents(orderId: string) {
  return t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.target, orderId), eq(auditEvents.action, "order.lines_changed")));
}

describe("the products already sold", () => {
  test("one entry per product with its latest price, most used first, searched ignoring case and accents", async () => {
    await newOrder([{ id: "w1", name: "Montre Élégance Zq", price: 199, quantity: 1 }], "MAD");
    await newOrder(
      [
        { id: "w1", name: "Montre Élégance Zq", price: 189.5, quantity: 2 },
        { id: "b1", name: "Bracelet Zq", price: 49, quantity: 1 },
      ],
      "MAD",
    );
    const listed = await t.call("GET", "/api/products?search=zq");
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      { id: "w1", name: "Montre Élégance Zq", sku: null, variantId: null, price: 189.5, currency: "MAD", uses: 2 },
      { id: "b1", name: "Bracelet Zq", sku: null, variantId: null, price: 49, currency: "MAD", uses: 1 },
    ]);
    const unaccented = await amina.orders.products({ search: "ELEGANCE zq" });
    expect(unaccented.map((product) => product.name)).toEqual(["Montre Élégance Zq"]);
    expect((await t.call("GET", "/api/products?search=zq&limit=1")).body.items).toHaveLength(1);
    expect((await t.call("GET", "/api/products?search=nothing-like-this")).body.items).toEqual([]);
    expect((await t.call("GET", "/api/products")).body.items.length).toBeGreaterThan(0);
  });

  test("bad input is a 400 with a code; the key is required", async () => {
    expect((await t.call("GET", "/api/products?limit=0")).body.error.code).toBe("invalid_input");
    expect((await t.call("GET", "/api/products?limit=51")).body.error.code).toBe("invalid_input");
    expect((await t.call("GET", "/api/products?sort=name")).body.error.code).toBe("unknown_field");
    expect((await t.call("GET", "/api/products", undefined, { key: null })).status).toBe(401);
  });
});

describe("an order typed by hand", () => {
  test("is created with its address", async () => {
    const order = await newOrder([{ id: "line-1", name: "Djellaba", price: 299.5, quantity: 1 }], "MAD", {
      shippingAddress: { address1: "12 rue des Oudayas", city: "Rabat" },
    });
    expect(order).toMatchObject({ total: 299.5, shippingAddress: { address1: "12 rue des Oudayas", city: "Rabat", address2: null } });
  });
});

describe("finding an order while the customer is on the phone", () => {
  test("`search`: the order's number, or part of its customer's name (no accents needed) or phone", async () => {
    const phone = "+33698765401";
    const client = await t.call("POST", "/api/clients", { phoneNumber: phone, name: "Hélène Quarzazi" });
    const order = await t.call("POST", "/api/orders", { clientId: client.body.id, products: [{ id: "a", name: "Thé", price: 5, quantity: 1 }] });
    const other = await newOrder([{ id: "a", name: "Thé", price: 5, quantity: 1 }]);
    const found = async (search: string) =>
      (await t.call("GET", `/api/orders?search=${encodeURIComponent(search)}`)).body.items.map((item: { id: string }) => item.id);
    expect(await found("helene quarz")).toEqual([order.body.id]);
    expect(await found("06 98 76 54 01")).toEqual([order.body.id]);
    expect(await found("+33 6 98 76 54")).toEqual([order.body.id]);
    expect(await found(`#${order.body.id.slice(-6).toUpperCase()}`)).toEqual([order.body.id]);
    expect(await found("nobody-called-this")).toEqual([]);
    expect(await found(`#${other.id.slice(-6)}`)).toEqual([other.id]);
    expect((await amina.orders.list({ search: "QUARZAZI" })).items.map((item) => item.id)).toEqual([order.body.id]);
  });
});

describe("changing the lines during the call", () => {
  test("the lines are replaced, the total recomputed exactly, the change recorded with before and after", async () => {
    const order = await newOrder([
      { id: "a", name: "Savon", price: 19.99, quantity: 1 },
      { id: "b", name: "Huile", price: 0.1, quantity: 1 },
    ]);
    expect(order.total).toBe(20.09);
    const response = await t.call("PUT", `/api/orders/${order.id}/lines`, {
      products: [
        { id: "a", name: "Savon", price: 19.99, quantity: 3 },
        { id: "c", name: "Crème (offerte)", price: 0.2, quantity: 1 },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(60.17);
    expect((await linesOf(order.id)).map((line) => [line.position, line.productId, line.name, line.unitPriceMinor, line.quantity])).toEqual([
      [0, "a", "Savon", 1999, 3],
      [1, "c", "Crème (offerte)", 20, 1],
    ]);
    const [event] = await linesEvents(order.id);
    expect(event?.actorType).toBe("api_key");
    expect(event?.details).toEqual({
      before: {
        lines: [
          { id: "a", name: "Savon", price: 19.99, quantity: 1 },
          { id: "b", name: "Huile", price: 0.1, quantity: 1 },
        ],
        total: 20.09,
      },
      after: {
        lines: [
          { id: "a", name: "Savon", price: 19.99, quantity: 3 },
          { id: "c", name: "Crème (offerte)", price: 0.2, quantity: 1 },
        ],
        total: 60.17,
      },
      currency: "EUR",
    });
    // The same lines again: nothing to record.
    await t.call("PUT", `/api/orders/${order.id}/lines`, {
      products: [
        { id: "a", name: "Savon", price: 19.99, quantity: 3 },
        { id: "c", name: "Crème (offerte)", price: 0.2, quantity: 1 },
      ],
    });
    expect(await linesEvents(order.id)).toHaveLength(1);
  });

  test("a no-answer order may change; a confirmed one is a 409 illegal_transition and keeps its lines", async () => {
    const waiting = await newOrder([{ id: "a", name: "Tapis", price: 120, quantity: 1 }]);
    expect((await t.call("PUT", `/api/orders/${waiting.id}`, { status: "no_answer" })).status).toBe(200);
    const changed = await amina.orders.replaceLines({ id: waiting.id, products: [{ id: "a", name: "Tapis", price: 120, quantity: 2 }] });
    expect(changed).toMatchObject({ status: "no_answer", total: 240 });

    const decided = await newOrder([{ id: "a", name: "Lampe", price: 35, quantity: 1 }]);
    expect((await t.call("PUT", `/api/orders/${decided.id}`, { status: "confirmed" })).status).toBe(200);
    const refused = await t.call("PUT", `/api/orders/${decided.id}/lines`, { products: [{ id: "a", name: "Lampe", price: 35, quantity: 2 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("illegal_transition");
    expect((await linesOf(decided.id)).map((line) => line.quantity)).toEqual([1]);
    expect(await linesEvents(decided.id)).toHaveLength(0);
  });

  test("another agent's claim holds the lines back; the holder may change them", async () => {
    const order = await newOrder([{ id: "a", name: "Coussin", price: 15, quantity: 1 }]);
    await amina.calls.claim({ orderId: order.id });
    const refused = await bilal.orders.replaceLines({ id: order.id, products: [{ id: "a", name: "Coussin", price: 15, quantity: 4 }] }).catch((error) => error);
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("Amina");
    const allowed = await amina.orders.replaceLines({ id: order.id, products: [{ id: "a", name: "Coussin", price: 15, quantity: 4 }] });
    expect(allowed.total).toBe(60);
  });

  test("bad input is a 400 with a code and writes nothing; an unknown order is a 404", async () => {
    const order = await newOrder([{ id: "a", name: "Plateau", price: 10, quantity: 1 }]);
    const put = (body: unknown, options?: { key: null }) => t.call("PUT", `/api/orders/${order.id}/lines`, body, options);
    expect((await put({ products: [] })).body.error.code).toBe("empty_order");
    expect((await put({ products: [{ id: "a", name: "Plateau", price: 10, quantity: 0 }] })).body.error.code).toBe("invalid_quantity");
    expect((await put({ products: [{ id: "a", name: "Plateau", price: 10.001, quantity: 1 }] })).body.error.code).toBe("invalid_price");
    expect((await put({ products: [{ id: "a", name: "Plateau", price: -1, quantity: 1 }] })).body.error.code).toBe("invalid_price");
    expect((await put({ products: [{ id: "a", name: "", price: 10, quantity: 1 }] })).body.error.code).toBe("invalid_input");
    expect((await put({ products: [{ id: "a", name: "Plateau", price: 10, quantity: 1 }], total: 5 })).body.error.code).toBe("unknown_field");
    expect((await put("not json")).body.error.code).toBe("invalid_json");
    expect((await put({ products: [{ id: "a", name: "Plateau", price: 10, quantity: 2 }] }, { key: null })).status).toBe(401);
    expect((await t.call("PUT", "/api/orders/no-such-order/lines", { products: [{ id: "a", name: "Plateau", price: 10, quantity: 1 }] })).status).toBe(404);
    expect((await linesOf(order.id)).map((line) => line.quantity)).toEqual([1]);
    expect(await linesEvents(order.id)).toHaveLength(0);
    expect((await t.call("GET", `/api/orders/${order.id}`)).body.total).toBe(10);
  });
});
