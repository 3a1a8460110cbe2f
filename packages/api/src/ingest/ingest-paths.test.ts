import { afterAll, beforeAll, expect, test } from "bun:test";
import { queryPrepared, REVIEW_REASONS, type Database } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { encodeButtonPayload, type InboundEvent, type InboundMessage } from "@confirma/whatsapp";
import { type SQL, sql } from "drizzle-orm";
import fc from "fast-check";
import { uuidv7 } from "uuidv7";
import { BUILT_IN_CONFIRMATION } from "../confirmation/confirmation-settings.ts";
import type { Services } from "../context.ts";
import { ingestEvents, ingestStepByStep, type IngestResult } from "./ingest-events.ts";
import { decisiveReply } from "./ingest-decisive-replies.ts";
import { unclearPhoneMessages } from "./ingest-plain-messages.ts";
import { stripUnstorable } from "./strip-unstorable.ts";

/*
 * The one-statement SQL paths (`ingestPlainMessages` for chat, `ingestDecisiveReplies` for a
 * confirmation or a cancellation) are twins of the step-by-step path (`ingestStepByStep`: receipt,
 * `resolveSender`, `applyReply`, `transitionOrder`). The same clients, orders, follow-up jobs,
 * requests and deliveries go once through the step-by-step path alone, once the way production
 * routes them (`ingestEvents`: the deliveries `unclearPhoneMessages` or `decisiveReply` accept take
 * a statement), and every row written must be the same.
 */

let handle: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;
let services: Services;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  services = { db, settings: { defaultCountry: "FR", defaultCurrency: "EUR", confirmation: { ...BUILT_IN_CONFIRMATION, enabled: false } } };
});
afterAll(async () => handle.close());

const PHONES = ["+33612000001", "+33612000002", "+33612000003"];
const START = Date.parse("2025-03-01T10:00:00Z");
const at = (minutes: number) => new Date(START + minutes * 60_000);

/** What customers send: chat that decides nothing (the statement's share), answers, media, reactions. */
const CONTENTS: Pick<InboundMessage, "type" | "text" | "media" | "location" | "buttonPayload">[] = [
  { type: "text", text: "bonjour" },
  { type: "text", text: "C'est pour quand la livraison ?" },
  { type: "text", text: "je ne sais pas encore" },
  { type: "text", text: "?" },
  { type: "text", text: "oui" },
  { type: "text", text: "je confirme" },
  { type: "text", text: "non merci j'annule" },
  { type: "image", text: "", media: { id: "media-1", mimeType: "image/jpeg" } },
  { type: "image", text: "photo du colis", media: { id: "media-2", mimeType: "image/jpeg", caption: "photo du colis" } },
  { type: "audio", text: "", media: { id: "media-3", mimeType: "audio/ogg" } },
  { type: "location", text: "", location: { latitude: 48.85, longitude: 2.35, name: "Maison" } },
  { type: "reaction", text: "👍" },
  { type: "sticker", text: "" },
  { type: "button", text: "Voir l'offre", buttonPayload: "promo_1" },
];
const ANSWERS = new Set(["oui", "je confirme", "non merci j'annule"]);

/**
 * Confirmations and cancellations: plain and explicit words, and buttons bound to one of the
 * sender's orders, to one of their requests, or to another customer's (`@intent:order|request:index[:other]`,
 * made real once the run's ids exist, see `bindButtons`).
 */
const DECISIVE: Pick<InboundMessage, "type" | "text" | "buttonPayload">[] = [
  { type: "text", text: "oui" },
  { type: "text", text: "ok" },
  { type: "text", text: "Oui je confirme" },
  { type: "text", text: "je confirme ma commande" },
  { type: "text", text: "non" },
  { type: "text", text: "non merci j'annule" },
  { type: "button", text: "Confirmer", buttonPayload: "@confirm:order:0" },
  { type: "button", text: "Confirmer", buttonPayload: "@confirm:order:1" },
  { type: "button", text: "Annuler", buttonPayload: "@cancel:order:2" },
  { type: "button", text: "Tout confirmer", buttonPayload: "@confirm:request:0" },
  { type: "button", text: "Tout annuler", buttonPayload: "@cancel:request:1" },
  { type: "button", text: "Confirmer", buttonPayload: "@confirm:order:0:other" },
  { type: "button", text: "Tout confirmer", buttonPayload: "@confirm:request:0:other" },
];

const orderArbitrary = fc.record({
  status: fc.constantFrom("pending", "pending", "no_answer", "confirmed", "cancelled", "shipped"),
  /** Already in the review queue, and why. */
  review: fc.option(fc.constantFrom(...REVIEW_REASONS), { nil: undefined }),
  callReason: fc.option(fc.constantFrom("no_answer", "call_back"), { nil: undefined }),
  /** An agent is on the phone with the customer about it. */
  claimed: fc.boolean(),
  /** Follow-ups scheduled, as the confirmation flow leaves them. */
  jobs: fc.subarray(["reminder", "confirmation_timeout", "auto_cancel", "store_write_back"] as const),
});

const requestArbitrary = fc.record({
  /** Indexes of the client's orders the request asked about. */
  asked: fc.uniqueArray(fc.nat(2), { maxLength: 3 }),
  status: fc.constantFrom("queued", "sent", "delivered", "read", "failed"),
  purpose: fc.constantFrom("confirmation_request", "reminder"),
});

const clientArbitrary = fc.record({
  name: fc.option(fc.constantFrom("Amina", "Karim"), { nil: null }),
  status: fc.constantFrom("pending", "confirmed", "cancelled"),
  lastContact: fc.option(fc.integer({ min: -600, max: 600 }), { nil: null }),
  orders: fc.array(orderArbitrary, { maxLength: 3 }),
  requests: fc.array(requestArbitrary, { maxLength: 2 }),
  /** An inbound unclear message in the history: none, before the requests, after them. */
  earlierMessage: fc.constantFrom("none", "before", "after"),
  identity: fc.boolean(),
});

type ClientSetup = typeof clientArbitrary extends fc.Arbitrary<infer T> ? T : never;

/**
 * Messages from phone senders; `chat` keeps to what decides nothing and names no identity,
 * `decisive` to confirmations and cancellations with no identity.
 */
function messageArbitrary({ chat = false, decisive = false }: { chat?: boolean; decisive?: boolean }): fc.Arbitrary<InboundMessage> {
  const contents = decisive ? DECISIVE : chat ? CONTENTS.filter((content) => !ANSWERS.has(content.text)) : [...CONTENTS, ...DECISIVE];
  return fc
    .record({
      phone: fc.nat(PHONES.length - 1),
      provider: fc.constantFrom("meta", "meta", "evolution"),
      /** A small pool of provider ids, so duplicates (in one delivery and across deliveries) are common. */
      id: fc.nat(5),
      name: fc.option(fc.constantFrom("Amina", "Sofia"), { nil: undefined }),
      content: fc.constantFrom(...contents),
      minutes: fc.integer({ min: 0, max: 120 }),
      /** Now and then, the provider also names an opaque identity. */
      userId: chat || decisive ? fc.constant(undefined) : fc.option(fc.constantFrom("meta:u0", "meta:u1"), { freq: 4, nil: undefined }),
      replyTo: fc.option(fc.constant("out-0-0"), { freq: 5, nil: undefined }),
    })
    .map(
      (m): InboundMessage => ({
        kind: "message",
        provider: m.provider as InboundMessage["provider"],
        messageId: `wamid.${m.id}`,
        from: { phone: PHONES[m.phone]!, ...(m.name ? { name: m.name } : {}), ...(m.userId ? { userId: m.userId } : {}) },
        ...m.content,
        ...(m.replyTo ? { replyToMessageId: m.replyTo } : {}),
        timestamp: at(m.minutes),
      }),
    );
}

const statusArbitrary = fc
  .record({ phone: fc.nat(PHONES.length - 1), request: fc.nat(1), status: fc.constantFrom("sent", "delivered", "read", "failed"), minutes: fc.nat(120) })
  .map(
    (s): InboundEvent => ({
      kind: "status",
      provider: "meta",
      messageId: `out-${s.phone}-${s.request}`,
      status: s.status as "sent",
      timestamp: at(s.minutes),
    }),
  );

const eventArbitrary: fc.Arbitrary<InboundEvent> = fc.oneof(
  { arbitrary: messageArbitrary({}), weight: 10 },
  { arbitrary: statusArbitrary, weight: 1 },
  { arbitrary: fc.constant<InboundEvent>({ kind: "ignored", provider: "meta", reason: "echo", messageId: "wamid.echo" }), weight: 1 },
);

/**
 * Most deliveries are chat or one answer, which the statements take; the others change what later
 * messages are about.
 */
const deliveryArbitrary = fc.oneof(
  { arbitrary: fc.array(messageArbitrary({ chat: true }), { minLength: 1, maxLength: 4 }), weight: 3 },
  { arbitrary: fc.tuple(messageArbitrary({ decisive: true })), weight: 3 },
  { arbitrary: fc.array(eventArbitrary, { minLength: 1, maxLength: 3 }), weight: 2 },
);

const scenarioArbitrary = fc.record({
  clients: fc.array(fc.option(clientArbitrary, { freq: 2, nil: undefined }), { minLength: PHONES.length, maxLength: PHONES.length }),
  deliveries: fc.array(deliveryArbitrary, { minLength: 1, maxLength: 5 }),
});

/** The ids a setup uses, made once per run so both paths start from the same rows. */
function idsFor(clients: readonly (ClientSetup | undefined)[]) {
  return clients.map((client) =>
    client
      ? { client: uuidv7(), orders: client.orders.map(() => uuidv7()), before: uuidv7(), requests: client.requests.map(() => uuidv7()), after: uuidv7() }
      : undefined,
  );
}

/** The run's buttons: `@intent:order|request:index[:other]` becomes a real payload naming an order or request of the sender (or of the next customer). */
function bindButtons(deliveries: readonly InboundEvent[][], ids: ReturnType<typeof idsFor>): InboundEvent[][] {
  return deliveries.map((delivery) =>
    delivery.map((event) => {
      if (event.kind !== "message" || !event.buttonPayload?.startsWith("@")) return event;
      const [intent, target, index, other] = event.buttonPayload.slice(1).split(":") as ["confirm" | "cancel", "order" | "request", string, string?];
      const sender = PHONES.indexOf(event.from.phone ?? "");
      const owner = ids[other ? (sender + 1) % PHONES.length : sender];
      const id = (target === "order" ? owner?.orders : owner?.requests)?.[Number(index)] ?? uuidv7();
      return { ...event, buttonPayload: encodeButtonPayload(target === "order" ? { intent, orderId: id } : { intent, requestId: id }) };
    }),
  );
}

/** Empties what a run writes (deleting a client deletes its orders, messages and identities). */
async function reset() {
  for (const table of ["clients", "webhook_receipts", "change_events", "status_changes", "stat_counters", "kpi_counters", "jobs"]) {
    await db.execute(sql.raw(`delete from ${table}`));
  }
}

const rowsOf = (rows: SQL[]) => sql.join(rows, sql`, `);

/** Inserts the clients, their orders, history and requests: one statement per table. */
async function setUp(clients: readonly (ClientSetup | undefined)[], ids: ReturnType<typeof idsFor>) {
  const clientRows: SQL[] = [];
  const identityRows: SQL[] = [];
  const orderRows: SQL[] = [];
  const jobRows: SQL[] = [];
  const messageRows: SQL[] = [];
  for (const [index, client] of clients.entries()) {
    const id = ids[index];
    if (!client || !id) continue;
    const lastContact = client.lastContact === null ? null : at(client.lastContact).toISOString();
    clientRows.push(sql`(${id.client}, ${PHONES[index]}, ${client.name}, ${client.status}, ${lastContact}::timestamptz)`);
    if (client.identity) identityRows.push(sql`(${`meta:u${index}`}, ${id.client})`);
    for (const [position, order] of client.orders.entries()) {
      const callReason = order.review !== undefined ? "unclear" : (order.callReason ?? null);
      const orderId = id.orders[position]!;
      const claimedUntil = order.claimed ? at(600).toISOString() : null;
      orderRows.push(
        sql`(${orderId}, ${id.client}, ${order.status}, 'EUR', 2500, ${order.review !== undefined}, ${order.review ?? null}, ${callReason},
             ${order.claimed ? "agent-1" : null}, ${claimedUntil}::timestamptz, ${order.callReason === "call_back" ? at(90).toISOString() : null}::timestamptz)`,
      );
      for (const kind of order.jobs) jobRows.push(sql`(${kind}, ${`${kind}:${orderId}`}, ${orderId}, ${at(60).toISOString()}::timestamptz)`);
    }
    const inbound = (messageId: string) =>
      sql`(${messageId}, ${id.client}, 'in', 'text', 'hein', 'meta', ${`old-${messageId}`}, 'received', null, null, null::text[], 'unclear', 'reply:no_match', ${at(-30).toISOString()}::timestamptz)`;
    if (client.earlierMessage === "before") messageRows.push(inbound(id.before));
    for (const [position, request] of client.requests.entries()) {
      const asked = request.asked.flatMap((order) => (id.orders[order] ? [id.orders[order]] : []));
      messageRows.push(
        sql`(${id.requests[position]}, ${id.client}, 'out', 'template', 'Confirmez-vous votre commande ?', 'meta', ${`out-${index}-${position}`}, ${request.status},
             ${asked[0] ?? null}, ${request.purpose}, ${`{${asked.join(",")}}`}::text[], null, null, ${at(-20).toISOString()}::timestamptz)`,
      );
    }
    if (client.earlierMessage === "after") messageRows.push(inbound(id.after));
  }
  if (clientRows.length === 0) return;
  await db.execute(sql`insert into clients (id, phone_number, name, status, last_contact) values ${rowsOf(clientRows)}`);
  if (identityRows.length) await db.execute(sql`insert into client_identities (identity, client_id) values ${rowsOf(identityRows)}`);
  if (orderRows.length) {
    await db.execute(
      sql`insert into orders (id, client_id, status, currency, total_minor, needs_review, review_reason, call_reason, claimed_by, claimed_until, call_back_at)
          values ${rowsOf(orderRows)}`,
    );
  }
  if (jobRows.length) await db.execute(sql`insert into jobs (kind, dedupe_key, order_id, run_at) values ${rowsOf(jobRows)}`);
  if (messageRows.length) {
    await db.execute(sql`
      insert into messages (id, client_id, direction, type, body, provider, provider_message_id, status, order_id, purpose, asked_order_ids, intent, intent_rule, sent_at)
      values ${rowsOf(messageRows)}`);
  }
}

/** Every row ingestion writes, with generated ids replaced by what identifies the row on both paths. */
async function snapshot() {
  const read = <T>(query: ReturnType<typeof sql>) => queryPrepared<T>(db, query);
  const clientRows = await read<{ id: string; phone_number: string | null; name: string | null; status: string; last_contact: string | null }>(
    sql`select id, phone_number, name, status, last_contact::text from clients order by phone_number`,
  );
  const messageRows = await read<Record<string, unknown> & { id: string; client_id: string; direction: string; provider: string; provider_message_id: string }>(
    sql`select id, client_id, direction, type, body, provider, provider_message_id, status, error_code, button_payload, reply_to_message_id,
               intent, intent_rule, media, order_id, purpose, asked_order_ids, sent_at::text, status_at::text
        from messages order by id`,
  );
  const clientLabel = new Map(clientRows.map((row) => [row.id, row.phone_number ?? `no phone: ${row.name}`]));
  const messageLabel = new Map(messageRows.map((row) => [row.id, row.direction === "in" ? `${row.provider}/${row.provider_message_id}` : row.id]));
  const label = (entity: string, id: string | null) => (id === null ? null : ((entity === "client" ? clientLabel : messageLabel).get(id) ?? id));

  const orderRows = await read<{ id: string; client_id: string; review_message_id: string | null }>(
    sql`select id, client_id, status, needs_review, review_message_id, review_reason, call_reason, call_back_at::text, claimed_by, claimed_until::text
        from orders order by id`,
  );
  const statusChanges = await read<{ entity: string; entity_id: string; actor_type: string; actor_id: string | null }>(
    sql`select entity, entity_id, from_status, to_status, actor_type, actor_id, reason from status_changes order by id`,
  );
  const changeEvents = await read<{ txid: string; entity: string; entity_id: string; action: string; client_id: string | null }>(
    sql`select txid::text, entity, entity_id, action, client_id from change_events order by id`,
  );
  // What a listener learns from one commit: which rows changed, and whether each is new. The
  // step-by-step path records a change per message (a client twice when it writes twice); the
  // statement once per row.
  const commits = new Map<string, Map<string, string>>();
  for (const event of changeEvents) {
    const changes = commits.get(event.txid) ?? commits.set(event.txid, new Map()).get(event.txid)!;
    const key = `${event.entity} ${label(event.entity === "order" ? "order" : event.entity, event.entity_id)} of ${label("client", event.client_id)}`;
    if (changes.get(key) !== "created") changes.set(key, event.action);
  }

  return {
    webhookReceipts: await read(sql`select provider, provider_message_id from webhook_receipts order by provider, provider_message_id`),
    clients: clientRows.map(({ id: _, ...row }) => row),
    clientIdentities: (await read<{ identity: string; client_id: string }>(sql`select identity, client_id from client_identities order by identity`)).map(
      (row) => ({ identity: row.identity, client: label("client", row.client_id) }),
    ),
    messages: messageRows.map((row) => ({ ...row, id: label("message", row.id), client_id: label("client", row.client_id) })),
    orders: orderRows.map((row) => ({ ...row, client_id: label("client", row.client_id), review_message_id: label("message", row.review_message_id) })),
    statusChanges: statusChanges.map((row) => ({
      ...row,
      entity_id: row.entity === "client" ? label("client", row.entity_id) : row.entity_id,
      actor_id: row.actor_type === "message" ? label("message", row.actor_id) : row.actor_id,
    })),
    changes: [...commits.values()].map((changes) => [...changes].map(([row, action]) => `${row}: ${action}`).sort()),
    counters: await read(sql`select metric, sum(n)::int as n from stat_counters group by metric having sum(n) <> 0 order by metric`),
    // Summed over slots (spread by backend) and buckets (the orders' creation time: each run's setup).
    kpis: await read(
      sql`select store_id, status, currency, sum(orders)::int as orders, sum(amount_minor)::text as amount_minor from kpi_counters
          group by store_id, status, currency having sum(orders) <> 0 order by store_id, status, currency`,
    ),
    jobs: await read(sql`select order_id, kind, status from jobs where order_id is not null order by dedupe_key`),
  };
}

/** The deliveries' answers, their generated client ids replaced by phone numbers. */
async function describe(results: readonly IngestResult[]) {
  const phones = new Map(
    (await queryPrepared<{ id: string; phone_number: string }>(db, sql`select id, phone_number from clients`)).map((row) => [row.id, row.phone_number]),
  );
  const phone = (id: string | undefined) => (id === undefined ? undefined : (phones.get(id) ?? id));
  return results.map((result) => ({
    clientIds: result.clientIds.map(phone),
    outcomes: result.outcomes.map((outcome) => (outcome.kind === "message" ? { ...outcome, clientId: phone(outcome.clientId) } : outcome)),
  }));
}

async function run(
  clients: readonly (ClientSetup | undefined)[],
  ids: ReturnType<typeof idsFor>,
  deliveries: readonly InboundEvent[][],
  ingest: (delivery: readonly InboundEvent[]) => Promise<IngestResult>,
) {
  await reset();
  await setUp(clients, ids);
  const results: IngestResult[] = [];
  for (const delivery of deliveries) results.push(await ingest(delivery));
  return { answers: await describe(results), rows: await snapshot() };
}

test("a delivery a statement stores writes the same rows, and answers the same, as the step-by-step path", async () => {
  let chat = 0;
  let decisive = 0;
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary, async ({ clients, deliveries: symbolic }) => {
      const ids = idsFor(clients);
      const deliveries = bindButtons(symbolic, ids);
      for (const delivery of deliveries) {
        const events = delivery.map((event) => stripUnstorable(event));
        if (unclearPhoneMessages(events)) chat++;
        else if (decisiveReply(events)) decisive++;
      }
      const stepByStep = await run(clients, ids, deliveries, (delivery) =>
        ingestStepByStep(
          db,
          delivery.map((event) => stripUnstorable(event)),
        ),
      );
      const routed = await run(clients, ids, deliveries, (delivery) => ingestEvents(services, delivery));
      expect(routed.rows).toEqual(stepByStep.rows);
      expect(routed.answers).toEqual(stepByStep.answers);
    }),
    { numRuns: 80, endOnFailure: true },
  );
  // The comparison means something only when many deliveries took each statement.
  expect(chat).toBeGreaterThan(40);
  expect(decisive).toBeGreaterThan(40);
}, 300_000);

test("an answer deciding more orders than the status-history ids made ahead keeps the history in order, as the step-by-step path", async () => {
  const order = { status: "pending", review: undefined, callReason: undefined, claimed: false, jobs: ["reminder", "auto_cancel"] } as const;
  const client: ClientSetup = {
    name: "Amina",
    status: "pending",
    lastContact: null,
    orders: Array.from({ length: 6 }, () => ({ ...order, jobs: [...order.jobs] })),
    requests: [{ asked: [0, 1, 2, 3, 4, 5], status: "read", purpose: "confirmation_request" }],
    earlierMessage: "none",
    identity: false,
  };
  const clients = [client, undefined, undefined];
  const ids = idsFor(clients);
  const answer: InboundEvent = {
    kind: "message",
    provider: "meta",
    messageId: "wamid.all",
    from: { phone: PHONES[0]! },
    type: "button",
    text: "Tout confirmer",
    buttonPayload: "@confirm:request:0",
    timestamp: at(5),
  };
  const deliveries = bindButtons([[answer]], ids);
  expect(decisiveReply(deliveries[0]!)).toBeDefined();
  const stepByStep = await run(clients, ids, deliveries, (delivery) => ingestStepByStep(db, delivery));
  const routed = await run(clients, ids, deliveries, (delivery) => ingestEvents(services, delivery));
  expect(routed.rows).toEqual(stepByStep.rows);
  expect(routed.answers).toEqual(stepByStep.answers);
  expect(routed.rows.statusChanges.map((row) => row.entity)).toEqual([...Array(6).fill("order"), "client"]);
});
