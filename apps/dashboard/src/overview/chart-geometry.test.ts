import { expect, test } from "bun:test";
import { layoutChart, niceMax } from "./chart-geometry.ts";

test("nice maxima", () => {
  expect(niceMax(0)).toBe(4);
  expect(niceMax(3)).toBe(4);
  expect(niceMax(7)).toBe(10);
  expect(niceMax(11)).toBe(20);
  expect(niceMax(180)).toBe(200);
  expect(niceMax(240)).toBe(250);
});

test("bars stay inside the plot and scale to the maximum", () => {
  const series = Array.from({ length: 14 }, (_, index) => ({
    day: `2025-11-${String(index + 1).padStart(2, "0")}`,
    created: index,
    confirmed: Math.floor(index / 2),
    cancelled: 1,
  }));
  const layout = layoutChart(series, { width: 640, height: 220 });
  expect(layout.max).toBe(20);
  expect(layout.bars).toHaveLength(42);
  for (const bar of layout.bars) {
    expect(bar.x).toBeGreaterThanOrEqual(layout.plot.left);
    expect(bar.x + bar.width).toBeLessThanOrEqual(layout.plot.right + 0.001);
    expect(bar.y + bar.height).toBeCloseTo(layout.plot.bottom);
    expect(bar.height).toBeGreaterThanOrEqual(0);
  }
  const tallest = layout.bars.find((bar) => bar.series === "created" && bar.value === 13)!;
  expect(tallest.height).toBeCloseTo(((layout.plot.bottom - layout.plot.top) * 13) / 20);
  expect(layout.labels.length).toBeLessThanOrEqual(14);
  expect(layout.labels[0]!.day).toBe("2025-11-01");
  expect(layout.ticks.map((tick) => tick.value)).toEqual([0, 5, 10, 15, 20]);
});

test("an empty series draws nothing", () => {
  const layout = layoutChart([]);
  expect(layout.bars).toEqual([]);
  expect(layout.labels).toEqual([]);
});
