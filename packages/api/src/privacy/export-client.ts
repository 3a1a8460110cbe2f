import { auditEvents, callOutcomes, clientIdentities, clients, messages, orders, statusChanges } from "@confirma/db";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { Services } from "../context.ts";
import { DomainError } from "../errors/domain-error.ts";
import { nowOf } from "../context.ts";
import { toOrderViews } from "../orders/order-view.ts";

/**
 * Everything Confirma holds about one customer (GDPR access request), as one JSON document: the
 * client, identities, orders with items and store fields, every message, the status history of
 * the client and its orders, call outcomes, and the audit entries about the client.
 */
export async function exportClient(services: Services, id: string) {
  const { db } = services;
  const [client] = await db.select().from(clients).where(eq(clients.id, id));
  if (!client) throw new DomainError("not_found", `no client \`${id}\``);
  const identities = await db
    .select({ identity: clientIdentities.identity, createdAt: clientIdentities.createdAt })
    .from(clientIdentities)
    .where(eq(clientIdentities.clientId, id))
    .orderBy(asc(clientIdentities.createdAt));
  const orderRows = await db.select().from(orders).where(eq(orders.clientId, id)).orderBy(asc(orders.id));
  const orderIds = orderRows.map((order) => order.id);
  const orderViews = await toOrderViews(db, orderRows);
  const thread = await db.select().from(messages).where(eq(messages.clientId, id)).orderBy(asc(messages.id));
  const history = await db
    .select()
    .from(statusChanges)
    .where(
      or(
        and(eq(statusChanges.entity, "client"), eq(statusChanges.entityId, id)),
        orderIds.length > 0 ? and(eq(statusChanges.entity, "order"), inArray(statusChanges.entityId, orderIds)) : undefined,
      ),
    )
    .orderBy(asc(statusChanges.createdAt), asc(statusChanges.id));
  const calls =
    orderIds.length > 0 ? await db.select().from(callOutcomes).where(inArray(callOutcomes.orderId, orderIds)).orderBy(asc(callOutcomes.createdAt)) : [];
  const audit = await db.select().from(auditEvents).where(eq(auditEvents.target, id)).orderBy(asc(auditEvents.createdAt));
  return {
    exportedAt: nowOf(services).toISOString(),
    client: {
      id: client.id,
      phoneNumber: client.phoneNumber,
      name: client.name,
      status: client.status,
      lastContact: client.lastContact,
      erasedAt: client.erasedAt,
      createdAt: client.createdAt,
      updatedAt: client.updatedAt,
    },
    identities,
    orders: orderViews.map((view) => ({
      id: view.id,
      status: view.status,
      currency: view.currency,
      total: view.total,
      items: view.products,
      storeId: view.storeId,
      externalId: view.externalId,
      externalNumber: view.externalNumber,
      shippingAddress: view.shippingAddress,
      customerEmail: view.customerEmail,
      paymentMethod: view.paymentMethod,
      note: view.note,
      createdAt: view.createdAt,
      updatedAt: view.updatedAt,
    })),
    messages: thread.map((message) => ({
      id: message.id,
      direction: message.direction,
      type: message.type,
      body: message.body,
      media: message.media,
      buttonPayload: message.buttonPayload,
      status: message.status,
      provider: message.provider,
      providerMessageId: message.providerMessageId,
      orderId: message.orderId,
      purpose: message.purpose,
      intent: message.intent,
      sentAt: message.sentAt,
      statusAt: message.statusAt,
      createdAt: message.createdAt,
    })),
    statusHistory: history.map((change) => ({
      entity: change.entity,
      entityId: change.entityId,
      fromStatus: change.fromStatus,
      toStatus: change.toStatus,
      actorType: change.actorType,
      reason: change.reason,
      createdAt: change.createdAt,
    })),
    callOutcomes: calls.map((call) => ({
      orderId: call.orderId,
      outcome: call.outcome,
      note: call.note,
      callBackAt: call.callBackAt,
      createdAt: call.createdAt,
    })),
    auditEntries: audit.map((entry) => ({ action: entry.action, actorType: entry.actorType, details: entry.details, createdAt: entry.createdAt })),
  };
}

export type ClientExport = Awaited<ReturnType<typeof exportClient>>;
