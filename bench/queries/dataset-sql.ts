/**
 * The dashboard dataset, generated inside PostgreSQL (INSERT … SELECT generate_series): clients
 * with realistic names and numbers (France and Morocco), orders with their items spread over 180
 * days, a review queue, the audit trail, and conversations — a few very long ones. Ids are
 * UUIDv7 text like the server's (time-ordered), so keyset pagination sees real id order.
 */
export interface DatasetSize {
  clients: number;
  orders: number;
  messages: number;
}

export const HEAVY_CLIENTS = 5;

const FIRST = [
  "Yasmine",
  "Karim",
  "Fatima",
  "Mohamed",
  "Sofia",
  "Mehdi",
  "Julie",
  "Thomas",
  "Awa",
  "Moussa",
  "Amine",
  "Salma",
  "Nadia",
  "Youssef",
  "Camille",
  "Lucas",
  "Ines",
  "Omar",
  "Leila",
  "Hamza",
  "Sarah",
  "Hugo",
  "Khadija",
  "Rachid",
  "Manon",
  "Ali",
  "Zineb",
  "Ibrahima",
  "Chloé",
  "Nicolas",
  "Meryem",
  "Ayoub",
  "Emma",
  "Aminata",
  "Bilal",
  "Houda",
  "Pierre",
  "Imane",
  "Samir",
  "Léa",
];
const LAST = [
  "Benali",
  "Haddad",
  "Diallo",
  "Martin",
  "El Idrissi",
  "Garcia",
  "Chraibi",
  "Ndiaye",
  "Bernard",
  "Alaoui",
  "Dubois",
  "Benjelloun",
  "Traoré",
  "Moreau",
  "Tazi",
  "Lefebvre",
  "Bennani",
  "Sow",
  "Laurent",
  "El Amrani",
  "Petit",
  "Berrada",
  "Diop",
  "Roux",
  "Ouazzani",
  "Fournier",
  "Kone",
  "Mercier",
  "Lahlou",
  "Girard",
  "Fassi",
  "Camara",
  "Bonnet",
  "Zahraoui",
  "Dupont",
  "Cisse",
  "Lambert",
  "Sebti",
  "Fontaine",
  "Mansouri",
];
const PRODUCTS = [
  "Robe fleurie",
  "Jean slim",
  "Caftan brodé",
  "Baskets blanches",
  "Sac cuir",
  "Montre acier",
  "Parfum 50 ml",
  "Djellaba",
  "Veste en jean",
  "Écharpe soie",
  "Lunettes de soleil",
  "Ceinture",
  "Babouches",
  "Chemise lin",
  "T-shirt coton",
  "Sweat capuche",
  "Coffret thé",
  "Huile d'argan",
  "Tapis berbère",
  "Coque téléphone",
];
const PRICES = [2990, 3990, 8900, 5990, 7990, 12900, 4590, 6900, 4990, 2490, 1990, 1590, 2990, 3490, 1290, 3990, 2290, 1890, 15900, 990];
const PHRASES = [
  "Bonjour, c'est pour quand la livraison ?",
  "Oui je confirme",
  "Merci beaucoup",
  "Salam, wach kayna livraison l Rabat ?",
  "Non merci, j'annule",
  "Vous avez la taille M ?",
  "Bonjour {name}, merci pour votre commande. Confirmez-vous ?",
  "D'accord",
  "Je peux changer l'adresse ?",
  "Votre commande a été expédiée",
];

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const textArray = (values: string[]) => `array[${values.map(literal).join(", ")}]`;

/** The statements, in order (each one round trip; VACUUM must stay outside a transaction block). */
export function datasetStatements(size: DatasetSize, base: Date): string[] {
  const span = 180 * 86_400;
  const at = (index: string, count: number) =>
    `(${literal(base.toISOString())}::timestamptz + ((${index}::bigint * ${span}) / ${count}) * interval '1 second')`;
  const uuid7 = `create function pg_temp.uuid7(ts timestamptz, salt text) returns text language sql immutable as $$
    select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-8' || substr(r, 4, 3) || '-' || substr(r, 7, 12)
    from (select lpad(to_hex((extract(epoch from ts) * 1000)::bigint), 12, '0') as h, md5(salt) as r) as parts
  $$`;
  return [
    "set synchronous_commit = off",
    "set work_mem = '256MB'",
    "set maintenance_work_mem = '512MB'",
    uuid7,
    `create temp table seed_clients as
       select i, pg_temp.uuid7(t, 'c' || i) as id, t
       from (select i, ${at("i", size.clients)} as t from generate_series(1, ${size.clients}) as i) as s`,
    `insert into clients (id, phone_number, name, status, last_contact, created_at, updated_at)
       select c.id,
              case when c.i % 20 < 12 then '+336' when c.i % 20 < 17 then '+337' else '+2126' end || lpad(((c.i::bigint * 48271877) % 100000000)::text, 8, '0'),
              case when c.i % 19 = 0 then null
                   else (${textArray(FIRST)})[1 + (c.i * 31 + c.i / 7) % ${FIRST.length}] || ' ' || (${textArray(LAST)})[1 + (c.i * 17 + c.i / 3) % ${LAST.length}] end,
              case when c.i % 10 < 6 then 'confirmed' when c.i % 10 < 8 then 'pending' else 'cancelled' end,
              c.t + interval '2 hours', c.t, c.t
       from seed_clients as c`,
    `create temp table seed_orders as
       select j, pg_temp.uuid7(t, 'o' || j) as id, client_id, t,
              case when j % 100 < 10 then 'pending' when j % 100 < 50 then 'confirmed' when j % 100 < 65 then 'shipped'
                   when j % 100 < 85 then 'delivered' when j % 100 < 93 then 'cancelled' when j % 100 < 98 then 'no_answer' else 'returned' end as status
       from (select o.j, c.id as client_id, greatest(${at("o.j", size.orders)}, c.t + interval '1 hour') as t
             from generate_series(1, ${size.orders}) as o(j)
             join seed_clients as c on c.i = 1 + (o.j::bigint * 104729) % ${size.clients}) as s`,
    `insert into orders (id, client_id, status, currency, total_minor, needs_review, call_reason, created_at, updated_at)
       select o.id, o.client_id, o.status, 'EUR',
              (select sum((${`array[${PRICES.join(", ")}]`})[1 + (o.j * 31 + p * 17) % ${PRICES.length}] * (1 + (o.j + p) % 3)) from generate_series(0, o.j % 3) as p),
              o.status = 'pending' and o.j % 15 = 0,
              case when o.status = 'pending' and o.j % 15 = 0 then 'unclear' when o.status = 'no_answer' then 'no_answer' end,
              o.t, o.t
       from seed_orders as o`,
    `insert into order_items (order_id, position, product_id, name, unit_price_minor, quantity)
       select o.id, p, 'SKU-' || ((o.j * 31 + p * 17) % ${PRODUCTS.length}),
              (${textArray(PRODUCTS)})[1 + (o.j * 31 + p * 17) % ${PRODUCTS.length}],
              (${`array[${PRICES.join(", ")}]`})[1 + (o.j * 31 + p * 17) % ${PRICES.length}],
              1 + (o.j + p) % 3
       from seed_orders as o, generate_series(0, o.j % 3) as p`,
    `insert into status_changes (id, entity, entity_id, from_status, to_status, actor_type, actor_id, reason, created_at)
       select pg_temp.uuid7(o.t + interval '1 hour', 's' || o.j), 'order', o.id, 'pending',
              case when o.status in ('confirmed', 'shipped', 'delivered', 'returned') then 'confirmed' else o.status end,
              'message', null, 'reply:seed', o.t + interval '1 hour'
       from seed_orders as o where o.status <> 'pending'`,
    // k varies along one client's messages (m steps by the client count within a conversation).
    `insert into messages (id, client_id, direction, type, body, provider, provider_message_id, status, intent, intent_rule, sent_at, created_at)
       select pg_temp.uuid7(t, 'm' || m), client_id, direction, 'text',
              (${textArray(PHRASES)})[1 + k % ${PHRASES.length}], 'meta', 'wamid.seed.' || m,
              case when direction = 'in' then 'received' when k % 3 = 0 then 'read' when k % 3 = 1 then 'delivered' else 'sent' end,
              case when direction = 'out' then null when k % 7 = 0 then 'confirm' when k % 7 = 1 then 'cancel' else 'unclear' end,
              case when direction = 'in' then 'seed' end,
              t, t
       from (select s.m, s.m + s.m / ${size.clients} as k, c.id as client_id, greatest(${at("s.m", size.messages)}, c.t + interval '1 minute') as t,
                    case when (s.m + s.m / ${size.clients}) % 5 < 3 then 'in' else 'out' end as direction
             from generate_series(1, ${size.messages}) as s(m)
             join seed_clients as c on c.i = case when s.m % 97 = 0 then 1 + (s.m / 97) % ${HEAVY_CLIENTS}
                                                  else 1 + (s.m::bigint * 7901) % ${size.clients} end) as x`,
    `update orders as o set review_message_id = (
       select m.id from messages as m where m.client_id = o.client_id and m.direction = 'in' order by m.id desc limit 1)
     where o.needs_review`,
    "vacuum analyze clients",
    "vacuum analyze orders",
    "vacuum analyze order_items",
    "vacuum analyze messages",
    "vacuum analyze status_changes",
  ];
}
