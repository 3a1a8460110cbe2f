import { expect, test } from "bun:test";
import fc from "fast-check";
import { divideAmounts } from "./woocommerce-money.ts";

test.each([
  [["598.00"], 2, 2, "299.00"],
  [["6.00"], 2, 2, "3.00"],
  [["100.00"], 3, 2, "33.33"],
  [["200.00"], 3, 2, "66.67"],
  [["0.05"], 2, 2, "0.03"],
  [["250.00", "50.00"], 2, 2, "150.00"],
  [["27.78", "5.55"], 1, 2, "33.33"],
  [["349.000"], 1, 2, "349.00"],
  [["349"], 1, 2, "349.00"],
  [["349.005"], 1, 2, "349.01"],
  [["1500"], 1, 0, "1500"],
  [["1.5"], 1, 3, "1.500"],
  [["0"], 4, 2, "0.00"],
] as const)("%p / %i with %i digits is %p", (amounts, divisor, digits, expected) => {
  expect(divideAmounts(amounts, divisor, digits)).toBe(expected);
});

test.each([
  [["-1.00"], 1],
  [["1e3"], 1],
  [["12,50"], 1],
  [[""], 1],
  [["10.00"], 0],
  [["10.00"], 1.5],
])("%p / %p is not an amount", (amounts, divisor) => {
  expect(divideAmounts(amounts, divisor, 2)).toBeNull();
});

test("a line that is a unit price times its quantity gives that unit price back exactly", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(0, 2, 3), (unitMinor, quantity, digits) => {
      const spell = (minor: bigint) =>
        digits === 0 ? minor.toString() : `${minor / 10n ** BigInt(digits)}.${(minor % 10n ** BigInt(digits)).toString().padStart(digits, "0")}`;
      const line = spell(BigInt(unitMinor) * BigInt(quantity));
      expect(divideAmounts([line], quantity, digits)).toBe(spell(BigInt(unitMinor)));
    }),
  );
});
