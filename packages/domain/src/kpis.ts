/**
 * What each KPI means, in one place for the server (which computes them) and the dashboard
 * (which explains them). The cohort of a period is the orders *received* in it (by `created_at`,
 * in the shop's local days); every outcome is that cohort's *current* status, so a period's
 * figures keep moving until its orders are settled, and the rates of two periods compare like
 * for like.
 */
import type { OrderStatus } from "./order-status.ts";

/** The periods the overview offers; `custom` takes `from` / `to`. */
export const KPI_PERIODS = ["today", "yesterday", "7d", "30d", "90d", "custom"] as const;
export type KpiPeriod = (typeof KPI_PERIODS)[number];

/** How a period's figures may be broken down. */
export const KPI_BREAKDOWNS = ["store", "product", "city", "agent", "hour", "day"] as const;
export type KpiBreakdown = (typeof KPI_BREAKDOWNS)[number];

/** The longest period, in days (and so the previous one too). */
export const KPI_MAX_DAYS = 366;

/** The customer (or an agent for them) said yes: confirmed and every later step. */
export const CONFIRMED_STATUSES = ["confirmed", "shipped", "delivered", "returned"] as const satisfies readonly OrderStatus[];
/** Handed to the courier: shipped and what followed. */
export const SHIPPED_STATUSES = ["shipped", "delivered", "returned"] as const satisfies readonly OrderStatus[];

/** Orders of a cohort by current status. */
export type KpiStatusCounts = Record<OrderStatus, number>;

export interface KpiCounts {
  /** Orders received in the period. */
  received: number;
  /** Current status confirmed, shipped, delivered or returned. */
  confirmed: number;
  /** Current status cancelled. */
  cancelled: number;
  /** Current status no_answer (the confirmation request timed out). */
  noAnswer: number;
  /** Still pending: no answer yet and not timed out. */
  pending: number;
  /** Got an answer: confirmed + cancelled. */
  answered: number;
  /** Shipped, delivered or returned. */
  shipped: number;
  delivered: number;
  returned: number;
}

export interface KpiRates {
  /** confirmed ÷ (confirmed + cancelled + noAnswer); null when that is 0. */
  confirmationRate: number | null;
  /** cancelled ÷ (confirmed + cancelled + noAnswer). */
  cancellationRate: number | null;
  /** noAnswer ÷ (confirmed + cancelled + noAnswer). */
  noAnswerRate: number | null;
  /** delivered ÷ shipped (shipped, delivered or returned). */
  deliveryRate: number | null;
  /** returned ÷ shipped. */
  returnRate: number | null;
}

/** The counts of a cohort from its orders by current status. */
export function kpiCounts(byStatus: Partial<KpiStatusCounts>): KpiCounts {
  const n = (status: OrderStatus) => byStatus[status] ?? 0;
  const confirmed = CONFIRMED_STATUSES.reduce((sum, status) => sum + n(status), 0);
  const shipped = SHIPPED_STATUSES.reduce((sum, status) => sum + n(status), 0);
  return {
    received: confirmed + n("pending") + n("cancelled") + n("no_answer"),
    confirmed,
    cancelled: n("cancelled"),
    noAnswer: n("no_answer"),
    pending: n("pending"),
    answered: confirmed + n("cancelled"),
    shipped,
    delivered: n("delivered"),
    returned: n("returned"),
  };
}

/** The rates of a cohort, each over the denominator its definition names; null rather than 0 ÷ 0. */
export function kpiRates(counts: KpiCounts): KpiRates {
  const decided = counts.confirmed + counts.cancelled + counts.noAnswer;
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  return {
    confirmationRate: share(counts.confirmed, decided),
    cancellationRate: share(counts.cancelled, decided),
    noAnswerRate: share(counts.noAnswer, decided),
    deliveryRate: share(counts.delivered, counts.shipped),
    returnRate: share(counts.returned, counts.shipped),
  };
}
