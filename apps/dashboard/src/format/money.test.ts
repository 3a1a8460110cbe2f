import { expect, test } from "bun:test";
import { currencyDigits, fromMinorUnits, parseAmountToMinor, toMinorUnits, totalsByCurrency } from "./money.ts";

test("currency decimals", () => {
  expect(currencyDigits("EUR")).toBe(2);
  expect(currencyDigits("XOF")).toBe(0);
  expect(currencyDigits("TND")).toBe(3);
  expect(currencyDigits("NOT")).toBe(2);
});

test("minor units round-trip without float drift", () => {
  expect(toMinorUnits(109.97, "EUR")).toBe(10997);
  expect(toMinorUnits(0.1 + 0.2, "EUR")).toBe(30);
  expect(fromMinorUnits(10997, "EUR")).toBe(109.97);
  expect(toMinorUnits(1500, "XOF")).toBe(1500);
});

test.each([
  ["29,99", "EUR", 2999],
  ["29.99", "EUR", 2999],
  ["29", "EUR", 2900],
  ["29,5", "EUR", 2950],
  ["1 200", "MAD", 120000],
  [",5", "EUR", 50],
  ["0", "EUR", 0],
  ["1500", "XOF", 1500],
  ["1,234", "TND", 1234],
] as const)("parses %p in %s as %d minor units", (text, currency, minor) => {
  expect(parseAmountToMinor(text, currency)).toBe(minor);
});

test.each([["", "EUR"], ["-1", "EUR"], ["1,999", "EUR"], ["12,5", "XOF"], ["abc", "EUR"], ["1.2.3", "EUR"], ["1e3", "EUR"]] as const)(
  "refuses %p in %s",
  (text, currency) => {
    expect(parseAmountToMinor(text, currency)).toBeNull();
  },
);

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
