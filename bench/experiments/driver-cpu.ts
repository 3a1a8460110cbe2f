/**
 * `bun bench/experiments/driver-cpu.ts` (not part of `bun run bench`): the real ingestEvents, in
 * process, 8 at a time, over drizzle with postgres.js (what the server uses) and with Bun's
 * built-in SQL client (drizzle-orm/bun-sql). Prints messages/s and CPU per message of this
 * process: how much of the server's CPU per webhook the database driver accounts for.
 */
import { BUILT_IN_CONFIRMATION, ingestEvents, type Services } from "@confirma/api";
import { openDatabase, type Database } from "@confirma/db";
import * as schema from "@confirma/db/schema";
import { seedProvider } from "@confirma/whatsapp";
import { drizzle as drizzleBunSql } from "drizzle-orm/bun-sql";
import { drizzle as drizzlePostgresJs } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { createBenchDatabase } from "../lib/bench-database.ts";
import { printTable } from "../lib/format.ts";
import { checkQuiet } from "../lib/machine.ts";

const MESSAGES = Number(process.env.BENCH_DRIVER_MESSAGES ?? 4000);
const CONCURRENCY = 8;
let sequence = 0;

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function measure(name: string, db: Database): Promise<{ rate: number; cpuUs: number }> {
  const services: Services = { db, settings: { defaultCountry: "FR", defaultCurrency: "EUR", confirmation: BUILT_IN_CONFIRMATION } };
  const one = async () => {
    const index = ++sequence;
    const from = `33612${String((index * 7919) % 10_000).padStart(6, "0")}@s.whatsapp.net`;
    const parsed = seedProvider.parse(
      { format: "json", value: { from, body: "Bonjour, c'est pour quand la livraison ?", type: "text", id: `${name}-${index}` } },
      { defaultCountry: "FR", receivedAt: new Date() },
    );
    if (!parsed.ok) throw new Error(parsed.message);
    await ingestEvents(services, parsed.events);
  };
  for (let index = 0; index < 300; index++) await one();
  const cpuBefore = cpuMs();
  const started = performance.now();
  let left = MESSAGES;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await one();
    }),
  );
  const wall = performance.now() - started;
  return { rate: (MESSAGES / wall) * 1000, cpuUs: ((cpuMs() - cpuBefore) * 1000) / MESSAGES };
}

const pgUrl = (process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432").replace(/\/+$/, "");
await checkQuiet("driver experiment");
const database = await createBenchDatabase(pgUrl, "driver");
try {
  const handle = await openDatabase({ databaseUrl: database.url });
  await handle.close();
  const postgresJs = postgres(database.url, { max: 10, onnotice: () => {} });
  const bunSql = new Bun.SQL(database.url, { max: 10 });
  const rows: (string | number)[][] = [["driver (drizzle over…)", "round", "messages/s", "CPU per message (this process)"]];
  for (const round of [1, 2]) {
    for (const [name, db] of [
      ["postgres.js (the server's)", drizzlePostgresJs({ client: postgresJs, schema }) as unknown as Database],
      ["Bun.SQL (drizzle-orm/bun-sql)", drizzleBunSql({ client: bunSql, schema }) as unknown as Database],
    ] as const) {
      const result = await measure(`${round}-${name.split(" ")[0]}`, db);
      rows.push([name, round, Math.round(result.rate), `${result.cpuUs.toFixed(0)} us`]);
    }
  }
  printTable(`ingestEvents in process, ${MESSAGES} chat messages, ${CONCURRENCY} at a time`, rows);
  await postgresJs.end({ timeout: 5 });
  await bunSql.close();
} finally {
  await database.drop();
}
