import { messages, recordChanges, webhookReceipts, type ChangeInput, type Database, type Executor } from "@confirma/db";
import type { InboundEvent, InboundMessage, StatusUpdate } from "@confirma/whatsapp";
import { and, eq, sql } from "drizzle-orm";
import { resolveSender } from "../clients/resolve-sender.ts";
import type { Services } from "../context.ts";
import { applyReply } from "../replies/apply-reply.ts";
import { understandMessage } from "../replies/understand-message.ts";
import { decisiveReply, ingestDecisiveReplies } from "./ingest-decisive-replies.ts";
import { ingestPlainMessages, unclearPhoneMessages } from "./ingest-plain-messages.ts";
import { ignoredOutcome, toIngestResult, type EventOutcome, type IngestResult } from "./outcomes.ts";
import { retryOnConflict } from "./retry-on-conflict.ts";
import { stripUnstorable } from "./strip-unstorable.ts";

export type { EventOutcome, IngestResult } from "./outcomes.ts";

/**
 * Stores one webhook delivery in one transaction: every message exactly once (a provider id
 * seen before changes nothing, concurrent duplicates included, enforced by a unique key),
 * its sender found or created, its reply applied; statuses move our outbound messages
 * forward only. Either all of the delivery is stored or none of it is.
 */
export async function ingestEvents({ db }: Services, delivered: readonly InboundEvent[]): Promise<IngestResult> {
  const events = delivered.map(stripUnstorable);
  if (events.every((event) => event.kind === "ignored")) {
    return { clientIds: [], outcomes: events.map((event) => ignoredOutcome(event)) };
  }
  // Chat messages, most of the traffic, are stored in one statement; the rest (identities, statuses,
  // several messages with an answer among them) reads and writes step by step.
  const plain = unclearPhoneMessages(events);
  if (plain) return ingestPlainMessages(db, events, plain);
  // A confirmation or a cancellation, the product's reason to exist, also goes in one statement.
  const reply = decisiveReply(events);
  if (reply) return ingestDecisiveReplies(db, events, reply);
  return ingestStepByStep(db, events);
}

/**
 * The general path: stores a delivery's events one by one in one transaction, any kind of event.
 * Twins: `ingestPlainMessages` (ingest-plain-messages.ts) writes the same rows for unclear phone messages in one
 * statement, `ingestDecisiveReplies` (ingest-decisive-replies.ts) for a confirm/cancel reply; ingest-paths.test.ts
 * compares them with this path.
 */
export function ingestStepByStep(db: Database, events: readonly InboundEvent[]): Promise<IngestResult> {
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const outcomes: EventOutcome[] = [];
      for (const event of events) {
        if (event.kind === "message") outcomes.push(await storeMessage(tx, event));
        else if (event.kind === "status") outcomes.push(await applyStatus(tx, event));
        else outcomes.push(ignoredOutcome(event));
      }
      return toIngestResult(outcomes);
    }),
  );
}

async function storeMessage(tx: Executor, event: InboundMessage): Promise<EventOutcome> {
  if (event.messageId !== undefined) {
    const [fresh] = await tx
      .insert(webhookReceipts)
      .values({ provider: event.provider, providerMessageId: event.messageId })
      .onConflictDoNothing()
      .returning({ id: webhookReceipts.providerMessageId });
    if (!fresh) {
      const [stored] = await tx
        .select({ clientId: messages.clientId })
        .from(messages)
        .where(and(eq(messages.provider, event.provider), eq(messages.providerMessageId, event.messageId)));
      return { kind: "message", outcome: "duplicate", providerMessageId: event.messageId, clientId: stored?.clientId };
    }
  }

  const { client, created } = await resolveSender(tx, event.from, event.timestamp);
  const understanding = understandMessage(event);
  const [message] = await tx
    .insert(messages)
    .values({
      clientId: client.id,
      direction: "in",
      type: event.type,
      body: event.text,
      provider: event.provider,
      providerMessageId: event.messageId ?? null,
      status: "received",
      buttonPayload: event.buttonPayload ?? null,
      replyToMessageId: event.replyToMessageId ?? null,
      intent: understanding.intent,
      intentRule: understanding.rule,
      media: event.media ?? event.location ?? null,
      sentAt: event.timestamp,
    })
    .returning({ id: messages.id });
  if (!message) throw new Error("message insert returned nothing");

  const effect = await applyReply(tx, client, understanding, message.id, { newClient: created });
  const changes: ChangeInput[] = [
    { entity: "client", entityId: client.id, action: created ? "created" : "updated", clientId: client.id },
    { entity: "message", entityId: message.id, action: "created", clientId: client.id },
  ];
  await recordChanges(tx, changes);
  return {
    kind: "message",
    outcome: "stored",
    providerMessageId: event.messageId,
    clientId: client.id,
    clientCreated: created,
    intent: understanding.intent,
    orderId: effect.orderId,
    orderStatus: effect.orderStatus,
    flagged: effect.flagged,
  };
}

/** Delivery statuses only move forward: a late "delivered" never undoes "read". */
const STATUS_RANK = sql`case ${messages.status} when 'queued' then 0 when 'sent' then 1 when 'failed' then 2 when 'delivered' then 3 when 'read' then 4 else 5 end`;
const RANK: Record<StatusUpdate["status"], number> = { sent: 1, failed: 2, delivered: 3, read: 4 };

async function applyStatus(tx: Executor, event: StatusUpdate): Promise<EventOutcome> {
  const updated = await tx
    .update(messages)
    .set({
      status: event.status,
      statusAt: event.timestamp,
      ...(event.error ? { errorCode: event.error.code, errorReason: event.error.reason } : {}),
    })
    .where(
      and(
        eq(messages.provider, event.provider),
        eq(messages.providerMessageId, event.messageId),
        eq(messages.direction, "out"),
        sql`${STATUS_RANK} < ${RANK[event.status]}`,
      ),
    )
    .returning({ id: messages.id, clientId: messages.clientId });
  await recordChanges(
    tx,
    updated.map((row) => ({ entity: "message" as const, entityId: row.id, action: "updated" as const, clientId: row.clientId })),
  );
  return { kind: "status", outcome: updated.length ? "updated" : "unchanged", providerMessageId: event.messageId, status: event.status };
}
