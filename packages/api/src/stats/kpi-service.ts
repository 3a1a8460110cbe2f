import { stores } from "@confirma/db";
import type { KpiBreakdown, KpiPeriod } from "@confirma/domain";
import { inArray, sql, type SQL } from "drizzle-orm";
import { loadConfirmationSettings } from "../confirmation/confirmation-settings.ts";
import { nowOf, type Services } from "../context.ts";
import { countedRows, localRuns, periodRuns, type CountedRow } from "./kpi-counter-reads.ts";
import { figuresOf, type KpiFigures } from "./kpi-figures.ts";
import { addDays, daysBetween, resolvePeriods, type KpiInput, type LocalDays } from "./kpi-period.ts";
import { agentRows, cityRows, medianTimeToConfirm, productRows, type AgentRow } from "./kpi-scans.ts";

export type PeriodFigures = KpiFigures & LocalDays & { medianTimeToConfirmSeconds: number | null };

/** One line of a breakdown by store, product, city, hour or day. */
export type KpiRow = KpiFigures & {
  /** Store id, product id, lower-cased city, hour `0`…`23` or day `YYYY-MM-DD`; null for "none" (no store, no city). */
  key: string | null;
  label: string | null;
};

export interface Kpis extends PeriodFigures {
  period: KpiPeriod;
  tz: string;
  previous: PeriodFigures;
  by: KpiBreakdown | null;
  breakdown: KpiRow[] | AgentRow[];
}

/** The first instant of a local day, in SQL. */
export function localMidnight(day: string, zone: string): SQL {
  return sql`(${day}::date::timestamp at time zone ${zone})`;
}

/**
 * The KPIs of a period and of the one before it, with an optional breakdown: the numbers of
 * `GET /api/stats` and of the overview (`stats.kpis`). The cohort is the orders received in the
 * period's local days; outcomes are their current status (see `@confirma/domain` `kpis.ts`).
 * Totals and the store, hour and day breakdowns read the trigger-kept counters (a few rows per
 * hour whatever the number of orders, see `kpi-counter-reads.ts`); product, city and agent
 * breakdowns and the median time to confirm read the period's orders through their indexes.
 */
export async function kpis(services: Services, input: KpiInput): Promise<Kpis> {
  const zone = input.tz ?? (await loadConfirmationSettings(services.db, services.settings.confirmation)).timeZone;
  const { period, current, previous } = resolvePeriods(input, nowOf(services), zone);
  const by = input.by ?? null;
  const range = { start: localMidnight(current.from, zone), end: localMidnight(addDays(current.to, 1), zone) };
  const previousRange = { start: localMidnight(previous.from, zone), end: range.start };

  const keyAt =
    by === "hour"
      ? (at: SQL) => sql`extract(hour from ${at} at time zone ${zone})::int::text`
      : (at: SQL) => sql`to_char(${at} at time zone ${zone}, 'YYYY-MM-DD')`;
  const [counted, keyed, medianNow, medianBefore, scanned] = await Promise.all([
    countedRows(services.db, periodRuns(range, previousRange), { byStore: by === "store" }),
    by === "hour" || by === "day" ? countedRows(services.db, localRuns(range, keyAt)) : null,
    medianTimeToConfirm(services.db, range),
    medianTimeToConfirm(services.db, previousRange),
    by === "product" ? productRows(services.db, range) : by === "city" ? cityRows(services.db, range) : by === "agent" ? agentRows(services.db, range) : null,
  ]);
  const currentRows = counted.filter((row) => row.key === "current");
  const previousRows = counted.filter((row) => row.key === "previous");

  let breakdown: KpiRow[] | AgentRow[] = [];
  if (scanned) breakdown = scanned;
  else if (by === "store") breakdown = await storeBreakdown(services, currentRows);
  else if (by === "hour")
    breakdown = keyedRows(
      keyed ?? [],
      Array.from({ length: 24 }, (_, hour) => String(hour)),
    );
  else if (by === "day")
    breakdown = keyedRows(
      keyed ?? [],
      Array.from({ length: daysBetween(current.from, current.to) + 1 }, (_, n) => addDays(current.from, n)),
    );

  return {
    period,
    tz: zone,
    ...current,
    ...figuresOf(currentRows),
    medianTimeToConfirmSeconds: medianNow,
    previous: { ...previous, ...figuresOf(previousRows), medianTimeToConfirmSeconds: medianBefore },
    by,
    breakdown,
  };
}

function groupBy<Row>(rows: readonly Row[], keyOf: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return groups;
}

/** Every key in `keys` (hours, days), empty ones included, in that order. */
function keyedRows(rows: readonly CountedRow[], keys: readonly string[]): KpiRow[] {
  const groups = groupBy(rows, (row) => row.key);
  return keys.map((key) => ({ key, label: key, ...figuresOf(groups.get(key) ?? []) }));
}

/** Stores with orders in the period, most orders first; orders from no store under `key: null`. */
async function storeBreakdown({ db }: Services, rows: readonly CountedRow[]): Promise<KpiRow[]> {
  const groups = groupBy(rows, (row) => row.storeId);
  const ids = [...groups.keys()].filter((id) => id !== "");
  const names = ids.length ? await db.select({ id: stores.id, name: stores.name }).from(stores).where(inArray(stores.id, ids)) : [];
  const nameOf = new Map(names.map((store) => [store.id, store.name]));
  return [...groups.entries()]
    .map(([id, group]) => ({ key: id === "" ? null : id, label: id === "" ? null : (nameOf.get(id) ?? null), ...figuresOf(group) }))
    .filter((row) => row.received > 0)
    .sort((a, b) => b.received - a.received || String(a.label).localeCompare(String(b.label)));
}
