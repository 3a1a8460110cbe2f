import { blockedPhones, clients, type BlockedPhone, type Executor } from "@confirma/db";
import { normalizePhoneNumber } from "@confirma/whatsapp";
import { asc, eq, gt, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { safeText } from "../input/safe-text.ts";
import { listLimit } from "../input/common-schemas.ts";

export const blockPhoneInput = z.strictObject({
  phoneNumber: safeText({ trim: true }).min(1).max(64),
  reason: safeText({ trim: true, multiline: true }).min(1).max(500),
});
export const unblockPhoneInput = z.strictObject({ phoneNumber: safeText({ trim: true }).min(1).max(64) });
export const listBlocklistInput = z.strictObject({ limit: listLimit, cursor: z.string().max(64).optional() });

/** A blocked number as the API shows it. */
export interface BlockedPhoneView {
  phoneNumber: string;
  reason: string;
  createdBy: { type: BlockedPhone["createdByType"]; id: string | null };
  createdAt: string;
}

function toView(row: BlockedPhone): BlockedPhoneView {
  return {
    phoneNumber: row.phoneNumber,
    reason: row.reason,
    createdBy: { type: row.createdByType, id: row.createdBy },
    createdAt: row.createdAt.toISOString(),
  };
}

function e164(services: Services, phone: string): string {
  const normalized = normalizePhoneNumber(phone, services.settings.defaultCountry);
  if (!normalized.ok) throw new DomainError("invalid_phone", `\`phoneNumber\` is not a phone number`);
  return normalized.e164;
}

/** The blocked numbers, by number (keyset pagination on the number). */
export async function listBlocklist(
  { db }: Services,
  input: z.infer<typeof listBlocklistInput>,
): Promise<{ items: BlockedPhoneView[]; nextCursor: string | null }> {
  const rows = await db
    .select()
    .from(blockedPhones)
    .where(input.cursor ? gt(blockedPhones.phoneNumber, input.cursor) : undefined)
    .orderBy(asc(blockedPhones.phoneNumber))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(toView);
  return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.phoneNumber : null };
}

/**
 * Blocks a number (any spelling, stored in E.164); blocking it again updates the reason. Orders
 * already decided are left as they are: only orders created from now on are held back.
 */
export async function blockPhone(
  services: Services,
  input: z.infer<typeof blockPhoneInput>,
  actor: Actor,
): Promise<{ entry: BlockedPhoneView; created: boolean }> {
  const phoneNumber = e164(services, input.phoneNumber);
  return services.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ phone: blockedPhones.phoneNumber })
      .from(blockedPhones)
      .where(eq(blockedPhones.phoneNumber, phoneNumber))
      .for("update");
    const [row] = await tx
      .insert(blockedPhones)
      .values({ phoneNumber, reason: input.reason, createdByType: actor.type, createdBy: actor.id })
      .onConflictDoUpdate({ target: blockedPhones.phoneNumber, set: { reason: input.reason } })
      .returning();
    await recordAudit(tx, actor, "blocklist.added", phoneNumber, { reason: input.reason });
    return { entry: toView(row!), created: !existing };
  });
}

/** Unblocks a number; `not_found` when it was not blocked. */
export async function unblockPhone(services: Services, phone: string, actor: Actor): Promise<void> {
  const phoneNumber = e164(services, phone);
  await services.db.transaction(async (tx) => {
    const removed = await tx.delete(blockedPhones).where(eq(blockedPhones.phoneNumber, phoneNumber)).returning({ phone: blockedPhones.phoneNumber });
    if (removed.length === 0) throw new DomainError("not_found", "this number is not blocked");
    await recordAudit(tx, actor, "blocklist.removed", phoneNumber);
  });
}

/** The block of each of these clients' numbers, by client id (clients without one are absent). */
export async function blocksOfClients(tx: Executor, clientIds: readonly string[]): Promise<Map<string, BlockedPhone>> {
  if (clientIds.length === 0) return new Map();
  const rows = await tx
    .select({ clientId: clients.id, block: blockedPhones })
    .from(clients)
    .innerJoin(blockedPhones, eq(blockedPhones.phoneNumber, clients.phoneNumber))
    .where(inArray(clients.id, [...clientIds]));
  return new Map(rows.map((row) => [row.clientId, row.block]));
}

/** The block of a client's number, or null. */
export async function blockOfClient(tx: Executor, clientId: string): Promise<BlockedPhone | null> {
  return (await blocksOfClients(tx, [clientId])).get(clientId) ?? null;
}
