/** Pure geometry for the overview's orders-per-day bar chart (drawn as inline SVG). */

export const SERIES = ["created", "confirmed", "cancelled"] as const;
export type SeriesName = (typeof SERIES)[number];

export interface DayCounts {
  day: string;
  created: number;
  confirmed: number;
  cancelled: number;
}

export interface ChartBar {
  series: SeriesName;
  day: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  max: number;
  ticks: { value: number; y: number }[];
  bars: ChartBar[];
  /** Day labels to print (every nth day so they never overlap). */
  labels: { day: string; x: number }[];
}

/** The smallest "nice" number (1, 2, 2.5, 5 × 10ⁿ) at or above `value`; at least 4, so small counts get whole ticks. */
export function niceMax(value: number): number {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return Math.max(step * magnitude, 4);
  return 10 * magnitude;
}

export function layoutChart(series: readonly DayCounts[], { width = 640, height = 220, left = 32, top = 12, right = 8, bottom = 28 } = {}): ChartLayout {
  const plot = { left, top, right: width - right, bottom: height - bottom };
  const max = niceMax(Math.max(0, ...series.flatMap((day) => SERIES.map((name) => day[name]))));
  const plotHeight = plot.bottom - plot.top;
  const slot = series.length ? (plot.right - plot.left) / series.length : 0;
  const gap = Math.min(6, slot * 0.2);
  const barWidth = Math.max(1, (slot - gap) / SERIES.length);
  const y = (value: number) => plot.bottom - (value / max) * plotHeight;

  const bars: ChartBar[] = series.flatMap((day, index) =>
    SERIES.map((name, position) => {
      const value = day[name];
      const top = y(value);
      return {
        series: name,
        day: day.day,
        value,
        x: plot.left + index * slot + gap / 2 + position * barWidth,
        y: top,
        width: barWidth,
        height: plot.bottom - top,
      };
    }),
  );
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((fraction) => max * fraction)
    .filter((value) => Number.isInteger(value))
    .map((value) => ({ value, y: y(value) }));
  const every = Math.max(1, Math.ceil(series.length / Math.max(1, Math.floor((plot.right - plot.left) / 56))));
  const labels = series.flatMap((day, index) =>
    index % every === 0 || index === series.length - 1 ? [{ day: day.day, x: plot.left + index * slot + slot / 2 }] : [],
  );
  // Never print the last label on top of the one before it.
  if (labels.length >= 2 && labels.at(-1)!.x - labels.at(-2)!.x < 40) labels.splice(labels.length - 2, 1);
  return { width, height, plot, max, ticks, bars, labels };
}
