import { callOutcomes, clientIdentities, clients, type Executor, messages, orders, recordChanges } from "@confirma/db";
import { OPEN_ORDER_STATUSES } from "@confirma/domain";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { eraseClientMedia } from "./media-hook.ts";

/** What an erasure removed, recorded in the audit trail (counts only, never the data). */
export interface ErasureSummary {
  clientId: string;
  alreadyErased: boolean;
  messages: number;
  identities: number;
  orders: number;
  media: number;
}

/** What replaces a personal value found in free text (notes, payloads, the audit trail). */
export const ERASED_TEXT = "[effacé]";

/**
 * Erases a customer's personal data on request (GDPR), in one transaction: their messages, media
 * and identities are deleted; their orders stay for accounting, without address, email or note;
 * the client row stays as an anonymous shell (no phone, no name, `erasedAt` set) so the orders keep
 * their client, and a later message from the same number starts a new client. Notes, outbound
 * webhook payloads, jobs and audit entries that mention the customer lose those mentions. The
 * erasure itself is recorded in the audit trail with counts only. Refused with
 * `client_has_open_orders` while an order is open (it may still need the customer's address).
 */
export async function eraseClient({ db }: Services, id: string, actor: Actor): Promise<ErasureSummary> {
  return db.transaction(async (tx) => {
    const [client] = await tx.select().from(clients).where(eq(clients.id, id)).for("update");
    if (!client) throw new DomainError("not_found", `no client \`${id}\``);
    if (client.erasedAt) return { clientId: id, alreadyErased: true, messages: 0, identities: 0, orders: 0, media: 0 };
    const open = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.clientId, id), inArray(orders.status, [...OPEN_ORDER_STATUSES])))
      .limit(1);
    if (open.length > 0) {
      throw new DomainError("client_has_open_orders", "this client has open orders; cancel or deliver them before erasing their data", {
        orderId: open[0]?.id,
      });
    }

    const identities = await tx.select({ identity: clientIdentities.identity }).from(clientIdentities).where(eq(clientIdentities.clientId, id));
    const clientOrders = await tx
      .select({ id: orders.id, shippingAddress: orders.shippingAddress, customerEmail: orders.customerEmail })
      .from(orders)
      .where(eq(orders.clientId, id));
    const orderIds = clientOrders.map((order) => order.id);
    const needles = personalNeedles(client, identities, clientOrders);

    const media = await eraseClientMedia(tx, id);
    const removedMessages = await tx.delete(messages).where(eq(messages.clientId, id)).returning({ id: messages.id });
    await tx.delete(clientIdentities).where(eq(clientIdentities.clientId, id));
    if (orderIds.length > 0) {
      await tx
        .update(orders)
        .set({ shippingAddress: null, customerEmail: null, note: null, writeBackError: null, updatedAt: sql`now()` })
        .where(eq(orders.clientId, id));
      await tx.update(callOutcomes).set({ note: null }).where(inArray(callOutcomes.orderId, orderIds));
    }
    await redactOutboundPayloads(tx, id);
    await redactMentions(tx, needles, [id, ...orderIds]);
    await tx.update(clients).set({ phoneNumber: null, name: null, erasedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(clients.id, id));

    const summary: ErasureSummary = {
      clientId: id,
      alreadyErased: false,
      messages: removedMessages.length,
      identities: identities.length,
      orders: orderIds.length,
      media,
    };
    await recordAudit(tx, actor, "client.erased", id, { messages: summary.messages, identities: summary.identities, orders: summary.orders, media });
    await recordChanges(tx, [
      { entity: "client", entityId: id, action: "updated", clientId: id },
      ...removedMessages.map((message) => ({ entity: "message" as const, entityId: message.id, action: "deleted" as const, clientId: id })),
    ]);
    return summary;
  });
}

/** The customer's values as they may appear in free text: phone (with and without +), name, identities, emails, address names and phones. */
function personalNeedles(
  client: { phoneNumber: string | null; name: string | null },
  identities: { identity: string }[],
  clientOrders: { shippingAddress: unknown; customerEmail: string | null }[],
): string[] {
  const values = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value !== "string") return;
    const trimmed = value.trim();
    // Short values ("Al", "12") would blank unrelated text.
    if (trimmed.length >= 4) values.add(trimmed);
  };
  add(client.phoneNumber);
  if (client.phoneNumber?.startsWith("+")) add(client.phoneNumber.slice(1));
  add(client.name);
  for (const { identity } of identities) {
    add(identity);
    add(identity.replace(/^[a-z]+:/, ""));
  }
  for (const order of clientOrders) {
    add(order.customerEmail);
    const address = order.shippingAddress as Record<string, unknown> | null;
    add(address?.name);
    add(address?.phone);
  }
  // Longest first, so a name is replaced whole before a part of it would be.
  return [...values].sort((a, b) => b.length - a.length);
}

/** The outbound webhook events about this client keep their facts (ids, statuses, money) without the person. */
async function redactOutboundPayloads(tx: Executor, clientId: string): Promise<void> {
  await tx.execute(sql`
    update outbound_deliveries set payload = jsonb_set(payload, '{data}',
      (payload->'data') - 'phone' - 'name' - 'body' - 'buttonPayload' - 'shippingAddress' - 'client'
        || case when payload->'data' ? 'client' then jsonb_build_object('client', jsonb_build_object('phone', null, 'name', null)) else '{}'::jsonb end)
    where payload->'data'->>'clientId' = ${clientId}`);
}

/** Replaces every mention of the customer in the free text Confirma keeps elsewhere. */
async function redactMentions(tx: Executor, needles: string[], entityIds: string[]): Promise<void> {
  if (needles.length === 0) return;
  // The status history is the largest of these tables: only the customer's own entries can hold a note about them.
  const ownStatusChanges = sql`entity_id in (${sql.join(
    entityIds.map((entityId) => sql`${entityId}`),
    sql`, `,
  )})`;
  const places: { table: string; column: string; json: boolean; within?: SQL }[] = [
    { table: "audit_events", column: "details", json: true },
    { table: "outbound_deliveries", column: "payload", json: true },
    { table: "outbound_deliveries", column: "last_error", json: false },
    { table: "jobs", column: "payload", json: true },
    { table: "jobs", column: "last_error", json: false },
    { table: "status_changes", column: "reason", json: false, within: ownStatusChanges },
    { table: "call_outcomes", column: "note", json: false },
    { table: "orders", column: "note", json: false },
    { table: "orders", column: "write_back_error", json: false },
  ];
  for (const { table, column, json, within } of places) {
    const name = sql.raw(table);
    const value = json ? sql`${sql.raw(column)}::text` : sql.raw(column);
    // In JSON text a value appears escaped: look for it as JSON writes it.
    const forms = json ? needles.map((needle) => JSON.stringify(needle).slice(1, -1)) : needles;
    const replaced = forms.reduce<SQL>((text, form) => sql`replace(${text}, ${form}, ${ERASED_TEXT})`, value);
    const mentions = sql.join(
      forms.map((form) => sql`strpos(${value}, ${form}) > 0`),
      sql` or `,
    );
    await tx.execute(
      sql`update ${name} set ${sql.raw(column)} = ${json ? sql`(${replaced})::jsonb` : replaced} where ${within ? sql`${within} and ` : sql``}(${mentions})`,
    );
  }
}
