import {
  CONFIRMED_STATUSES,
  isOrderStatus,
  kpiCounts,
  kpiRates,
  minorUnitsToDecimalString,
  type KpiCounts,
  type KpiRates,
  type OrderStatus,
} from "@confirma/domain";

/** Revenue of a cohort in one currency, as exact decimal strings (`"109.97"`). */
export interface KpiRevenue {
  currency: string;
  /** Sum of the totals of the confirmed orders (confirmed, shipped, delivered or returned). */
  confirmed: string;
  /** Sum of the totals of the delivered orders. */
  delivered: string;
}

export type KpiFigures = KpiCounts & KpiRates & { revenue: KpiRevenue[] };

/** One group's orders by current status and currency: what the counters and the scans both give. */
export interface StatusCurrencyRow {
  status: string;
  currency: string;
  orders: number;
  /** Summed minor units, as text (sums may pass 2^53). */
  amountMinor: string;
}

/** Adds up rows of one group into its figures: counts, rates and revenue per currency. */
export function figuresOf(rows: readonly StatusCurrencyRow[]): KpiFigures {
  const byStatus: Partial<Record<OrderStatus, number>> = {};
  const money = new Map<string, { confirmed: bigint; delivered: bigint }>();
  for (const row of rows) {
    if (!isOrderStatus(row.status)) continue;
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.orders;
    const sums = money.get(row.currency) ?? { confirmed: 0n, delivered: 0n };
    if ((CONFIRMED_STATUSES as readonly string[]).includes(row.status)) sums.confirmed += BigInt(row.amountMinor);
    if (row.status === "delivered") sums.delivered += BigInt(row.amountMinor);
    money.set(row.currency, sums);
  }
  const counts = kpiCounts(byStatus);
  const revenue = [...money.entries()]
    .filter(([, sums]) => sums.confirmed !== 0n || sums.delivered !== 0n)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sums]) => ({
      currency,
      confirmed: minorUnitsToDecimalString(sums.confirmed, currency),
      delivered: minorUnitsToDecimalString(sums.delivered, currency),
    }));
  return { ...counts, ...kpiRates(counts), revenue };
}
