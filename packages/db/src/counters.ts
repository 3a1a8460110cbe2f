import { sql } from "drizzle-orm";
import { ADVISORY_LOCKS } from "./advisory-locks.ts";
import type { Database } from "./database.ts";

/**
 * Folds every connection's slot of `stat_counters`, `kpi_counters` and `kpi_hourly_counters` into
 * slot 0, one statement per table, so the counters stay a few rows per key. Safe at any time: a slot still being added
 * to waits for that transaction, and the sums never change. One instance at a time does it.
 */
export async function compactCounters(db: Database): Promise<void> {
  await db.execute(sql`
    with guard as (
      select pg_try_advisory_xact_lock(${ADVISORY_LOCKS.counterCompaction}) as ours
    ), moved as (
      delete from stat_counters where slot <> 0 and (select ours from guard) returning metric, bucket, n
    )
    insert into stat_counters (metric, bucket, slot, n)
    select metric, bucket, 0, sum(n)::bigint from moved group by metric, bucket
    on conflict (metric, bucket, slot) do update set n = stat_counters.n + excluded.n`);
  // The KPI counters per quarter and per hour fold the same way.
  for (const table of [sql.raw("kpi_counters"), sql.raw("kpi_hourly_counters")]) {
    await db.execute(sql`
      with guard as (
        select pg_try_advisory_xact_lock(${ADVISORY_LOCKS.counterCompaction}) as ours
      ), moved as (
        delete from ${table} where slot <> 0 and (select ours from guard)
        returning bucket, store_id, status, currency, orders, amount_minor
      )
      insert into ${table} (bucket, store_id, status, currency, slot, orders, amount_minor)
      select bucket, store_id, status, currency, 0, sum(orders)::bigint, sum(amount_minor)::bigint from moved group by 1, 2, 3, 4
      on conflict (bucket, store_id, status, currency, slot)
        do update set orders = ${table}.orders + excluded.orders, amount_minor = ${table}.amount_minor + excluded.amount_minor`);
  }
}
