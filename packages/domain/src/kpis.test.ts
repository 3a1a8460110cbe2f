import { expect, test } from "bun:test";
import { kpiCounts, kpiRates } from "./kpis.ts";
import { minorUnitsToDecimalString } from "./money.ts";

test.each([
  [{}, { received: 0, confirmed: 0, answered: 0, shipped: 0 }, { confirmationRate: null, deliveryRate: null }],
  [{ pending: 4 }, { received: 4, confirmed: 0 }, { confirmationRate: null }],
  [
    { pending: 1, confirmed: 2, shipped: 1, delivered: 3, returned: 1, cancelled: 2, no_answer: 1 },
    { received: 11, confirmed: 7, answered: 9, shipped: 5, delivered: 3, returned: 1, noAnswer: 1 },
    { confirmationRate: 0.7, cancellationRate: 0.2, noAnswerRate: 0.1, deliveryRate: 0.6, returnRate: 0.2 },
  ],
] as const)("kpi counts and rates of %j", (byStatus, counts, rates) => {
  const seen = kpiCounts(byStatus);
  expect(seen).toMatchObject(counts);
  const seenRates = kpiRates(seen);
  for (const [name, value] of Object.entries(rates)) {
    if (value === null) expect(seenRates[name as keyof typeof seenRates]).toBeNull();
    else expect(seenRates[name as keyof typeof seenRates]).toBeCloseTo(value, 12);
  }
});

test.each([
  [10997n, "EUR", "109.97"],
  [5, "EUR", "0.05"],
  [-5n, "EUR", "-0.05"],
  [0, "EUR", "0.00"],
  [1500, "XOF", "1500"],
  [1234, "TND", "1.234"],
  ["900719925474099312", "EUR", "9007199254740993.12"],
] as const)("%p minor units of %s are %s", (minor, currency, text) => {
  expect(minorUnitsToDecimalString(minor, currency)).toBe(text);
});
