/**
 * WooCommerce amounts as exact decimal text in the currency's digits, computed on integers.
 *
 * The REST payload gives line amounts as decimal strings rounded to the store's decimals
 * (`subtotal: "598.00"`) and a line `price` that is a PHP float (`total / quantity`, after
 * discounts, without tax: `33.333333333333336` for 100.00 over 3). Confirma wants a unit price,
 * so it divides the line's exact string by the quantity here instead of reading the float: the
 * result is exact whenever the line divides evenly (nearly always: the line was a unit price
 * times the quantity), and otherwise rounded half up to the currency's minor unit, as WooCommerce
 * itself rounds (PHP `round()`) when it shows that price. The order's `total` is taken from its
 * own string, so what the customer is asked to pay is never a computed value.
 */

/** `"12.50"` → 1250 at scale 2. Null for anything but a plain non-negative decimal. */
function readDecimal(text: string): { units: bigint; scale: number } | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? "";
  return { units: BigInt(match[1]! + fraction), scale: fraction.length };
}

/**
 * The sum of `amounts` divided by `divisor`, as decimal text with exactly `digits` decimals,
 * rounded half up when it does not divide evenly (`["100.00"], 3, 2` → `"33.33"`;
 * `["500.00", "100.00"], 2, 2` → `"300.00"`; `["349.000"], 1, 2` → `"349.00"`). Null when an
 * amount is not a plain decimal or the divisor is not a positive whole number.
 */
export function divideAmounts(amounts: readonly string[], divisor: number, digits: number): string | null {
  if (!Number.isSafeInteger(divisor) || divisor < 1) return null;
  const parsed = amounts.map(readDecimal);
  if (parsed.some((amount) => amount === null)) return null;
  const scale = Math.max(0, ...parsed.map((amount) => amount!.scale));
  const sum = parsed.reduce((total, amount) => total + amount!.units * 10n ** BigInt(scale - amount!.scale), 0n);
  // sum / 10^scale / divisor in minor units (10^digits), rounded half up: floor((2n + d) / 2d).
  const numerator = sum * 10n ** BigInt(digits);
  const denominator = 10n ** BigInt(scale) * BigInt(divisor);
  const minor = (2n * numerator + denominator) / (2n * denominator);
  if (digits === 0) return minor.toString();
  const text = minor.toString().padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
