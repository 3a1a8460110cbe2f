/** Pure helpers of the overview's KPI cards and charts (drawn as inline SVG). */

export interface FunnelCounts {
  received: number;
  answered: number;
  confirmed: number;
  shipped: number;
  delivered: number;
  returned: number;
}

export const FUNNEL_STEPS = ["received", "answered", "confirmed", "shipped", "delivered", "returned"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** Each step's bar as a share of the orders received (0 when none). */
export function funnelBars(counts: FunnelCounts): { step: FunnelStep; value: number; share: number }[] {
  return FUNNEL_STEPS.map((step) => ({ step, value: counts[step], share: counts.received ? counts[step] / counts.received : 0 }));
}

/** How a figure moved against the previous period: `up`, `down`, `same`, or null when either is unknown. */
export function trend(current: number | null, previous: number | null): "up" | "down" | "same" | null {
  if (current === null || previous === null) return null;
  if (Math.abs(current - previous) < 1e-9) return "same";
  return current > previous ? "up" : "down";
}

/** Seconds as the largest unit that reads well: 45 s, 12 min, 3 h, 2 j. */
export function durationParts(seconds: number): { unit: "seconds" | "minutes" | "hours" | "days"; n: number } {
  if (seconds < 90) return { unit: "seconds", n: Math.round(seconds) };
  if (seconds < 90 * 60) return { unit: "minutes", n: Math.round(seconds / 60) };
  if (seconds < 48 * 3600) return { unit: "hours", n: Math.round((seconds / 3600) * 10) / 10 };
  return { unit: "days", n: Math.round((seconds / 86_400) * 10) / 10 };
}

export const RATE_SERIES = ["confirmationRate", "deliveryRate", "returnRate"] as const;
export type RateSeries = (typeof RATE_SERIES)[number];

export interface RatePoint {
  key: string | null;
  confirmationRate: number | null;
  deliveryRate: number | null;
  returnRate: number | null;
}

/**
 * Polylines of rates over days, 0–100 %: a day without a rate breaks its line (no invented
 * zero). Returns each series' path segments as SVG `points` strings.
 */
export function rateLines(points: readonly RatePoint[], { width = 640, height = 200, left = 36, top = 10, right = 8, bottom = 24 } = {}) {
  const plot = { left, top, right: width - right, bottom: height - bottom };
  const step = points.length > 1 ? (plot.right - plot.left) / (points.length - 1) : 0;
  const x = (index: number) => (points.length > 1 ? plot.left + index * step : (plot.left + plot.right) / 2);
  const y = (rate: number) => plot.bottom - rate * (plot.bottom - plot.top);
  const lines = RATE_SERIES.map((series) => {
    const segments: string[][] = [[]];
    const dots: { x: number; y: number; value: number; key: string | null }[] = [];
    points.forEach((point, index) => {
      const value = point[series];
      if (value === null) {
        if (segments.at(-1)?.length) segments.push([]);
        return;
      }
      segments.at(-1)?.push(`${x(index).toFixed(1)},${y(value).toFixed(1)}`);
      dots.push({ x: x(index), y: y(value), value, key: point.key });
    });
    return { series, segments: segments.filter((segment) => segment.length).map((segment) => segment.join(" ")), dots };
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, y: y(value) }));
  const every = Math.max(1, Math.ceil(points.length / 8));
  const labels = points.flatMap((point, index) => (index % every === 0 && point.key ? [{ key: point.key, x: x(index) }] : []));
  return { width, height, plot, lines, ticks, labels };
}

export interface ProductReturn {
  key: string | null;
  label: string | null;
  shipped: number;
  returned: number;
  returnRate: number | null;
}

/** Products with at least `minShipped` shipped orders, highest return rate first (then most shipped). */
export function topReturnRates<T extends ProductReturn>(rows: readonly T[], { minShipped = 3, limit = 8 } = {}): T[] {
  return rows
    .filter((row) => row.shipped >= minShipped && row.returnRate !== null)
    .sort((a, b) => (b.returnRate ?? 0) - (a.returnRate ?? 0) || b.shipped - a.shipped)
    .slice(0, limit);
}
