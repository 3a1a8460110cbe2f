import { announceChanges, queryPrepared, type Database, type OrderStatus } from "@confirma/db";
import { AWAITING_REPLY } from "@confirma/domain";
import type { InboundEvent, InboundMessage } from "@confirma/whatsapp";
import { sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { notHeldForPerson } from "../orders/queue-flags.ts";
import { SEEN_REQUEST_STATUSES } from "../replies/conversation.ts";
import { understandMessage, type Understanding } from "../replies/understand-message.ts";
import { ignoredOutcome, toIngestResult, type EventOutcome, type IngestResult } from "./outcomes.ts";
import { MESSAGE_INPUT_COLUMNS, MESSAGE_STEP, messageInput, RECEIPT_STEPS } from "./message-input.ts";
import { retryOnConflict } from "./retry-on-conflict.ts";
import { senderWriters } from "./sender-gate.ts";
import { clientsOfStoredMessages, providerKey } from "./stored-clients.ts";

/**
 * A message the one-statement path can store: from a phone (no opaque identity to link), with a
 * provider id, and understood as unclear, so it decides nothing (at most it puts an order in review).
 */
export interface UnclearPhoneMessage {
  event: InboundMessage & { messageId: string; from: { phone: string } };
  understanding: Understanding;
}

/**
 * The messages of a delivery when every one of them can be stored by `ingestPlainMessages`:
 * each comes from a phone number with no opaque identity to link, carries a provider id,
 * and is understood as unclear (it can at most put an order in the review queue). Confirm and
 * cancel replies, identities and statuses take the general path. Undefined otherwise.
 */
export function unclearPhoneMessages(events: readonly InboundEvent[]): UnclearPhoneMessage[] | undefined {
  const plain: UnclearPhoneMessage[] = [];
  for (const event of events) {
    if (event.kind === "ignored") continue;
    if (event.kind !== "message" || event.messageId === undefined || !event.from.phone || event.from.userId) return undefined;
    const understanding = understandMessage(event);
    if (understanding.intent !== "unclear" || understanding.orderId) return undefined;
    plain.push({ event: event as UnclearPhoneMessage["event"], understanding });
  }
  return plain.length > 0 ? plain : undefined;
}

/** What became of one plain message. */
interface Stored {
  /** False when its provider id was stored before (or earlier in the same statement). */
  stored: boolean;
  clientId?: string;
  clientCreated: boolean;
  flaggedOrder?: { id: string; status: OrderStatus };
}

/**
 * Stores a delivery of plain messages and answers as the general path would.
 * Twin: `ingestStepByStep` (ingest-events.ts) writes the same rows step by step; ingest-paths.test.ts compares the two.
 */
export async function ingestPlainMessages(db: Database, events: readonly InboundEvent[], plain: readonly UnclearPhoneMessage[]): Promise<IngestResult> {
  const results = await writerOf(db).write(plain);
  const outcomes: EventOutcome[] = [];
  let next = 0;
  for (const event of events) {
    if (event.kind !== "message") {
      outcomes.push(ignoredOutcome(event));
      continue;
    }
    const item = plain[next] as UnclearPhoneMessage;
    const result = results[next++] as Stored;
    outcomes.push(
      result.stored
        ? {
            kind: "message",
            outcome: "stored",
            providerMessageId: item.event.messageId,
            clientId: result.clientId,
            clientCreated: result.clientCreated,
            intent: item.understanding.intent,
            ...(result.flaggedOrder ? { orderId: result.flaggedOrder.id, orderStatus: result.flaggedOrder.status } : {}),
            flagged: result.flaggedOrder !== undefined,
          }
        : { kind: "message", outcome: "duplicate", providerMessageId: item.event.messageId, clientId: result.clientId },
    );
  }
  return toIngestResult(outcomes);
}

/** Concurrent deliveries of plain messages share statements. */
const writerOf = senderWriters(storePlainMessages);

/** What the statement returns: a row per client upserted, message stored and order put in review. */
type StatementRow =
  | { kind: "client"; id: string; phone_number: string; client_id: null; order_status: null }
  | { kind: "message"; id: string; phone_number: null; client_id: string; order_status: null }
  | { kind: "order"; id: string; phone_number: null; client_id: string; order_status: OrderStatus };

const AWAITING = sql.raw(AWAITING_REPLY.map((status) => `'${status}'`).join(", "));
const SEEN = sql.raw(SEEN_REQUEST_STATUSES.map((status) => `'${status}'`).join(", "));

/**
 * Stores plain messages in ONE statement, so one round trip and one commit whatever their
 * number: receipts (a provider id seen before stops there), senders upserted once each in phone
 * order (one lock order, so concurrent statements cannot deadlock on clients), the messages,
 * the review flag (reason `unclear`) on the orders each sender's last message is about, and the
 * change-feed rows. The same effects as the general path (`applyReply`; the `answered` step is the
 * twin of `answeredOrders` in replies/conversation.ts: the awaiting orders the latest request
 * asked about, else the newest awaiting order); listeners are told after the commit.
 * Its `flagged` step is the one writer of the queue flags outside orders/queue-flags.ts: it inlines `enterReview(message, "unclear")`.
 */
async function storePlainMessages(db: Database, items: readonly UnclearPhoneMessage[]): Promise<Stored[]> {
  const input: Record<string, unknown>[] = [];
  const generatedClientIds = new Set<string>();
  const messageIdOf: (string | undefined)[] = [];
  const seen = new Set<string>();
  for (const { event, understanding } of items) {
    const key = providerKey(event);
    if (seen.has(key)) {
      messageIdOf.push(undefined);
      continue;
    }
    seen.add(key);
    const clientId = uuidv7();
    const messageId = uuidv7();
    generatedClientIds.add(clientId);
    messageIdOf.push(messageId);
    input.push({
      ord: input.length,
      message_id: messageId,
      client_id: clientId,
      ...messageInput(event, understanding),
    });
  }

  const rows = await retryOnConflict(() =>
    queryPrepared<StatementRow>(
      db,
      sql`
        with input as (
          select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
            ord int, message_id text, client_id text, ${MESSAGE_INPUT_COLUMNS})
        ), ${RECEIPT_STEPS}, sender as (
          insert into clients (id, phone_number, name, last_contact)
          select min(client_id), phone, (array_agg(name order by ord) filter (where name is not null))[1], max(sent_at)
          from fresh group by phone order by phone
          on conflict (phone_number) do update set
            last_contact = greatest(clients.last_contact, excluded.last_contact),
            name = coalesce(clients.name, excluded.name),
            updated_at = now()
          returning id, phone_number
        ), ${MESSAGE_STEP}, latest as (
          select distinct on (sender.id) sender.id as client_id, fresh.message_id
          from fresh join sender on sender.phone_number = fresh.phone
          order by sender.id, fresh.ord desc
        ), answered as (
          select awaiting.id, latest.message_id
          from latest cross join lateral (
            select candidate.id from (
              select orders.id, asked.order_id is not null as asked,
                     bool_or(asked.order_id is not null) over () as any_asked,
                     row_number() over (order by orders.id desc) as newest
              from orders
              left join (
                select unnest(request.asked_order_ids) as order_id from (
                  select messages.asked_order_ids from messages
                  where messages.client_id = latest.client_id and messages.asked_order_ids is not null
                    and messages.status in (${SEEN})
                  order by messages.id desc limit 1
                ) request
              ) asked on asked.order_id = orders.id
              where orders.client_id = latest.client_id and orders.status in (${AWAITING}) and ${notHeldForPerson()}
            ) candidate
            where candidate.asked or (not candidate.any_asked and candidate.newest = 1)
          ) awaiting
          order by awaiting.id
        ), flagged as (
          update orders set needs_review = true, review_message_id = answered.message_id, review_reason = 'unclear',
                            call_reason = 'unclear', updated_at = now()
          from answered
          where orders.id = answered.id and orders.status in (${AWAITING})
          returning orders.id, orders.client_id, orders.status
        ), events as (
          insert into change_events (entity, entity_id, action, client_id)
          select 'client', sender.id, case when exists (select from input where input.client_id = sender.id) then 'created' else 'updated' end, sender.id from sender
          union all select 'message', message.id, 'created', message.client_id from message
          union all select 'order', flagged.id, 'updated', flagged.client_id from flagged
        )
        select 'client' as kind, id, phone_number, null as client_id, null as order_status from sender
        union all select 'message', id, null, client_id, null from message
        union all select 'order', id, null, client_id, status from flagged`,
    ),
  );

  const clientByPhone = new Map<string, string>();
  const stored = new Set<string>();
  const flaggedByClient = new Map<string, { id: string; status: OrderStatus }>();
  for (const row of rows) {
    if (row.kind === "client") clientByPhone.set(row.phone_number, row.id);
    else if (row.kind === "message") stored.add(row.id);
    else if ((flaggedByClient.get(row.client_id)?.id ?? "") < row.id) flaggedByClient.set(row.client_id, { id: row.id, status: row.order_status });
  }
  if (stored.size > 0) void announceChanges(db);

  const duplicates = items.filter((_, index) => !stored.has(messageIdOf[index] ?? ""));
  const storedClientOf = await clientsOfStoredMessages(
    db,
    duplicates.map((item) => item.event),
  );
  // As on the step-by-step path, a new client was created by its first message; the next ones found it.
  const createdBy = new Set<string>();
  return items.map(({ event }, index): Stored => {
    const messageId = messageIdOf[index];
    if (messageId === undefined || !stored.has(messageId)) {
      return {
        stored: false,
        clientId: storedClientOf.get(providerKey(event)) ?? clientByPhone.get(event.from.phone),
        clientCreated: false,
      };
    }
    const clientId = clientByPhone.get(event.from.phone) as string;
    const flaggedOrder = flaggedByClient.get(clientId);
    const clientCreated = generatedClientIds.has(clientId) && !createdBy.has(clientId);
    if (clientCreated) createdBy.add(clientId);
    return { stored: true, clientId, clientCreated, ...(flaggedOrder ? { flaggedOrder } : {}) };
  });
}
