import { orders, statCounters, type OrderStatus } from "@confirma/db";
import { CLIENT_STATUSES, ORDER_STATUSES } from "@confirma/domain";
import { and, count, eq, gt, gte, inArray, min, or, sql } from "drizzle-orm";
import { z } from "zod";
import { callQueueCondition } from "../calls/call-queue-service.ts";
import { nowOf, type Services } from "../context.ts";
import { isTimeZone } from "../time/time-zone.ts";

export const overviewInput = z.strictObject({
  days: z.number().int().min(1).max(365).default(14),
  /** IANA time zone the days are counted in (the dashboard sends the browser's). */
  timeZone: z.string().max(64).refine(isTimeZone, "unknown time zone").default("UTC"),
});

export interface OverviewDay {
  day: string;
  created: number;
  confirmed: number;
  cancelled: number;
}

export interface Overview {
  ordersByStatus: Record<OrderStatus, number>;
  clientsByStatus: Record<string, number>;
  clientsTotal: number;
  needsReview: number;
  series: OverviewDay[];
}

/** The sizes of the review and call queues, for the menu's badges: two index-only counts. */
export async function queueCounts(services: Services): Promise<{ review: number; calls: number; nextCallBackAt: string | null }> {
  const { db } = services;
  const now = nowOf(services);
  const [[review], [calls], [next]] = await Promise.all([
    db.select({ n: count() }).from(orders).where(eq(orders.needsReview, true)),
    db.select({ n: count() }).from(orders).where(callQueueCondition(now)),
    // The next call-back to fall due: the dashboard notifies at that time.
    db
      .select({ at: min(orders.callBackAt) })
      .from(orders)
      .where(and(eq(orders.callReason, "call_back"), gt(orders.callBackAt, now))),
  ]);
  return { review: review?.n ?? 0, calls: calls?.n ?? 0, nextCallBackAt: next?.at ? new Date(next.at).toISOString() : null };
}

/**
 * Counts by status (all time) and orders per day: the live status board. The period's rates
 * (confirmation, delivery, return…) are `kpis` (kpi-service.ts), whose definitions hold everywhere.
 * Reads the trigger-kept counters (`stat_counters`): a few hundred rows whatever the number of
 * orders. Days are made of the counters' 15-minute buckets, so any time zone's days add up.
 */
export async function overview({ db }: Services, input: z.output<typeof overviewInput>): Promise<Overview> {
  const zone = input.timeZone;
  // Local midnight `days - 1` days ago, as one instant.
  const since = sql`((date_trunc('day', now() at time zone ${zone}) - make_interval(days => ${input.days - 1})) at time zone ${zone})`;
  const totals = [...ORDER_STATUSES.map((status) => `order_status:${status}`), ...CLIENT_STATUSES.map((status) => `client_status:${status}`)];
  const perDay = ["orders_created", "orders_decided:confirmed", "orders_decided:cancelled"];
  const [counters, review] = await Promise.all([
    db
      .select({
        metric: statCounters.metric,
        day: sql<string | null>`case when ${statCounters.metric} in ${perDay} then to_char(${statCounters.bucket} at time zone ${zone}, 'YYYY-MM-DD') end`,
        n: sql<number>`sum(${statCounters.n})`.mapWith(Number),
      })
      .from(statCounters)
      .where(or(inArray(statCounters.metric, totals), and(inArray(statCounters.metric, perDay), gte(statCounters.bucket, since))))
      .groupBy(sql`1`, sql`2`),
    db.select({ n: count() }).from(orders).where(eq(orders.needsReview, true)),
  ]);
  const byStatus = counters.flatMap((row) => (row.metric.startsWith("order_status:") ? [{ status: row.metric.slice(13) as OrderStatus, n: row.n }] : []));
  const byClientStatus = counters.flatMap((row) => (row.metric.startsWith("client_status:") ? [{ status: row.metric.slice(14), n: row.n }] : []));
  const created = counters.flatMap((row) => (row.metric === "orders_created" && row.day ? [{ day: row.day, n: row.n }] : []));
  const decided = counters.flatMap((row) =>
    row.metric.startsWith("orders_decided:") && row.day ? [{ day: row.day, status: row.metric.slice(15), n: row.n }] : [],
  );

  const ordersByStatus = { pending: 0, confirmed: 0, cancelled: 0, no_answer: 0, shipped: 0, delivered: 0, returned: 0 } as Record<OrderStatus, number>;
  for (const row of byStatus) ordersByStatus[row.status] = row.n;
  const clientsByStatus: Record<string, number> = { pending: 0, confirmed: 0, cancelled: 0 };
  for (const row of byClientStatus) clientsByStatus[row.status] = row.n;

  const days = new Map<string, OverviewDay>();
  const today = new Date();
  for (let offset = input.days - 1; offset >= 0; offset--) {
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date(today.getTime() - offset * 86_400_000));
    days.set(day, { day, created: 0, confirmed: 0, cancelled: 0 });
  }
  for (const row of created) {
    const entry = days.get(row.day);
    if (entry) entry.created = row.n;
  }
  for (const row of decided) {
    const entry = days.get(row.day);
    if (entry) entry[row.status === "confirmed" ? "confirmed" : "cancelled"] = row.n;
  }

  return {
    ordersByStatus,
    clientsByStatus,
    clientsTotal: Object.values(clientsByStatus).reduce((sum, n) => sum + n, 0),
    needsReview: review[0]?.n ?? 0,
    series: [...days.values()],
  };
}
