import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { currencyDigits, exactMinorUnits, fromMinorUnits, MAX_PRICE, parseAmountToMinor } from "./money.ts";

describe("currency digits", () => {
  test.each([
    ["EUR", 2],
    ["MAD", 2],
    ["XOF", 0],
    ["TND", 3],
  ] as const)("%s has %i decimals", (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits);
  });

  test("codes the runtime does not know have none", () => {
    for (const code of ["ZZZ", "EURO", "NOT", ""]) expect(currencyDigits(code)).toBeNull();
  });
});

describe("exact minor units", () => {
  test.each([
    [0.1, "EUR", 10],
    [0.07, "EUR", 7],
    [109.97, "EUR", 10997],
    [1.005, "TND", 1005],
    [15000, "XOF", 15000],
    [0, "EUR", 0],
    [MAX_PRICE, "EUR", MAX_PRICE * 100],
  ] as const)("%d %s is %i minor units", (amount, currency, minor) => {
    expect(exactMinorUnits(amount, currency)).toEqual({ ok: true, minor });
  });

  test.each([
    [-1, "EUR", "out_of_range"],
    [MAX_PRICE + 1, "EUR", "out_of_range"],
    [Number.NaN, "EUR", "out_of_range"],
    [Number.POSITIVE_INFINITY, "EUR", "out_of_range"],
    [29.999, "EUR", "too_precise"],
    [0.5, "XOF", "too_precise"],
    [0.1 + 0.2, "EUR", "too_precise"],
    [1e-7, "EUR", "not_decimal"],
    [1, "ZZZ", "unknown_currency"],
  ] as const)("%d %s is refused: %s", (amount, currency, problem) => {
    expect(exactMinorUnits(amount, currency)).toEqual({ ok: false, problem });
  });

  test("every cent amount round-trips exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_PRICE * 100 }), (cents) => {
        expect(exactMinorUnits(fromMinorUnits(cents, "EUR"), "EUR")).toEqual({ ok: true, minor: cents });
      }),
    );
  });

  test("back to decimals", () => {
    expect(fromMinorUnits(10997, "EUR")).toBe(109.97);
    expect(fromMinorUnits(5, "EUR")).toBe(0.05);
    expect(fromMinorUnits(1005, "TND")).toBe(1.005);
    expect(fromMinorUnits(1500, "XOF")).toBe(1500);
    expect(() => fromMinorUnits(1, "ZZZ")).toThrow(RangeError);
  });
});

describe("prices typed by a person", () => {
  test.each([
    ["29,99", "EUR", 2999],
    ["29.99", "EUR", 2999],
    ["29", "EUR", 2900],
    ["29,5", "EUR", 2950],
    ["29.", "EUR", 2900],
    ["1 200", "MAD", 120000],
    ["1\u202f200,50", "EUR", 120050],
    [",5", "EUR", 50],
    ["0", "EUR", 0],
    ["1500", "XOF", 1500],
    ["1,234", "TND", 1234],
    ["10000000", "EUR", MAX_PRICE * 100],
  ] as const)("reads %p in %s as %d minor units", (text, currency, minor) => {
    expect(parseAmountToMinor(text, currency)).toBe(minor);
  });

  test.each([
    ["", "EUR"],
    [".", "EUR"],
    ["-1", "EUR"],
    ["1,999", "EUR"],
    ["12,5", "XOF"],
    ["abc", "EUR"],
    ["1.2.3", "EUR"],
    ["1e3", "EUR"],
    ["10000000,01", "EUR"],
    ["99999999999999999999", "EUR"],
    ["10", "ZZZ"],
  ] as const)("refuses %p in %s", (text, currency) => {
    expect(parseAmountToMinor(text, currency)).toBeNull();
  });

  test("a typed price is taken exactly when the server takes the same number, and refused when it refuses it", () => {
    const currencies = fc.constantFrom("EUR", "XOF", "TND", "MAD");
    const typed = fc.tuple(fc.stringMatching(/^\d{1,9}$/), fc.option(fc.stringMatching(/^\d{0,4}$/), { nil: undefined }));
    fc.assert(
      fc.property(typed, currencies, ([whole, fraction], currency) => {
        const text = fraction === undefined ? whole : `${whole}.${fraction}`;
        const server = exactMinorUnits(Number(text), currency);
        const minor = parseAmountToMinor(text.replace(".", ","), currency);
        // A typed text may spell more decimals than its number needs ("1.500" XOF is 1.5): the server sees the number.
        const spelledDigits = (fraction ?? "").length;
        if (spelledDigits <= (currencyDigits(currency) ?? 0)) expect(minor).toBe(server.ok ? server.minor : null);
        else expect(minor).toBeNull();
      }),
    );
  });
});
