import type { BenchContext } from "../lib/bench-context.ts";
import { createBenchDatabase, withSql } from "../lib/bench-database.ts";
import { mb, printTable } from "../lib/format.ts";
import { checkQuiet, loadAverage } from "../lib/machine.ts";
import { readRssKb, sampleRss } from "../lib/rss-sampler.ts";
import { BENCH_API_KEY, startServer } from "../lib/server-process.ts";

interface ExportRun {
  format: string;
  seconds: number;
  bytes: number;
  rows: number;
  beforeKb: number;
  peakKb: number;
}

/**
 * Seeds `count` confirmed orders with two lines, an address and their status changes, in a few
 * statements (clients: one per 3 orders).
 */
async function seedOrders(url: string, count: number): Promise<void> {
  await withSql(url, async (sql) => {
    const clients = Math.ceil(count / 3);
    await sql.unsafe(`
      insert into clients (id, phone_number, name, status)
      select 'c' || lpad(n::text, 11, '0'), '+3361' || lpad(n::text, 7, '0'), 'Client ' || n, 'confirmed'
      from generate_series(1, ${clients}) n`);
    await sql.unsafe(`
      insert into orders (id, client_id, status, currency, total_minor, shipping_address, created_at, updated_at)
      select gen_random_uuid()::text, 'c' || lpad((1 + n % ${clients})::text, 11, '0'), 'confirmed', 'EUR', 10997,
             jsonb_build_object('address1', n || ' rue de la Gare', 'city', 'Périgueux', 'postcode', '24000'),
             now() - (n || ' seconds')::interval, now()
      from generate_series(1, ${count}) n`);
    await sql.unsafe(`
      insert into order_items (order_id, position, product_id, name, unit_price_minor, quantity)
      select id, p, 'p' || p, case p when 0 then 'Crème hydratante' else 'Savon' end, case p when 0 then 2999 else 4999 end, case p when 0 then 2 else 1 end
      from orders, generate_series(0, 1) p`);
    await sql.unsafe(`
      insert into status_changes (id, entity, entity_id, from_status, to_status, actor_type, reason, created_at)
      select gen_random_uuid()::text, 'order', id, null, 'pending', 'api_key', 'created', created_at from orders
      union all
      select gen_random_uuid()::text, 'order', id, 'pending', 'confirmed', 'api_key', 'manual', created_at + interval '1 hour' from orders`);
    await sql.unsafe("analyze");
  });
}

/** Downloads the export, reading it chunk by chunk as a browser would (never holding it), while sampling the server's RSS. */
async function download(url: string, pid: number, format: "xlsx" | "csv"): Promise<ExportRun> {
  const beforeKb = await readRssKb(pid);
  const sampler = sampleRss(pid, 100);
  const started = performance.now();
  const response = await fetch(`${url}/api/orders/export?format=${format}&tz=Europe/Paris`, { headers: { "x-api-key": BENCH_API_KEY } });
  if (!response.ok || !response.body) throw new Error(`export ${format} answered ${response.status}`);
  let bytes = 0;
  let newlines = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (format === "csv") for (const byte of value) if (byte === 10) newlines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const { peakKb } = sampler.stop();
  return { format, seconds, bytes, rows: format === "csv" ? newlines - 1 : Number.NaN, beforeKb, peakKb };
}

/**
 * Benchmark 7: exporting every order (100,000 by default, BENCH_EXPORT_ORDERS) as XLSX and CSV
 * from a server on PostgreSQL; what counts is the server's peak RSS, which must not grow with the
 * number of orders (the file streams while the orders are read in batches).
 */
export async function runExportBench(ctx: BenchContext): Promise<void> {
  const count = ctx.config.exportOrders;
  console.log(`\n=== 7. Orders export (${count.toLocaleString("en-US")} orders, XLSX and CSV, streamed) ===`);
  await checkQuiet("export");
  const database = await createBenchDatabase(ctx.config.pgUrl, "export", { keep: ctx.config.keepDatabases });
  const runs: ExportRun[] = [];
  let idleKb = Number.NaN;
  try {
    const server = await startServer({ DATABASE_URL: database.url }, { readyPath: "/readyz" });
    try {
      const seedStarted = performance.now();
      await seedOrders(database.url, count);
      console.log(`  seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (load ${loadAverage()})`);
      idleKb = await readRssKb(server.pid);
      for (const format of ["csv", "xlsx"] as const) {
        const run = await download(server.url, server.pid, format);
        runs.push(run);
        console.log(`  ${format}: ${(run.bytes / 1e6).toFixed(1)} MB in ${run.seconds.toFixed(1)} s, peak RSS ${mb(run.peakKb)} (load ${loadAverage()})`);
      }
      const csv = runs.find((run) => run.format === "csv");
      if (csv && csv.rows !== count) ctx.fail(`export: the CSV has ${csv.rows} orders, not ${count}`);
    } finally {
      const code = await server.stop();
      if (code !== 0) ctx.fail(`server exited with ${code} on SIGTERM`);
    }
  } finally {
    await database.drop();
  }
  const table: (string | number)[][] = [["format", "orders", "file", "seconds", "orders/s", "server RSS before", "server peak RSS", "growth"]];
  for (const run of runs) {
    table.push([
      run.format,
      count,
      `${(run.bytes / 1e6).toFixed(1)} MB`,
      run.seconds.toFixed(1),
      Math.round(count / run.seconds),
      mb(run.beforeKb),
      mb(run.peakKb),
      mb(run.peakKb - run.beforeKb),
    ]);
  }
  printTable(`Orders export: server RSS after seeding ${mb(idleKb)}; the file is read as it streams`, table);
}
