/**
 * `bun bench/experiments/kpis-scale.ts` (not part of `bun run bench`): the KPIs (`kpis` of
 * @confirma/api, as `GET /api/stats` calls it) on BENCH_KPI_ORDERS orders (default 200,000) spread
 * over 180 days, 3 stores, 12 cities, 1–3 lines each, their confirmations and 50,000 call
 * outcomes, on PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432). Seeds through
 * the real triggers, folds the counter slots as the server does, then times each period and
 * breakdown, one call at a time. BENCH_KEEP_DB=1 keeps the database; BENCH_KPI_DATABASE=<name> times
 * an existing one again (seeded by an earlier kept run; pending migrations are applied first).
 */
import { BUILT_IN_CONFIRMATION, kpis, type Services } from "@confirma/api";
import { compactCounters, openDatabase } from "@confirma/db";
import postgres from "postgres";
import { createBenchDatabase } from "../lib/bench-database.ts";
import { ms, printTable } from "../lib/format.ts";
import { summarize } from "../lib/stats.ts";
import { KPI_CASES } from "./kpi-cases.ts";

const ORDERS = Number(process.env.BENCH_KPI_ORDERS ?? 200_000);
const CALLS = Number(process.env.BENCH_KPI_CALLS ?? 20);
const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const REUSED = process.env.BENCH_KPI_DATABASE;

const database = REUSED
  ? { name: REUSED, url: `${PG_URL}/${REUSED}`, drop: async () => console.log(`  (kept database ${REUSED})`) }
  : await createBenchDatabase(PG_URL, "kpis", { keep: process.env.BENCH_KEEP_DB === "1" });
const handle = await openDatabase({ databaseUrl: database.url });
const admin = postgres(database.url, { max: 1, onnotice: () => {} });
try {
  if (!REUSED) await seed();
  const [counted] = await admin<{ rows: number; orders: number }[]>`
    select (select count(*)::int from kpi_counters) as rows, (select count(*)::int from orders) as orders`;
  console.log(`${database.name}: ${(counted?.orders ?? 0).toLocaleString("en-US")} orders; kpi_counters: ${(counted?.rows ?? 0).toLocaleString("en-US")} rows`);

  const services: Services = { db: handle.db, settings: { defaultCountry: "FR", defaultCurrency: "EUR", confirmation: BUILT_IN_CONFIRMATION } };
  const cases = KPI_CASES;
  const table: (string | number)[][] = [["call (90d = 90 days and the 90 before)", "calls", "p50 ms", "p95 ms", "received"]];
  for (const [name, input] of cases) {
    for (let n = 0; n < 3; n++) await kpis(services, { tz: "Europe/Paris", ...input });
    const durations: number[] = [];
    let received = 0;
    for (let n = 0; n < CALLS; n++) {
      const t0 = performance.now();
      received = (await kpis(services, { tz: "Europe/Paris", ...input })).received;
      durations.push(performance.now() - t0);
    }
    const summary = summarize(durations);
    table.push([name, CALLS, ms(summary.p50), ms(summary.p95), received]);
  }
  // The two halves of a 90-day call, alone (default settings): the counters it reads, and the median it scans for.
  const parts = [
    [
      "  hourly counters only: 90 + 90 days, by status and currency",
      `select status, currency, sum(orders), sum(amount_minor) from kpi_hourly_counters
       where bucket >= now() - interval '180 days' and bucket < now() group by 1, 2`,
    ],
    [
      "  median only: 90 days",
      `select percentile_cont(0.5) within group (order by extract(epoch from first_at - created_at))
       from (select o.created_at, min(sc.created_at) as first_at
             from orders o join status_changes sc on sc.entity_id = o.id
             where sc.entity = 'order' and sc.to_status = 'confirmed' and sc.created_at >= now() - interval '90 days'
               and o.status in ('confirmed', 'shipped', 'delivered', 'returned') and o.created_at >= now() - interval '90 days'
             group by o.id) as per_order`,
    ],
  ] as const;
  for (const [name, text] of parts) {
    for (let n = 0; n < 3; n++) await admin.unsafe(text);
    const durations: number[] = [];
    for (let n = 0; n < CALLS; n++) {
      const t0 = performance.now();
      await admin.unsafe(text);
      durations.push(performance.now() - t0);
    }
    const summary = summarize(durations);
    table.push([name, CALLS, ms(summary.p50), ms(summary.p95), ""]);
  }
  printTable(`KPIs on ${ORDERS.toLocaleString("en-US")} orders (PostgreSQL, sequential calls)`, table);
} finally {
  await admin.end({ timeout: 5 });
  await handle.close();
  await database.drop();
}

/** 3 stores, 8 agents, ORDERS orders over 180 days with their lines, confirmations and 50,000 call outcomes. */
async function seed(): Promise<void> {
  const started = performance.now();
  const clients = Math.max(1, Math.round(ORDERS / 3));
  await admin.unsafe(`
    insert into stores (id, platform, name, webhook_secret) values ('s1', 'custom', 'Store 1', 'x'), ('s2', 'custom', 'Store 2', 'x'), ('s3', 'custom', 'Store 3', 'x');
    insert into users (id, email, name, password_hash) select 'u' || i, 'agent' || i || '@example.test', 'Agent ' || i, 'x' from generate_series(1, 8) i;
    insert into clients (id, phone_number) select 'c' || i, '+2126' || lpad(i::text, 8, '0') from generate_series(1, ${clients}) i;
    insert into orders (id, client_id, status, currency, total_minor, store_id, shipping_address, created_at, updated_at)
      select 'o' || j, 'c' || (1 + j % ${clients}),
             case when j % 100 < 10 then 'pending' when j % 100 < 45 then 'confirmed' when j % 100 < 60 then 'shipped'
                  when j % 100 < 80 then 'delivered' when j % 100 < 88 then 'cancelled' when j % 100 < 95 then 'no_answer' else 'returned' end,
             case when j % 4 = 0 then 'EUR' else 'MAD' end, 1000 + (j::bigint * 7919) % 90000,
             case when j % 5 = 0 then null else 's' || (1 + j % 3) end,
             jsonb_build_object('city', (array['Casablanca','Rabat','Marrakech','Fès','Tanger','Agadir','Paris','Lyon','Marseille','Lille','Nantes','Oujda'])[1 + j % 12]),
             now() - (j::float8 / ${ORDERS}) * interval '180 days', now()
      from generate_series(1, ${ORDERS}) j;
    insert into order_items (order_id, position, product_id, name, unit_price_minor, quantity)
      select 'o' || j, p, 'SKU-' || ((j * 31 + p * 17) % 60), 'Product ' || ((j * 31 + p * 17) % 60), 500 + (j + p) % 5000, 1 + (j + p) % 3
      from generate_series(1, ${ORDERS}) j, generate_series(0, j % 3) p;
    insert into status_changes (id, entity, entity_id, from_status, to_status, actor_type, created_at)
      select 'sc' || j, 'order', 'o' || j, 'pending', 'confirmed', 'message', o.created_at + ((j % 7200) || ' seconds')::interval
      from generate_series(1, ${ORDERS}) j join orders o on o.id = 'o' || j
      where o.status in ('confirmed', 'shipped', 'delivered', 'returned');
    insert into call_outcomes (id, order_id, user_id, outcome, created_at)
      select 'co' || j, 'o' || (1 + (j * 13) % ${ORDERS}), 'u' || (1 + j % 8),
             (array['confirmed','cancelled','no_answer','wrong_number','call_back'])[1 + j % 5], now() - (j::float8 / 50000) * interval '180 days'
      from generate_series(1, 50000) j;
  `);
  await compactCounters(handle.db);
  await admin.unsafe("vacuum analyze");
  console.log(`seeded ${ORDERS.toLocaleString("en-US")} orders in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
