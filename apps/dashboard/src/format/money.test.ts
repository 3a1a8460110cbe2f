import { expect, test } from "bun:test";
import { totalsByCurrency } from "./money.ts";

test("totals per currency are exact", () => {
  const rows = [
    { total: 0.1, currency: "EUR" },
    { total: 0.2, currency: "EUR" },
    { total: 1500, currency: "XOF" },
    { total: 109.97, currency: "EUR" },
  ];
  expect(totalsByCurrency(rows)).toEqual([
    { currency: "EUR", total: 110.27 },
    { currency: "XOF", total: 1500 },
  ]);
  expect(totalsByCurrency([])).toEqual([]);
});

test("an amount the server would refuse is not rounded into a total", () => {
  expect(() => totalsByCurrency([{ total: 0.1 + 0.2, currency: "EUR" }])).toThrow(RangeError);
  expect(() => totalsByCurrency([{ total: 12.5, currency: "XOF" }])).toThrow(RangeError);
});
