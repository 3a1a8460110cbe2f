/**
 * `BENCH_KPI_DATABASE=<kept kpis-scale database> BENCH_KPI_BEFORE=<another checkout> bun bench/experiments/kpis-before-after.ts`:
 * the calls of `kpis-scale.ts` made by this checkout's `kpis` and by the other checkout's, one
 * after the other in turn, so both see the same load on a shared machine. The other checkout needs
 * its own `bun install`; its code must read a database this one migrated.
 */
import { BUILT_IN_CONFIRMATION, kpis, type Services } from "@confirma/api";
import { openDatabase } from "@confirma/db";
import { ms, printTable } from "../lib/format.ts";
import { summarize } from "../lib/stats.ts";
import { KPI_CASES } from "./kpi-cases.ts";

const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432";
const DATABASE = process.env.BENCH_KPI_DATABASE;
const BEFORE = process.env.BENCH_KPI_BEFORE;
const CALLS = Number(process.env.BENCH_KPI_CALLS ?? 5);
if (!DATABASE || !BEFORE) throw new Error("set BENCH_KPI_DATABASE and BENCH_KPI_BEFORE");

// Each checkout with its own packages (drizzle included) and its own pool; the other one never migrates.
const before = (await import(`${BEFORE}/packages/api/src/index.ts`)) as { kpis: typeof kpis };
const beforeDb = (await import(`${BEFORE}/packages/db/src/index.ts`)) as { openDatabase: typeof openDatabase };
const handle = await openDatabase({ databaseUrl: `${PG_URL}/${DATABASE}` });
const beforeHandle = await beforeDb.openDatabase({ databaseUrl: `${PG_URL}/${DATABASE}`, migrate: false });
const settings = { defaultCountry: "FR", defaultCurrency: "EUR", confirmation: BUILT_IN_CONFIRMATION };
const services: Services = { db: handle.db, settings };
const beforeServices = { db: beforeHandle.db, settings } as Services;
const cases = KPI_CASES;
const table: (string | number)[][] = [["call", "before p50 ms", "before p95 ms", "after p50 ms", "after p95 ms", "same answer"]];
try {
  for (const [name, input] of cases) {
    const query = { tz: "Europe/Paris", ...input };
    const sameAnswer = JSON.stringify(await before.kpis(beforeServices, query)) === JSON.stringify(await kpis(services, query));
    await before.kpis(beforeServices, query);
    await kpis(services, query);
    const times = { before: [] as number[], after: [] as number[] };
    for (let n = 0; n < CALLS; n++) {
      let t0 = performance.now();
      await before.kpis(beforeServices, query);
      times.before.push(performance.now() - t0);
      t0 = performance.now();
      await kpis(services, query);
      times.after.push(performance.now() - t0);
    }
    const [b, a] = [summarize(times.before), summarize(times.after)];
    table.push([name, ms(b.p50), ms(b.p95), ms(a.p50), ms(a.p95), sameAnswer ? "yes" : "NO"]);
  }
  printTable(`KPIs before and after, in turn (${DATABASE})`, table);
} finally {
  await handle.close();
  await beforeHandle.close();
}
