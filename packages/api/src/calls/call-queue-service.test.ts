import { afterAll, beforeAll, expect, test } from "bun:test";
import { auditEvents, clients, orders, type Order } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { eq } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { createUser } from "../accounts/user-service.ts";
import { BUILT_IN_CONFIRMATION } from "../confirmation/confirmation-settings.ts";
import type { Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { CLAIM_MS, claimOrder, listCallOutcomes, listCallQueue, recordCallOutcome, releaseOrder } from "./call-queue-service.ts";

let handle: Awaited<ReturnType<typeof openTestDatabase>>;
let services: Services;
let now = Date.parse("2025-03-01T10:00:00Z");
let amina: { id: string; role: "agent" };
let karim: { id: string; role: "agent" };
let admin: { id: string; role: "admin" };

const MINUTE = 60_000;

beforeAll(async () => {
  handle = await openTestDatabase();
  services = {
    db: handle.db,
    settings: { defaultCountry: "FR", defaultCurrency: "EUR", confirmation: { ...BUILT_IN_CONFIRMATION, enabled: false } },
    now: () => new Date(now),
  };
  amina = {
    id: (await createUser(handle.db, { email: "amina@example.com", name: "Amina", password: "amina's long password", role: "agent" })).id,
    role: "agent",
  };
  karim = { id: (await createUser(handle.db, { email: "karim@example.com", password: "karim's long password", role: "agent" })).id, role: "agent" };
  admin = { id: (await createUser(handle.db, { email: "admin@example.com", password: "the admin's long password", role: "admin" })).id, role: "admin" };
});
afterAll(async () => handle.close());

let phones = 0;

/** An order the confirmation flow gave up on: no answer, in the call queue. */
async function unanswered(fields: Partial<Order> = {}): Promise<string> {
  const [client] = await handle.db
    .insert(clients)
    .values({ id: uuidv7(), phoneNumber: `+3361300${String(++phones).padStart(4, "0")}` })
    .returning();
  const [order] = await handle.db
    .insert(orders)
    .values({ id: uuidv7(), clientId: client!.id, currency: "EUR", totalMinor: 4200, status: "no_answer", callReason: "no_answer", ...fields })
    .returning();
  return order!.id;
}

async function orderRow(id: string): Promise<Order> {
  const [row] = await handle.db.select().from(orders).where(eq(orders.id, id));
  return row!;
}

async function queued(id: string) {
  return (await listCallQueue(services, { limit: 100 })).items.find((item) => item.id === id);
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

test("a claim holds the order for its agent: another agent gets a conflict naming the holder until it runs out", async () => {
  const orderId = await unanswered();

  expect(await claimOrder(services, orderId, amina)).toEqual({ claimedUntil: new Date(now + CLAIM_MS).toISOString() });
  expect((await queued(orderId))?.claimedBy).toEqual({ id: amina.id, name: "Amina", email: "amina@example.com" });
  // Claiming again extends the agent's own claim.
  now += MINUTE;
  expect(await claimOrder(services, orderId, amina)).toEqual({ claimedUntil: new Date(now + CLAIM_MS).toISOString() });

  const conflict = await refusal(claimOrder(services, orderId, karim));
  expect(conflict.code).toBe("conflict");
  expect(conflict.message).toContain("Amina");
  expect(conflict.details).toEqual({
    claimedBy: { id: amina.id, name: "Amina", email: "amina@example.com" },
    claimedUntil: new Date(now + CLAIM_MS).toISOString(),
  });
  expect((await refusal(releaseOrder(services, orderId, karim.id))).code).toBe("conflict");
  expect((await refusal(recordCallOutcome(services, { orderId, outcome: "confirmed" }, { type: "user", id: karim.id }))).code).toBe("conflict");
  expect((await orderRow(orderId)).status).toBe("no_answer");

  now += CLAIM_MS;
  expect((await queued(orderId))?.claimedBy).toBeNull();
  expect(await claimOrder(services, orderId, karim)).toEqual({ claimedUntil: new Date(now + CLAIM_MS).toISOString() });
});

test("two agents claiming at the same moment: exactly one holds the order", async () => {
  for (let round = 0; round < 5; round++) {
    const orderId = await unanswered();
    const outcomes = await Promise.allSettled([claimOrder(services, orderId, amina), claimOrder(services, orderId, karim)]);
    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    expect(won).toHaveLength(1);
    const lost = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect((lost.reason as DomainError).code).toBe("conflict");
    const holder = (await orderRow(orderId)).claimedBy;
    expect((lost.reason as DomainError).details).toMatchObject({ claimedBy: { id: holder } });
  }
});

test("a released order is free for anyone; releasing an order nobody holds changes nothing", async () => {
  const orderId = await unanswered();
  await releaseOrder(services, orderId, amina.id);
  const untouched = await orderRow(orderId);
  expect(untouched).toMatchObject({ claimedBy: null, claimedUntil: null });

  await claimOrder(services, orderId, amina);
  await releaseOrder(services, orderId, amina.id);
  expect(await orderRow(orderId)).toMatchObject({ claimedBy: null, claimedUntil: null, status: "no_answer", callReason: "no_answer" });
  expect((await queued(orderId))?.claimedBy).toBeNull();
  await claimOrder(services, orderId, karim);
  expect((await orderRow(orderId)).claimedBy).toBe(karim.id);

  expect((await refusal(releaseOrder(services, uuidv7(), amina.id))).code).toBe("not_found");
  expect((await refusal(claimOrder(services, uuidv7(), amina))).code).toBe("not_found");
});

test("only an admin takes over another agent's claim, and the audit trail says from whom", async () => {
  const orderId = await unanswered();
  await claimOrder(services, orderId, amina);

  expect((await refusal(claimOrder(services, orderId, karim, { takeOver: true }))).code).toBe("forbidden");
  expect((await refusal(claimOrder(services, orderId, admin))).code).toBe("conflict");
  expect(await claimOrder(services, orderId, admin, { takeOver: true })).toEqual({ claimedUntil: new Date(now + CLAIM_MS).toISOString() });

  expect((await orderRow(orderId)).claimedBy).toBe(admin.id);
  const audit = await handle.db.select().from(auditEvents).where(eq(auditEvents.target, orderId));
  expect(audit.map(({ actorType, actorId, action, details }) => ({ actorType, actorId, action, details }))).toEqual([
    {
      actorType: "user",
      actorId: admin.id,
      action: "order.claim_taken_over",
      details: { from: { id: amina.id, name: "Amina", email: "amina@example.com" }, claimedUntil: new Date(now + CLAIM_MS).toISOString() },
    },
  ]);
  // The agent who lost it is now the one held back.
  expect((await refusal(recordCallOutcome(services, { orderId, outcome: "cancelled" }, { type: "user", id: amina.id }))).code).toBe("conflict");
});

test("a confirmed or cancelled call decides the order and takes it out of the queue, claim included", async () => {
  const confirmed = await unanswered();
  const wrongNumber = await unanswered({ status: "pending", callReason: "delivery_failed" });
  await claimOrder(services, confirmed, amina);

  expect(
    await recordCallOutcome(services, { orderId: confirmed, outcome: "confirmed", note: "livrer après 18 h" }, { type: "user", id: amina.id }),
  ).toMatchObject({
    id: confirmed,
    status: "confirmed",
  });
  expect(await orderRow(confirmed)).toMatchObject({ status: "confirmed", callReason: null, claimedBy: null, claimedUntil: null });
  expect(await queued(confirmed)).toBeUndefined();

  await recordCallOutcome(services, { orderId: wrongNumber, outcome: "wrong_number" }, { type: "user", id: karim.id });
  expect(await orderRow(wrongNumber)).toMatchObject({ status: "cancelled", callReason: null });
  expect(await queued(wrongNumber)).toBeUndefined();

  expect((await listCallOutcomes(services, confirmed)).map(({ outcome, note, userName }) => ({ outcome, note, userName }))).toEqual([
    { outcome: "confirmed", note: "livrer après 18 h", userName: "Amina" },
  ]);
});

test("no answer keeps the order in the queue, unclaimed; a call back hides it until an hour before the time", async () => {
  const pending = await unanswered({ status: "pending", callReason: "unclear", needsReview: true, reviewReason: "unclear" });
  await claimOrder(services, pending, amina);
  await recordCallOutcome(services, { orderId: pending, outcome: "no_answer" }, { type: "user", id: amina.id });
  expect(await orderRow(pending)).toMatchObject({ status: "no_answer", callReason: "no_answer", callBackAt: null, claimedBy: null });
  expect(await queued(pending)).toBeDefined();

  const later = new Date(now + 3 * 60 * MINUTE);
  await claimOrder(services, pending, karim);
  await recordCallOutcome(services, { orderId: pending, outcome: "call_back", callBackAt: later.toISOString() }, { type: "user", id: karim.id });
  expect(await orderRow(pending)).toMatchObject({ status: "no_answer", callReason: "call_back", callBackAt: later, claimedBy: null });
  expect(await queued(pending)).toBeUndefined();

  now += 2 * 60 * MINUTE + MINUTE;
  expect((await queued(pending))?.callBackAt).toBe(later.toISOString());
  expect((await listCallOutcomes(services, pending)).map(({ outcome }) => outcome).sort()).toEqual(["call_back", "no_answer"]);
});
