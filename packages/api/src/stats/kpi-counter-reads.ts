import { kpiCounters, kpiHourlyCounters, rowsOf, type Executor } from "@confirma/db";
import { sql, type SQL } from "drizzle-orm";
import type { StatusCurrencyRow } from "./kpi-figures.ts";
import { kpiStatement } from "./kpi-statement.ts";
import type { InstantRange } from "./kpi-scans.ts";

/**
 * Runs of time to count orders in: `(key, s, e)` rows, each `[s, e)` with the key its orders are
 * summed under. Runs with the same key add up; runs never overlap.
 */
export type CounterRuns = SQL;

/** One row per period: `current` for `[current.start, current.end)`, `previous` for the one before. */
export function periodRuns(current: InstantRange, previous: InstantRange): CounterRuns {
  return sql`select * from (values ('current', ${current.start}, ${current.end}), ('previous', ${previous.start}, ${previous.end})) as runs (key, s, e)`;
}

/**
 * The runs of `range` over which `keyAt` (an SQL expression of an instant) does not change, such
 * as a local day or a local hour: it is asked of each 15-minute bucket's start, as the counters
 * are kept per bucket. A zone's local days are whole runs of buckets (offsets are multiples of 15
 * minutes), so a run's orders are exactly those the key names; a fall-back hour is two runs of
 * one key.
 */
export function localRuns(range: InstantRange, keyAt: (at: SQL) => SQL): CounterRuns {
  const at = sql.raw("quarter");
  return sql`
    select key, min(quarter) as s, max(quarter) + interval '15 minutes' as e
    from (
      select quarter, key, sum(starts) over (order by quarter) as run
      from (
        select quarter, key, (key is distinct from lag(key) over (order by quarter))::int as starts
        from (
          select quarter, ${keyAt(at)} as key
          from generate_series(${range.start}, ${range.end} - interval '15 minutes', interval '15 minutes') as quarter
        ) as quarters
      ) as marked
    ) as numbered
    group by run, key`;
}

export type CountedRow = StatusCurrencyRow & {
  /** The run's key. */
  key: string;
  /** The store (`''` = none) when asked `byStore`, else `''`. */
  storeId: string;
};

/**
 * Orders by status and currency (and store) in each run, from the trigger-kept counters: the run's
 * whole UTC hours from `kpi_hourly_counters`, the 15-minute buckets of its partial hours (at most
 * three at each end) from `kpi_counters`. A 90-day period reads about a quarter of the rows it
 * would at 15 minutes, in any zone. Exact: an hour's row is the sum of its four buckets (one
 * trigger statement writes both), and a bucket is counted where it starts, as before.
 */
export async function countedRows(db: Executor, runs: CounterRuns, { byStore = false } = {}): Promise<CountedRow[]> {
  const store = byStore ? sql`counted.store_id` : sql`''`;
  const result = await kpiStatement(db, (tx) =>
    tx.execute(sql`
    select runs.key, ${store} as store_id, counted.status, counted.currency, sum(counted.orders)::bigint as orders, sum(counted.amount_minor)::text as amount_minor
    from (${runs}) as runs
    cross join lateral (
      select kpi_hour(runs.s - interval '1 microsecond') + interval '1 hour' as first_hour, kpi_hour(runs.e) as end_hour
    ) as hours
    cross join lateral (
      select store_id, status, currency, orders, amount_minor from ${kpiHourlyCounters}
      where bucket >= hours.first_hour and bucket < hours.end_hour
      union all
      select store_id, status, currency, orders, amount_minor from ${kpiCounters}
      where bucket >= runs.s and bucket < least(hours.first_hour, runs.e)
      union all
      select store_id, status, currency, orders, amount_minor from ${kpiCounters}
      where bucket >= greatest(hours.end_hour, hours.first_hour) and bucket < runs.e
    ) as counted
    group by 1, 2, 3, 4`),
  );
  return rowsOf<{ key: string; store_id: string; status: string; currency: string; orders: string | number; amount_minor: string }>(result).map((row) => ({
    key: row.key,
    storeId: row.store_id,
    status: row.status,
    currency: row.currency,
    orders: Number(row.orders),
    amountMinor: row.amount_minor,
  }));
}
