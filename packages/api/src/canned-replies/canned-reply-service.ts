import { cannedReplies, settings, type CannedReply, type Executor } from "@confirma/db";
import { CANNED_REPLY_LIMITS as LIMITS, MESSAGE_LANGUAGES, unknownPlaceholders } from "@confirma/domain";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { nowOf, type Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { safeText } from "../input/safe-text.ts";

/** Where the "délai de livraison" text that fills `{delivery_date}` is stored (the `settings` table). */
export const DELIVERY_DATE_SETTING = "canned_replies.delivery_date";

const title = safeText({ trim: true }).min(1).max(LIMITS.titleLength);
const body = safeText({ trim: true, multiline: true }).min(1).max(LIMITS.bodyLength);

export const createCannedReplyInput = z.strictObject({ title, language: z.enum(MESSAGE_LANGUAGES).default("fr"), body });
export const updateCannedReplyInput = z
  .strictObject({ title: title.optional(), language: z.enum(MESSAGE_LANGUAGES).optional(), body: body.optional() })
  .refine((value) => Object.keys(value).length > 0, { message: "say what to change: title, language or body" });
export const listCannedRepliesInput = z.strictObject({ language: z.enum(MESSAGE_LANGUAGES).optional() });
export const deliveryDateInput = z.strictObject({ deliveryDate: safeText({ trim: true }).max(LIMITS.deliveryDateLength) });

export interface CannedReplyView {
  id: string;
  title: string;
  language: string;
  body: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const toView = (row: CannedReply): CannedReplyView => ({
  id: row.id,
  title: row.title,
  language: row.language,
  body: row.body,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Refuses a body with a placeholder Confirma cannot fill (`{prenom}`), naming it and the ones it can. */
function assertKnownPlaceholders(text: string): void {
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0)
    throw new DomainError(
      "invalid_input",
      `unknown placeholder ${unknown.map((name) => `{${name}}`).join(", ")}: use {name}, {phone}, {order}, {total}, {items} or {delivery_date}`,
      {
        field: "body",
        unknown,
      },
    );
}

async function assertTitleFree(tx: Executor, language: string, wanted: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: cannedReplies.id })
    .from(cannedReplies)
    .where(
      and(eq(cannedReplies.language, language), sql`lower(${cannedReplies.title}) = lower(${wanted})`, exceptId ? ne(cannedReplies.id, exceptId) : undefined),
    );
  if (taken) throw new DomainError("conflict", `a canned reply titled "${wanted}" already exists in this language`, { field: "title" });
}

/** The "délai de livraison" text `{delivery_date}` is filled with; null when none is set. */
export async function loadDeliveryDate(db: Executor): Promise<string | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, DELIVERY_DATE_SETTING));
  return typeof row?.value === "string" && row.value.trim() ? row.value : null;
}

/** Sets (or clears, with an empty text) the delivery time `{delivery_date}` says. */
export async function saveDeliveryDate(services: Services, deliveryDate: string, actor: Actor): Promise<{ deliveryDate: string | null }> {
  return services.db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key: DELIVERY_DATE_SETTING, value: deliveryDate, updatedBy: actor.id })
      .onConflictDoUpdate({ target: settings.key, set: { value: deliveryDate, updatedBy: actor.id, updatedAt: nowOf(services) } });
    await recordAudit(tx, actor, "canned_replies.delivery_date", null, { deliveryDate });
    return { deliveryDate: deliveryDate || null };
  });
}

/** Every canned reply (or one language's), by language then title, with the delivery time that fills `{delivery_date}`. */
export async function listCannedReplies(services: Services, input: z.output<typeof listCannedRepliesInput> = {}) {
  const rows = await services.db
    .select()
    .from(cannedReplies)
    .where(input.language ? eq(cannedReplies.language, input.language) : undefined)
    .orderBy(asc(cannedReplies.language), asc(sql`lower(${cannedReplies.title})`), asc(cannedReplies.id));
  return { items: rows.map(toView), deliveryDate: await loadDeliveryDate(services.db) };
}

export async function getCannedReply(services: Services, id: string): Promise<CannedReplyView> {
  const [row] = await services.db.select().from(cannedReplies).where(eq(cannedReplies.id, id));
  if (!row) throw new DomainError("not_found", `no canned reply \`${id}\``);
  return toView(row);
}

/** Adds a canned reply; `invalid_input` for an unknown placeholder, `conflict` for a title already used in that language. */
export async function createCannedReply(services: Services, input: z.output<typeof createCannedReplyInput>, actor: Actor): Promise<CannedReplyView> {
  assertKnownPlaceholders(input.body);
  return services.db.transaction(async (tx) => {
    const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(cannedReplies);
    if (count >= LIMITS.count) throw new DomainError("conflict", `at most ${LIMITS.count} canned replies: delete one first`);
    await assertTitleFree(tx, input.language, input.title);
    const [row] = await tx
      .insert(cannedReplies)
      .values({ ...input, createdBy: actor.id })
      .returning();
    await recordAudit(tx, actor, "canned_reply.created", row!.id, { title: row!.title, language: row!.language });
    return toView(row!);
  });
}

export async function updateCannedReply(
  services: Services,
  id: string,
  input: z.output<typeof updateCannedReplyInput>,
  actor: Actor,
): Promise<CannedReplyView> {
  if (input.body !== undefined) assertKnownPlaceholders(input.body);
  return services.db.transaction(async (tx) => {
    const [current] = await tx.select().from(cannedReplies).where(eq(cannedReplies.id, id)).for("update");
    if (!current) throw new DomainError("not_found", `no canned reply \`${id}\``);
    const next = { title: input.title ?? current.title, language: input.language ?? current.language };
    if (next.title.toLowerCase() !== current.title.toLowerCase() || next.language !== current.language)
      await assertTitleFree(tx, next.language, next.title, id);
    const [row] = await tx
      .update(cannedReplies)
      .set({ ...input, updatedAt: nowOf(services) })
      .where(eq(cannedReplies.id, id))
      .returning();
    await recordAudit(tx, actor, "canned_reply.updated", id, { fields: Object.keys(input) });
    return toView(row!);
  });
}

export async function deleteCannedReply(services: Services, id: string, actor: Actor): Promise<void> {
  await services.db.transaction(async (tx) => {
    const [row] = await tx.delete(cannedReplies).where(eq(cannedReplies.id, id)).returning({ title: cannedReplies.title });
    if (!row) throw new DomainError("not_found", `no canned reply \`${id}\``);
    await recordAudit(tx, actor, "canned_reply.deleted", id, { title: row.title });
  });
}
