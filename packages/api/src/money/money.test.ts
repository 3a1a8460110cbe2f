import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { currencyDigits, fromMinorUnits, orderTotalMinor, toMinorUnits } from "./money.ts";

describe("money", () => {
  test("the seed order totals exactly 109.97", () => {
    const lines = [
      { unitPriceMinor: toMinorUnits(29.99, "EUR"), quantity: 2 },
      { unitPriceMinor: toMinorUnits(49.99, "EUR"), quantity: 1 },
    ];
    expect(orderTotalMinor(lines)).toBe(10997);
    expect(fromMinorUnits(10997, "EUR")).toBe(109.97);
  });

  test.each([
    ["EUR", 2],
    ["MAD", 2],
    ["XOF", 0],
    ["TND", 3],
  ])("%s has %i decimals", (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits);
  });

  test.each([
    [0.1, "EUR", 10],
    [0.07, "EUR", 7],
    [1.005, "TND", 1005],
    [15000, "XOF", 15000],
    [0, "EUR", 0],
  ])("%d %s is %i minor units", (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  test.each([
    [-1, "EUR"],
    [29.999, "EUR"],
    [0.5, "XOF"],
    [Number.NaN, "EUR"],
    [Number.POSITIVE_INFINITY, "EUR"],
    [1e-7, "EUR"],
    [1e12, "EUR"],
  ])("%d %s is refused", (amount, currency) => {
    expect(() => toMinorUnits(amount, currency)).toThrow(expect.objectContaining({ code: "invalid_price" }));
  });

  test("unknown currencies are refused", () => {
    expect(() => toMinorUnits(1, "EURO")).toThrow(expect.objectContaining({ code: "invalid_currency" }));
    expect(() => toMinorUnits(1, "ZZZ")).toThrow(expect.objectContaining({ code: "invalid_currency" }));
  });

  test("every cent amount round-trips exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (cents) => {
        const amount = fromMinorUnits(cents, "EUR");
        expect(toMinorUnits(amount, "EUR")).toBe(cents);
      }),
    );
  });
});
