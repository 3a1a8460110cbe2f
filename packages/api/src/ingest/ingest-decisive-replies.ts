import { announceChanges, queryPrepared, type Database, type OrderStatus } from "@confirma/db";
import { AWAITING_REPLY, type ClientStatus } from "@confirma/domain";
import type { InboundEvent, InboundMessage } from "@confirma/whatsapp";
import { sql, type SQL } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { notHeldForPerson } from "../orders/queue-flags.ts";
import { jobsEndedBy } from "../orders/transition-order.ts";
import { SEEN_REQUEST_STATUSES } from "../replies/conversation.ts";
import { understandMessage, type Understanding } from "../replies/understand-message.ts";
import { ignoredOutcome, toIngestResult, type EventOutcome, type IngestResult } from "./outcomes.ts";
import { MESSAGE_INPUT_COLUMNS, MESSAGE_STEP, messageInput, RECEIPT_STEPS } from "./message-input.ts";
import { retryOnConflict } from "./retry-on-conflict.ts";
import { senderWriters } from "./sender-gate.ts";
import { clientsOfStoredMessages, providerKey } from "./stored-clients.ts";

/** A confirm or cancel reply the one-statement path can store: from a phone (no opaque identity to link), with a provider id. */
export interface DecisiveReply {
  event: InboundMessage & { messageId: string; from: { phone: string } };
  understanding: Understanding & { intent: "confirm" | "cancel" };
}

/**
 * The reply of a delivery when `ingestDecisiveReplies` can store it: the delivery's one message
 * (ignored events aside) comes from a phone number with no opaque identity to link, carries a
 * provider id, and is understood as a confirmation or a cancellation, bound to an order or not.
 * Undefined otherwise (the general path takes it).
 */
export function decisiveReply(events: readonly InboundEvent[]): DecisiveReply | undefined {
  const stored = events.filter((event) => event.kind !== "ignored");
  const [event] = stored;
  if (stored.length !== 1 || event?.kind !== "message" || event.messageId === undefined || !event.from.phone || event.from.userId) return undefined;
  const understanding = understandMessage(event);
  if (understanding.intent === "unclear") return undefined;
  return { event: event as DecisiveReply["event"], understanding: understanding as DecisiveReply["understanding"] };
}

/** What became of one reply. */
interface Stored {
  /** False when its provider id was stored before. */
  stored: boolean;
  clientId?: string;
  clientCreated: boolean;
  /** The order the reply decided (the newest, when several), else the order it left in review. */
  order?: { id: string; status: OrderStatus };
  flagged: boolean;
}

/**
 * Stores a delivery holding one confirm/cancel reply and answers as the general path would.
 * Twin: `ingestStepByStep` (ingest-events.ts, with `applyReply`) writes the same rows step by step;
 * ingest-paths.test.ts compares the two.
 */
export async function ingestDecisiveReplies(db: Database, events: readonly InboundEvent[], reply: DecisiveReply): Promise<IngestResult> {
  const [result] = (await writerOf(db).write([reply])) as [Stored];
  const outcomes = events.map((event): EventOutcome => {
    if (event !== reply.event) return ignoredOutcome(event);
    if (!result.stored) return { kind: "message", outcome: "duplicate", providerMessageId: event.messageId, clientId: result.clientId };
    return {
      kind: "message",
      outcome: "stored",
      providerMessageId: reply.event.messageId,
      clientId: result.clientId,
      clientCreated: result.clientCreated,
      intent: reply.understanding.intent,
      ...(result.order ? { orderId: result.order.id, orderStatus: result.order.status } : {}),
      flagged: result.flagged,
    };
  });
  return toIngestResult(outcomes);
}

/**
 * Concurrent replies share statements, one per customer in each (the statement reads a customer's
 * orders and messages as they were before it).
 */
const writerOf = senderWriters(storeDecisiveReplies, { oneItemPerKey: true });

/** Status-history ids made ahead per reply, in order; a reply deciding more orders than this derives the next ones from the last. */
const HISTORY_IDS = 4;

/** What the statement returns: a row per reply stored. */
interface StatementRow {
  ord: number;
  client_id: string;
  created: boolean;
  order_id: string | null;
  order_status: OrderStatus | null;
  flagged: boolean;
}

const list = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));
const AWAITING = list(AWAITING_REPLY);
const SEEN = list(SEEN_REQUEST_STATUSES);
const ENDED_BY_CONFIRMED = list(jobsEndedBy("confirmed"));
const ENDED_BY_CANCELLED = list(jobsEndedBy("cancelled"));
/** A new client's status (the column's default), before its first answer. */
const NEW_CLIENT_STATUS: ClientStatus = "pending";

/**
 * Stores confirm/cancel replies of different customers in ONE statement, so one round trip and
 * one commit whatever their number, with the effects of the general path (`applyReply` and
 * `transitionOrder`, in the same order of locks: the client, then its awaiting orders):
 * - `receipt`: a provider id seen before stops there (exactly once);
 * - `known`, `awaiting`: the sender's client and orders awaiting a reply, not held for a person
 *   (`lockAwaitingOrders`), locked;
 * - `roles`: a bound button decides its order or its request's orders; otherwise the reply is about
 *   the orders the latest request asked about, else the newest (`answeredOrders`), and a plain
 *   answer decides an order only right after its question (`plainAnswerRefusal`: `not_asked`,
 *   `weak_after_unclear`, `awaiting_person`);
 * - `plan`: once one order is decided, the other awaiting orders go to review (`several_orders`);
 * - `sender`: the client upserted, its status following a decision (also when nothing awaited);
 * - `changed`: the decided orders leave the queues (`leaveQueuesOnDecision`), the refused enter
 *   review (`enterReview(message, reason)`), one update;
 * - `history`, `ended`, `events`: status history (orders, then the client), the jobs the decision
 *   ends (`jobsEndedBy`), the change-feed rows; listeners are told after the commit.
 * Its `changed` step writes the queue flags inline: change it with orders/queue-flags.ts.
 */
async function storeDecisiveReplies(db: Database, items: readonly DecisiveReply[]): Promise<Stored[]> {
  const input: DecisiveReplyRow[] = [];
  const generatedClientIds = new Set<string>();
  const ordOf: (number | undefined)[] = [];
  const seen = new Set<string>();
  for (const { event, understanding } of items) {
    const key = providerKey(event);
    if (seen.has(key)) {
      ordOf.push(undefined);
      continue;
    }
    seen.add(key);
    const row = decisiveReplyRow({ event, understanding }, input.length);
    generatedClientIds.add(row.client_id);
    ordOf.push(row.ord);
    input.push(row);
  }

  const rows = await retryOnConflict(() => queryPrepared<StatementRow>(db, decisiveRepliesStatement(sql`${JSON.stringify(input)}::jsonb`)));

  const byOrd = new Map(rows.map((row) => [row.ord, row]));
  if (rows.length > 0) void announceChanges(db);
  const duplicates = items.filter((_, index) => !byOrd.has(ordOf[index] ?? -1)).map((item) => item.event);
  const storedClientOf = duplicates.length > 0 ? await clientsOfStoredMessages(db, duplicates) : new Map<string, string>();
  return items.map(({ event }, index): Stored => {
    const row = byOrd.get(ordOf[index] ?? -1);
    if (!row) return { stored: false, clientId: storedClientOf.get(providerKey(event)), clientCreated: false, flagged: false };
    return {
      stored: true,
      clientId: row.client_id,
      clientCreated: row.created && generatedClientIds.has(row.client_id),
      ...(row.order_id !== null && row.order_status !== null ? { order: { id: row.order_id, status: row.order_status } } : {}),
      flagged: row.flagged,
    };
  });
}

/** One reply as the statement reads it (a row of its `input`). */
export interface DecisiveReplyRow {
  ord: number;
  message_id: string;
  client_id: string;
  phone: string;
  name: string | null;
  provider: string;
  provider_message_id: string;
  type: string;
  body: string;
  button_payload: string | null;
  reply_to: string | null;
  intent: string;
  intent_rule: string;
  media: unknown;
  sent_at: string;
  decision: "confirmed" | "cancelled";
  explicit: boolean;
  bound: boolean;
  bound_order_id: string | null;
  bound_request_id: string | null;
  history_ids: string[];
}

/** The statement's row for a reply: its message id, a client id in case the sender is new, and ids for the status history made ahead. */
export function decisiveReplyRow({ event, understanding }: DecisiveReply, ord: number): DecisiveReplyRow {
  return {
    ord,
    message_id: uuidv7(),
    client_id: uuidv7(),
    ...messageInput(event, understanding),
    decision: understanding.intent === "confirm" ? "confirmed" : "cancelled",
    explicit: understanding.strength === "explicit",
    bound: understanding.orderId !== undefined || understanding.requestId !== undefined,
    bound_order_id: understanding.orderId ?? null,
    bound_request_id: understanding.requestId ?? null,
    history_ids: Array.from({ length: HISTORY_IDS }, () => uuidv7()),
  };
}

/**
 * The statement, for the replies `rows` (a jsonb array of `DecisiveReplyRow`); it answers a
 * `StatementRow` per reply stored. Exported for the benchmark, which sends it from pgbench.
 */
export function decisiveRepliesStatement(rows: SQL): SQL {
  return sql`
        with input as (
          select * from jsonb_to_recordset(${rows}) as x(
            ord int, message_id text, client_id text, ${MESSAGE_INPUT_COLUMNS},
            decision text, explicit boolean, bound boolean, bound_order_id text, bound_request_id text, history_ids text[])
        ), ${RECEIPT_STEPS}, known as (
          select fresh.ord, clients.id, clients.status from clients join fresh on clients.phone_number = fresh.phone
          order by clients.phone_number
          for update of clients
        ), awaiting as (
          select known.ord, orders.id, orders.status, orders.needs_review, orders.client_id from orders join known on orders.client_id = known.id
          where orders.status in (${AWAITING}) and ${notHeldForPerson()}
          order by orders.id
          for update of orders
        ), latest as materialized (
          -- Materialized: read once per sender, not once per order and sender.
          select known.ord, request.id, request.asked_order_ids from known cross join lateral (
            select messages.id, messages.asked_order_ids from messages
            where messages.client_id = known.id and messages.asked_order_ids is not null and messages.status in (${SEEN})
            order by messages.id desc limit 1
          ) request
        ), bound_orders as (
          select ord, bound_order_id as id from fresh where bound_order_id is not null
          union all
          select fresh.ord, unnest(messages.asked_order_ids) from fresh
          join known using (ord)
          join messages on messages.id = fresh.bound_request_id and messages.client_id = known.id and messages.asked_order_ids is not null
        ), targeted as (
          select awaiting.*, fresh.bound, fresh.explicit, latest.id as latest_request_id,
                 case when fresh.bound then exists (select from bound_orders where bound_orders.ord = awaiting.ord and bound_orders.id = awaiting.id)
                      else coalesce(awaiting.id = any (latest.asked_order_ids), false) end as asked,
                 row_number() over (partition by awaiting.ord order by awaiting.id desc) as newest
          from awaiting join fresh using (ord) left join latest using (ord)
        ), targets as (
          select targeted.*,
                 asked or (not bound and not bool_or(asked) over (partition by ord) and newest = 1) as target
          from targeted
        ), roles as (
          select targets.*,
                 case
                   when not target then case when bound then null else 'others' end
                   when bound or explicit then 'decide'
                   when question.id is null and latest_request_id is not null then 'not_asked'
                   when exists (
                     select from messages
                     where messages.client_id = targets.client_id and messages.id > coalesce(question.id, targets.id)
                       and messages.direction = 'in' and messages.intent = 'unclear'
                   ) then 'weak_after_unclear'
                   when needs_review then 'awaiting_person'
                   else 'decide'
                 end as role
          from targets left join lateral (
            select messages.id from messages
            where not targets.bound and not targets.explicit and targets.target
              and messages.client_id = targets.client_id and messages.asked_order_ids @> array[targets.id]
              and messages.status in (${SEEN})
            order by messages.id desc limit 1
          ) question on true
        ), plan as (
          select roles.ord, roles.id, roles.status, roles.target, fresh.message_id, fresh.decision, fresh.intent_rule, fresh.history_ids,
                 case when role = 'others' then case when bool_or(role = 'decide') over (partition by roles.ord) then 'several_orders' end
                      else role end as action
          from roles join fresh using (ord)
        ), decided as (
          select plan.*, row_number() over (partition by ord order by id) as seq from plan where action = 'decide'
        ), verdict as (
          select fresh.ord,
                 coalesce(bool_or(plan.action = 'decide'), false) or (not fresh.bound and count(plan.id) = 0) as decides,
                 count(plan.id) filter (where plan.action = 'decide') as decided_count
          from fresh left join plan using (ord)
          group by fresh.ord, fresh.bound
        ), sender as (
          insert into clients (id, phone_number, name, last_contact, status)
          select fresh.client_id, fresh.phone, fresh.name, fresh.sent_at,
                 case when verdict.decides then fresh.decision else ${NEW_CLIENT_STATUS} end
          from fresh join verdict using (ord)
          order by fresh.phone
          on conflict (phone_number) do update set
            last_contact = greatest(clients.last_contact, excluded.last_contact),
            name = coalesce(clients.name, excluded.name),
            -- A decision is never a new client's status: a row proposed with it carries no decision.
            status = case when excluded.status <> ${NEW_CLIENT_STATUS} then excluded.status else clients.status end,
            updated_at = now()
          returning id, phone_number
        ), ${MESSAGE_STEP}, changed as (
          update orders set
            status = case when plan.action = 'decide' then plan.decision else orders.status end,
            needs_review = plan.action <> 'decide',
            review_message_id = case when plan.action = 'decide' then null else plan.message_id end,
            review_reason = case when plan.action = 'decide' then null else plan.action end,
            call_reason = case when plan.action = 'decide' then null else 'unclear' end,
            call_back_at = case when plan.action = 'decide' then null else orders.call_back_at end,
            claimed_by = case when plan.action = 'decide' then null else orders.claimed_by end,
            claimed_until = case when plan.action = 'decide' then null else orders.claimed_until end,
            updated_at = now()
          from plan
          where orders.id = plan.id and plan.action is not null
          returning orders.id, orders.client_id
        ), ended as (
          update jobs set status = 'cancelled', updated_at = now()
          from decided
          where jobs.order_id = decided.id and jobs.status = 'pending'
            and jobs.kind = any (case decided.decision when 'confirmed' then array[${ENDED_BY_CONFIRMED}] else array[${ENDED_BY_CANCELLED}] end)
        ), history as (
          insert into status_changes (id, entity, entity_id, from_status, to_status, actor_type, actor_id, reason)
          select coalesce(entry.history_ids[entry.seq::int], entry.history_ids[${HISTORY_IDS}] || '.' || lpad(entry.seq::text, 6, '0')) as id,
                 entry.entity, entry.entity_id, entry.from_status, entry.to_status, 'message', entry.message_id, entry.reason
          from (
            select decided.seq, decided.history_ids, 'order' as entity, decided.id as entity_id, decided.status as from_status,
                   decided.decision as to_status, decided.message_id, decided.intent_rule as reason
            from decided
            union all
            select verdict.decided_count + 1, fresh.history_ids, 'client', sender.id, coalesce(known.status, ${NEW_CLIENT_STATUS}),
                   fresh.decision, fresh.message_id, fresh.intent_rule
            from fresh join verdict using (ord) join sender on sender.phone_number = fresh.phone left join known using (ord)
            where verdict.decides and coalesce(known.status, ${NEW_CLIENT_STATUS}) <> fresh.decision
          ) entry
          order by 1
        ), events as (
          insert into change_events (entity, entity_id, action, client_id)
          select 'client', sender.id, case when exists (select from input where input.client_id = sender.id) then 'created' else 'updated' end, sender.id
          from sender
          union all select 'message', message.id, 'created', message.client_id from message
          union all select 'order', changed.id, 'updated', changed.client_id from changed
        )
        select fresh.ord, sender.id as client_id, sender.id = fresh.client_id as created,
               coalesce(max(plan.id) filter (where plan.action = 'decide'), max(plan.id) filter (where plan.target and not fresh.bound)) as order_id,
               case when bool_or(plan.action = 'decide') then min(fresh.decision)
                    else (array_agg(plan.status order by plan.id desc) filter (where plan.target and not fresh.bound))[1] end as order_status,
               coalesce(bool_or(plan.action is not null and plan.action <> 'decide'), false) as flagged
        from fresh join sender on sender.phone_number = fresh.phone left join plan using (ord)
        group by fresh.ord, sender.id, fresh.client_id`;
}
