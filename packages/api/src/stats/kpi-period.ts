import { KPI_BREAKDOWNS, KPI_MAX_DAYS, KPI_PERIODS, type KpiPeriod } from "@confirma/domain";
import { z } from "zod";
import { isTimeZone } from "../time/time-zone.ts";

const DAY_MS = 86_400_000;

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((text) => {
    const at = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(text);
  }, "not a calendar date");

/**
 * `GET /api/stats` and `stats.kpis`: a period (a preset, or `from`..`to` inclusive in local days)
 * in a time zone (`tz`, IANA; default the shop's), and an optional breakdown.
 */
export const kpiInput = z
  .strictObject({
    period: z.enum(KPI_PERIODS).optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    by: z.enum(KPI_BREAKDOWNS).optional(),
    tz: z.string().max(64).refine(isTimeZone, "unknown time zone (expected an IANA name such as Africa/Casablanca)").optional(),
  })
  .superRefine((input, context) => {
    const custom = input.period === "custom" || (input.period === undefined && (input.from !== undefined || input.to !== undefined));
    if (!custom) {
      if (input.from !== undefined || input.to !== undefined) context.addIssue({ code: "custom", path: ["from"], message: "from/to go with period=custom" });
      return;
    }
    if (input.from === undefined || input.to === undefined) {
      context.addIssue({ code: "custom", path: [input.from === undefined ? "from" : "to"], message: "a custom period needs both from and to" });
      return;
    }
    const days = daysBetween(input.from, input.to) + 1;
    if (days < 1) context.addIssue({ code: "custom", path: ["to"], message: "to is before from" });
    else if (days > KPI_MAX_DAYS) context.addIssue({ code: "custom", path: ["to"], message: `a period is at most ${KPI_MAX_DAYS} days` });
  });
export type KpiInput = z.output<typeof kpiInput>;

/** A run of local days, both ends included. */
export interface LocalDays {
  from: string;
  to: string;
}

export interface KpiPeriods {
  period: KpiPeriod;
  current: LocalDays;
  /** As many days, right before `current`. */
  previous: LocalDays;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The local date of an instant in a time zone (`2026-11-30`). */
export function localDateOf(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The days a request asks about, and the period before them, in local days of `timeZone` at `now`. */
export function resolvePeriods(input: Pick<KpiInput, "period" | "from" | "to">, now: Date, timeZone: string): KpiPeriods {
  const today = localDateOf(now, timeZone);
  const period: KpiPeriod = input.period ?? (input.from !== undefined ? "custom" : "7d");
  const current: LocalDays = (() => {
    switch (period) {
      case "today":
        return { from: today, to: today };
      case "yesterday":
        return { from: addDays(today, -1), to: addDays(today, -1) };
      case "7d":
        return { from: addDays(today, -6), to: today };
      case "30d":
        return { from: addDays(today, -29), to: today };
      case "90d":
        return { from: addDays(today, -89), to: today };
      case "custom":
        return { from: input.from ?? today, to: input.to ?? today };
    }
  })();
  const length = daysBetween(current.from, current.to) + 1;
  return { period, current, previous: { from: addDays(current.from, -length), to: addDays(current.from, -1) } };
}
