import { afterAll, beforeAll, expect, test } from "bun:test";
import { clients, messages, orders, statusChanges, type Client, type Database, type Order } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { encodeButtonPayload, type InboundMessage } from "@confirma/whatsapp";
import { and, eq, inArray } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { applyReply, type ReplyEffect } from "./apply-reply.ts";
import { understandMessage } from "./understand-message.ts";

let handle: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
});
afterAll(async () => handle.close());

let phones = 0;

/** A client with orders awaiting a reply (oldest first), as the order service leaves them. */
async function customer(count: number, order: Partial<Order> = {}): Promise<{ client: Client; orderIds: string[] }> {
  const [client] = await db
    .insert(clients)
    .values({ id: uuidv7(), phoneNumber: `+3361200${String(++phones).padStart(4, "0")}` })
    .returning();
  const orderIds: string[] = [];
  for (let index = 0; index < count; index++) {
    const [row] = await db
      .insert(orders)
      .values({ id: uuidv7(), clientId: client!.id, currency: "EUR", totalMinor: 2500, ...order })
      .returning();
    orderIds.push(row!.id);
  }
  return { client: client!, orderIds };
}

/** Our confirmation request (or reminder), sent and asking about `asked`. */
async function weAsked(client: Client, asked: readonly string[]): Promise<string> {
  const [row] = await db
    .insert(messages)
    .values({
      id: uuidv7(),
      clientId: client.id,
      direction: "out",
      type: "template",
      body: "Confirmez-vous ?",
      provider: "meta",
      status: "delivered",
      purpose: "confirmation_request",
      askedOrderIds: [...asked],
      orderId: asked[0],
    })
    .returning();
  return row!.id;
}

/** The customer's message arrives: stored, understood, then applied in one transaction, as ingestion does. */
async function reply(client: Client, message: Pick<InboundMessage, "text"> & Partial<Pick<InboundMessage, "type" | "buttonPayload">>): Promise<ReplyEffect> {
  const understanding = understandMessage({ type: "text", ...message });
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(messages)
      .values({
        id: uuidv7(),
        clientId: client.id,
        direction: "in",
        type: message.type ?? "text",
        body: message.text,
        provider: "meta",
        status: "received",
        intent: understanding.intent,
        intentRule: understanding.rule,
        buttonPayload: message.buttonPayload,
      })
      .returning();
    const [current] = await tx.select().from(clients).where(eq(clients.id, client.id));
    return applyReply(tx, current!, understanding, stored!.id);
  });
}

async function ordersOf(ids: readonly string[]): Promise<Order[]> {
  const rows = await db
    .select()
    .from(orders)
    .where(inArray(orders.id, [...ids]));
  return ids.map((id) => rows.find((row) => row.id === id)!);
}

type Queues = Pick<Order, "status" | "needsReview" | "reviewReason" | "callReason">;
const queues = (order: Order): Queues => ({
  status: order.status,
  needsReview: order.needsReview,
  reviewReason: order.reviewReason,
  callReason: order.callReason,
});
const AWAITING: Queues = { status: "pending", needsReview: false, reviewReason: null, callReason: null };
const inReview = (reason: NonNullable<Order["reviewReason"]>): Queues => ({
  status: "pending",
  needsReview: true,
  reviewReason: reason,
  callReason: "unclear",
});

test("a plain yes right after the question confirms the order, the client, and records why", async () => {
  const { client, orderIds } = await customer(1);
  await weAsked(client, orderIds);

  const effect = await reply(client, { text: "oui" });

  expect(effect).toEqual({ orderId: orderIds[0], orderStatus: "confirmed", flagged: false });
  expect((await ordersOf(orderIds)).map(queues)).toEqual([{ ...AWAITING, status: "confirmed" }]);
  expect((await db.select().from(clients).where(eq(clients.id, client.id)))[0]!.status).toBe("confirmed");
  const changes = await db
    .select()
    .from(statusChanges)
    .where(inArray(statusChanges.entityId, [client.id, ...orderIds]));
  expect(
    changes
      .map(({ entity, fromStatus, toStatus, actorType }) => ({ entity, fromStatus, toStatus, actorType }))
      .sort((a, b) => a.entity.localeCompare(b.entity)),
  ).toEqual([
    { entity: "client", fromStatus: "pending", toStatus: "confirmed", actorType: "message" },
    { entity: "order", fromStatus: "pending", toStatus: "confirmed", actorType: "message" },
  ]);
});

test("after an unclear message a plain yes goes to review, while an explicit answer decides", async () => {
  const { client, orderIds } = await customer(1);
  await weAsked(client, orderIds);

  expect(await reply(client, { text: "c'est quoi ce colis" })).toEqual({ orderId: orderIds[0], orderStatus: "pending", flagged: true });
  expect((await ordersOf(orderIds)).map(queues)).toEqual([inReview("unclear")]);

  expect(await reply(client, { text: "oui" })).toEqual({ orderId: orderIds[0], orderStatus: "pending", flagged: true });
  const [plain] = await ordersOf(orderIds);
  expect(queues(plain!)).toEqual(inReview("weak_after_unclear"));

  expect(await reply(client, { text: "je confirme" })).toEqual({ orderId: orderIds[0], orderStatus: "confirmed", flagged: false });
  const [decided] = await ordersOf(orderIds);
  expect(queues(decided!)).toEqual({ ...AWAITING, status: "confirmed" });
  expect(decided!.reviewMessageId).toBeNull();
});

test("a plain word on an order already waiting for a person is not an answer; a cancellation in words is", async () => {
  const { client, orderIds } = await customer(1, { needsReview: true, reviewReason: "unclear", callReason: "unclear" });

  expect(await reply(client, { text: "ok" })).toMatchObject({ orderStatus: "pending", flagged: true });
  expect((await ordersOf(orderIds)).map(queues)).toEqual([inReview("awaiting_person")]);

  expect(await reply(client, { text: "non merci j'annule" })).toEqual({ orderId: orderIds[0], orderStatus: "cancelled", flagged: false });
  expect((await ordersOf(orderIds)).map(queues)).toEqual([{ ...AWAITING, status: "cancelled" }]);
  expect((await db.select().from(clients).where(eq(clients.id, client.id)))[0]!.status).toBe("cancelled");
});

test("a button bound to one order decides that order only, even in review, and never another client's", async () => {
  const { client, orderIds } = await customer(2, { needsReview: true, reviewReason: "unclear", callReason: "unclear" });
  const stranger = await customer(1);
  await weAsked(client, orderIds);

  const foreign = await reply(client, {
    type: "button",
    text: "Confirmer",
    buttonPayload: encodeButtonPayload({ intent: "confirm", orderId: stranger.orderIds[0]! }),
  });
  expect(foreign).toEqual({ flagged: false });
  expect((await ordersOf(stranger.orderIds)).map(queues)).toEqual([AWAITING]);

  const effect = await reply(client, { type: "button", text: "Annuler", buttonPayload: encodeButtonPayload({ intent: "cancel", orderId: orderIds[0]! }) });
  expect(effect).toEqual({ orderId: orderIds[0], orderStatus: "cancelled", flagged: false });
  expect((await ordersOf(orderIds)).map(queues)).toEqual([{ ...AWAITING, status: "cancelled" }, inReview("unclear")]);

  // Pressed again, the button finds its order decided: nothing changes.
  const again = await reply(client, { type: "button", text: "Confirmer", buttonPayload: encodeButtonPayload({ intent: "confirm", orderId: orderIds[0]! }) });
  expect(again).toEqual({ flagged: false });
  expect((await ordersOf(orderIds))[0]!.status).toBe("cancelled");
});

test('"Tout confirmer" decides every order its request asked about, and no other', async () => {
  const { client, orderIds } = await customer(3);
  const request = await weAsked(client, orderIds.slice(0, 2));

  const effect = await reply(client, { type: "button", text: "Tout confirmer", buttonPayload: encodeButtonPayload({ intent: "confirm", requestId: request }) });

  expect(effect).toEqual({ orderId: orderIds[1], orderStatus: "confirmed", flagged: false });
  expect((await ordersOf(orderIds)).map(queues)).toEqual([{ ...AWAITING, status: "confirmed" }, { ...AWAITING, status: "confirmed" }, AWAITING]);
});

test("an answer to orders asked together decides them all; an awaiting order not asked about goes to review", async () => {
  const { client, orderIds } = await customer(3);
  await weAsked(client, orderIds.slice(0, 2));

  const effect = await reply(client, { text: "oui" });

  expect(effect).toEqual({ orderId: orderIds[1], orderStatus: "confirmed", flagged: true });
  const [first, second, third] = await ordersOf(orderIds);
  expect([first, second].map((order) => queues(order!))).toEqual([
    { ...AWAITING, status: "confirmed" },
    { ...AWAITING, status: "confirmed" },
  ]);
  expect(queues(third!)).toEqual(inReview("several_orders"));
  const [answer] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.clientId, client.id), eq(messages.direction, "in")));
  expect(third!.reviewMessageId).toBe(answer!.id);
});

test("a plain yes about an order we never asked about, when we asked about others, goes to review", async () => {
  const { client, orderIds } = await customer(1);
  // Asked about an order that has since been decided: the newest awaiting order was never asked about.
  const [decided] = await db.insert(orders).values({ id: uuidv7(), clientId: client.id, currency: "EUR", totalMinor: 900, status: "confirmed" }).returning();
  await weAsked(client, [decided!.id]);

  expect(await reply(client, { text: "oui" })).toEqual({ orderId: orderIds[0], orderStatus: "pending", flagged: true });
  expect((await ordersOf(orderIds)).map(queues)).toEqual([inReview("not_asked")]);
});

test("a photo without words is unclear: the orders it is about go to review, and nothing is decided", async () => {
  const { client, orderIds } = await customer(2);
  await weAsked(client, orderIds);

  expect(await reply(client, { type: "image", text: "" })).toEqual({ orderId: orderIds[1], orderStatus: "pending", flagged: true });
  expect((await ordersOf(orderIds)).map(queues)).toEqual([inReview("unclear"), inReview("unclear")]);
  expect((await db.select().from(clients).where(eq(clients.id, client.id)))[0]!.status).toBe("pending");
});

test("with no order awaiting a reply, an answer still sets the client's status and an unclear message changes nothing", async () => {
  const { client } = await customer(0);

  expect(await reply(client, { text: "bonjour" })).toEqual({ flagged: false });
  expect((await db.select().from(clients).where(eq(clients.id, client.id)))[0]!.status).toBe("pending");

  expect(await reply(client, { text: "je confirme" })).toEqual({ orderId: undefined, orderStatus: undefined, flagged: false });
  expect((await db.select().from(clients).where(eq(clients.id, client.id)))[0]!.status).toBe("confirmed");
});
