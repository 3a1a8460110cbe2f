import { expect, test } from "bun:test";
import { KPI_MESSAGES } from "./kpi-messages.ts";
import { durationParts, funnelBars, rateLines, topReturnRates, trend } from "./kpi-view.ts";

test("the funnel's bars are shares of the orders received", () => {
  const bars = funnelBars({ received: 10, answered: 8, confirmed: 6, shipped: 5, delivered: 3, returned: 1 });
  expect(bars.map((bar) => [bar.step, bar.share])).toEqual([
    ["received", 1],
    ["answered", 0.8],
    ["confirmed", 0.6],
    ["shipped", 0.5],
    ["delivered", 0.3],
    ["returned", 0.1],
  ]);
  expect(funnelBars({ received: 0, answered: 0, confirmed: 0, shipped: 0, delivered: 0, returned: 0 }).every((bar) => bar.share === 0)).toBe(true);
});

test.each([
  [0.5, 0.4, "up"],
  [0.4, 0.5, "down"],
  [0.5, 0.5, "same"],
  [null, 0.5, null],
  [3, null, null],
] as const)("trend %p against %p is %p", (current, previous, expected) => {
  expect(trend(current, previous)).toBe(expected);
});

test.each([
  [45, { unit: "seconds", n: 45 }],
  [600, { unit: "minutes", n: 10 }],
  [5400, { unit: "hours", n: 1.5 }],
  [3 * 86_400, { unit: "days", n: 3 }],
] as const)("%p seconds read as %j", (seconds, parts) => {
  expect(durationParts(seconds)).toEqual(parts);
});

test("a day without a rate breaks the line rather than dropping to zero", () => {
  const lines = rateLines([
    { key: "2026-03-01", confirmationRate: 1, deliveryRate: null, returnRate: null },
    { key: "2026-03-02", confirmationRate: null, deliveryRate: null, returnRate: null },
    { key: "2026-03-03", confirmationRate: 0.5, deliveryRate: 0, returnRate: null },
    { key: "2026-03-04", confirmationRate: 0, deliveryRate: 1, returnRate: null },
  ]);
  const confirmation = lines.lines.find((line) => line.series === "confirmationRate");
  expect(confirmation?.segments).toHaveLength(2);
  expect(confirmation?.dots.map((dot) => dot.value)).toEqual([1, 0.5, 0]);
  expect(lines.lines.find((line) => line.series === "returnRate")?.segments).toEqual([]);
  expect(confirmation?.dots[0]?.y).toBe(lines.plot.top);
  expect(confirmation?.dots[2]?.y).toBe(lines.plot.bottom);
});

test("top products by return rate leave out the barely shipped", () => {
  const rows = [
    { key: "a", label: "A", shipped: 10, returned: 2, returnRate: 0.2 },
    { key: "b", label: "B", shipped: 2, returned: 2, returnRate: 1 },
    { key: "c", label: "C", shipped: 4, returned: 2, returnRate: 0.5 },
    { key: "d", label: "D", shipped: 0, returned: 0, returnRate: null },
  ];
  expect(topReturnRates(rows).map((row) => row.key)).toEqual(["c", "a"]);
});

test("both languages have every overview text", () => {
  expect(Object.keys(KPI_MESSAGES.en).sort()).toEqual(Object.keys(KPI_MESSAGES.fr).sort());
});
