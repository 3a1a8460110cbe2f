import { auditEvents, messages, statusChanges, users } from "@confirma/db";
import { and, desc, eq, like, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { idInput, listLimit } from "../input/common-schemas.ts";
import type { Services } from "../context.ts";
import { decodeCursor, toPage } from "../pagination/cursor.ts";

export const auditListInput = z.strictObject({ limit: listLimit, cursor: z.string().max(200).optional() });
export const orderEventsInput = z.strictObject({ orderId: idInput, limit: listLimit, cursor: z.string().max(200).optional() });
export const statusChangesInput = z.strictObject({ entityId: idInput.optional(), limit: listLimit, cursor: z.string().max(200).optional() });

/** User, settings and session changes, newest first. */
export async function listAuditEvents({ db }: Services, input: z.output<typeof auditListInput>) {
  const rows = await db
    .select({ event: auditEvents, actorName: sql<string | null>`coalesce(${users.name}, ${users.email})` })
    .from(auditEvents)
    .leftJoin(users, and(eq(auditEvents.actorType, "user"), eq(users.id, auditEvents.actorId)))
    .where(input.cursor ? lt(auditEvents.id, decodeCursor(input.cursor)) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(input.limit + 1);
  const page = toPage(
    rows.map(({ event, actorName }) => ({ ...event, actorName })),
    input.limit,
  );
  return { items: page.items.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })), nextCursor: page.nextCursor };
}

/** Every status change (of one order or client, or all), newest first: who or what, when, by which rule. */
export async function listStatusChanges({ db }: Services, input: z.output<typeof statusChangesInput>) {
  const conditions: SQL[] = [];
  if (input.entityId) conditions.push(eq(statusChanges.entityId, input.entityId));
  if (input.cursor) conditions.push(lt(statusChanges.id, decodeCursor(input.cursor)));
  const rows = await db
    .select({
      change: statusChanges,
      // Who, in words: the user's name, or the customer's message that decided.
      actorName: sql<string | null>`coalesce(${users.name}, ${users.email})`,
      messageBody: messages.body,
    })
    .from(statusChanges)
    .leftJoin(users, and(eq(statusChanges.actorType, "user"), eq(users.id, statusChanges.actorId)))
    .leftJoin(messages, and(eq(statusChanges.actorType, "message"), eq(messages.id, statusChanges.actorId)))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(statusChanges.id))
    .limit(input.limit + 1);
  const page = toPage(
    rows.map(({ change, actorName, messageBody }) => ({ ...change, actorName, messageBody })),
    input.limit,
  );
  return { items: page.items.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })), nextCursor: page.nextCursor };
}

/**
 * What was done to one order besides its status, newest first: details a person corrected
 * (`order.details_changed`), a store's change after the decision (`order.store_changed`). Only
 * `order.*` actions targeting that order: everyone who may see the order may see these.
 */
export async function listOrderEvents({ db }: Services, input: z.output<typeof orderEventsInput>) {
  const conditions: SQL[] = [eq(auditEvents.target, input.orderId), like(auditEvents.action, "order.%")];
  if (input.cursor) conditions.push(lt(auditEvents.id, decodeCursor(input.cursor)));
  const rows = await db
    .select({ event: auditEvents, actorName: sql<string | null>`coalesce(${users.name}, ${users.email})` })
    .from(auditEvents)
    .leftJoin(users, and(eq(auditEvents.actorType, "user"), eq(users.id, auditEvents.actorId)))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(input.limit + 1);
  const page = toPage(
    rows.map(({ event, actorName }) => ({ ...event, actorName })),
    input.limit,
  );
  return { items: page.items.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })), nextCursor: page.nextCursor };
}
