/**
 * Customers of a confirmation campaign, generated inside PostgreSQL (INSERT … SELECT
 * generate_series), row for row what the real flow leaves behind for a new customer with one order
 * whose confirmation request went out: the client and the order (`createClient`, `createOrder`:
 * their status history and change-feed rows), the order's items, the request message (sent,
 * delivered or read, asking about the order), the request job done and its follow-ups scheduled
 * (`scheduleFollowUps`: each reminder, then the time-out), all pending and due hours from now.
 *
 * Customer `k` writes from `+3376` + `k` on 7 digits (a French mobile range the chat loads, on
 * +33612…, never use). Ids are UUIDv7 text like the server's, earlier than anything the loads write.
 */
export interface CampaignFollowUps {
  /** Reminder offsets after the request was sent, in ms (the built-in confirmation settings). */
  remindersMs: readonly number[];
  timeoutMs: number;
}

export const CAMPAIGN_PHONE_PREFIX = "+3376";

/** The phone number of campaign customer `k` (what `campaign-webhook.lua` sends as `from`). */
export function campaignPhone(k: number): string {
  return `${CAMPAIGN_PHONE_PREFIX}${String(k).padStart(7, "0")}`;
}

const NAMES = [
  "Yasmine Benali",
  "Karim Haddad",
  "Fatima Diallo",
  "Mehdi Alaoui",
  "Julie Martin",
  "Awa Ndiaye",
  "Omar Tazi",
  "Salma Chraibi",
  "Hugo Roux",
  "Ines Bennani",
];
const PRODUCTS = ["Robe fleurie", "Caftan brodé", "Baskets blanches", "Sac cuir", "Montre acier", "Djellaba", "Parfum 50 ml", "Huile d'argan"];
const PRICES = [2990, 8900, 5990, 7990, 12900, 6900, 4590, 1890];

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const textArray = (values: readonly string[]) => `array[${values.map(literal).join(", ")}]`;
const interval = (ms: number) => `interval '${ms} milliseconds'`;

/**
 * The statements that seed customers `first` … `first + count - 1` (one connection, in order: the
 * first creates a session function the others use). `sentFrom`: when the campaign's requests
 * started going out; they are spread over the next 15 minutes.
 */
export function campaignSeedStatements(first: number, count: number, sentFrom: Date, followUps: CampaignFollowUps): string[] {
  const last = first + count - 1;
  const product = (offset: string) => `(${textArray(PRODUCTS)})[1 + (k + ${offset}) % ${PRODUCTS.length}]`;
  const price = (offset: string) => `(array[${PRICES.join(", ")}])[1 + (k + ${offset}) % ${PRICES.length}]`;
  const steps = [
    ...followUps.remindersMs
      .map((offset, index) => ({ kind: "reminder", key: `'reminder:' || order_id || ':0:${index + 1}'`, step: index + 1, offset }))
      .filter((step) => step.offset < followUps.timeoutMs),
    { kind: "confirmation_timeout", key: `'timeout:' || order_id || ':0'`, step: 0, offset: followUps.timeoutMs },
  ];
  return [
    `create or replace function pg_temp.uuid7(ts timestamptz, salt text) returns text language sql immutable as $$
       select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-8' || substr(r, 4, 3) || '-' || substr(r, 7, 12)
       from (select lpad(to_hex((extract(epoch from ts) * 1000)::bigint), 12, '0') as h, md5(salt) as r) as parts
     $$`,
    "drop table if exists pg_temp.seed_customers",
    // One or two items per order; the total is theirs.
    `create temp table seed_customers as
       select k, t, pg_temp.uuid7(t, 'cc' || k) as client_id, pg_temp.uuid7(t + interval '1 second', 'co' || k) as order_id,
              pg_temp.uuid7(t + interval '2 seconds', 'cm' || k) as request_id, t + interval '2 seconds' as sent_at,
              (${textArray(NAMES)})[1 + k % ${NAMES.length}] as name,
              ${product("0")} as product_1, ${price("0")} as price_1, ${product("3")} as product_2,
              case when k % 3 = 0 then ${price("3")} else 0 end as price_2
       from (select k, ${literal(sentFrom.toISOString())}::timestamptz + ((k - ${first})::bigint * 900000 / ${count}) * interval '1 millisecond' as t
             from generate_series(${first}, ${last}) as k) as s`,
    `insert into clients (id, phone_number, name, status, created_at, updated_at)
       select client_id, '${CAMPAIGN_PHONE_PREFIX}' || lpad(k::text, 7, '0'), name, 'pending', t, t from seed_customers`,
    `insert into orders (id, client_id, status, currency, total_minor, created_at, updated_at)
       select order_id, client_id, 'pending', 'EUR', price_1 + price_2, t + interval '1 second', t + interval '1 second' from seed_customers`,
    `insert into order_items (order_id, position, product_id, name, unit_price_minor, quantity)
       select order_id, 0, 'SKU-' || (k % ${PRODUCTS.length}), product_1, price_1, 1 from seed_customers
       union all
       select order_id, 1, 'SKU-' || ((k + 3) % ${PRODUCTS.length}), product_2, price_2, 1 from seed_customers where price_2 > 0`,
    `insert into status_changes (id, entity, entity_id, from_status, to_status, actor_type, actor_id, reason, created_at)
       select pg_temp.uuid7(t, 'cs' || k), 'client', client_id, null, 'pending', 'api_key', 'bench-campaign', 'created', t from seed_customers
       union all
       select pg_temp.uuid7(t + interval '1 second', 'ct' || k), 'order', order_id, null, 'pending', 'api_key', 'bench-campaign', 'created', t + interval '1 second'
       from seed_customers`,
    `insert into messages (id, client_id, direction, type, body, provider, provider_message_id, status, order_id, purpose, asked_order_ids, sent_at, status_at, created_at)
       select request_id, client_id, 'out', 'interactive',
              'Bonjour ' || name || ', merci pour votre commande #' || upper(right(order_id, 6)) || ' : 1 × ' || product_1
                || case when price_2 > 0 then ', 1 × ' || product_2 else '' end
                || '. Total : ' || replace(to_char((price_1 + price_2) / 100.0, 'FM999990.00'), '.', ',') || ' €. Confirmez-vous la commande ?',
              'log', 'log-' || request_id, case k % 5 when 0 then 'sent' when 1 then 'delivered' else 'read' end,
              order_id, 'confirmation_request', array[order_id], sent_at, sent_at, sent_at
       from seed_customers`,
    `insert into change_events (entity, entity_id, action, client_id, created_at)
       select entity, entity_id, action, client_id, at from seed_customers,
         lateral (values ('client', client_id, 'created', t), ('order', order_id, 'created', t + interval '1 second'),
                         ('message', request_id, 'created', sent_at), ('message', request_id, 'updated', sent_at)) as e(entity, entity_id, action, at)`,
    `insert into jobs (kind, dedupe_key, order_id, message_id, attempt, step, run_at, status, created_at, updated_at)
       select 'confirmation_request', 'confirm:' || order_id || ':0', order_id, request_id, 0, 0, t + interval '1 second', 'done', t + interval '1 second', sent_at
       from seed_customers
       ${steps
         .map(
           (step) => `union all
       select '${step.kind}', ${step.key}, order_id, null, 0, ${step.step}, sent_at + ${interval(step.offset)}, 'pending', sent_at, sent_at from seed_customers`,
         )
         .join("\n       ")}`,
  ];
}

/** After every cohort is seeded: fresh statistics, as a database that has lived would have. */
export const ANALYZE_STATEMENTS = [
  "vacuum analyze clients",
  "vacuum analyze orders",
  "vacuum analyze messages",
  "vacuum analyze jobs",
  "vacuum analyze status_changes",
];
