/**
 * Money rules shared by the server and the dashboard: amounts travel as decimals (109.97) and are
 * stored and summed as exact integer minor units (10997). A price with more decimals than its
 * currency has is refused, never rounded.
 */

/** Upper bound for one price, in major units: keeps every total an exact safe integer. */
export const MAX_PRICE = 10_000_000;

/** Why an amount is not an exact price: the server answers `invalid_currency` or `invalid_price`. */
export type PriceProblem = "unknown_currency" | "out_of_range" | "not_decimal" | "too_precise";
export type ExactMinorUnits = { ok: true; minor: number } | { ok: false; problem: PriceProblem };

const digitsCache = new Map<string, number>();
let knownCurrencies: ReadonlySet<string> | null | undefined;

/** Minor-unit digits of an ISO 4217 currency (EUR 2, XOF 0, TND 3); null for a code the runtime does not know. */
export function currencyDigits(currency: string): number | null {
  const cached = digitsCache.get(currency);
  if (cached !== undefined) return cached;
  // Built on first use, not at load: the dashboard's first page does not pay for it.
  knownCurrencies ??= typeof Intl.supportedValuesOf === "function" ? new Set(Intl.supportedValuesOf("currency")) : null;
  if (knownCurrencies && !knownCurrencies.has(currency)) return null;
  let digits: number;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return null;
  }
  digitsCache.set(currency, digits);
  return digits;
}

/** A plain decimal spelling with at least one digit: `29`, `29.99`, `29.`, `.5`. */
const DECIMAL = /^(?=\.?\d)(\d*)(?:\.(\d*))?$/;

function decimalToMinor(spelled: string, digits: number): ExactMinorUnits {
  const match = DECIMAL.exec(spelled);
  if (!match) return { ok: false, problem: "not_decimal" };
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return { ok: false, problem: "too_precise" };
  const minor = Number(match[1] || "0") * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return minor > MAX_PRICE * 10 ** digits ? { ok: false, problem: "out_of_range" } : { ok: true, minor };
}

/**
 * An amount as exact integer minor units, or why it is not one (`29.99` EUR → 2999; `29.999` EUR
 * → `too_precise`; `-1` → `out_of_range`). Works on the number's shortest decimal spelling, so
 * no binary rounding leaks in: `0.1 + 0.2` is `too_precise`, not 30.
 */
export function exactMinorUnits(amount: number, currency: string): ExactMinorUnits {
  const digits = currencyDigits(currency);
  if (digits === null) return { ok: false, problem: "unknown_currency" };
  if (!Number.isFinite(amount) || amount < 0 || amount > MAX_PRICE) return { ok: false, problem: "out_of_range" };
  return decimalToMinor(amount.toString(), digits);
}

/**
 * Reads a price typed by a person, with a comma or a dot ("29,99", "29.99", "1 200"), into minor
 * units of `currency`, by the same rule as `exactMinorUnits`. Null when the server would refuse it.
 */
export function parseAmountToMinor(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  if (digits === null) return null;
  const result = decimalToMinor(text.replace(/[\s\u00a0\u202f]/g, "").replace(",", "."), digits);
  return result.ok ? result.minor : null;
}

/** Minor units back to a decimal number for JSON (2999 EUR → 29.99), exact for every safe integer. Throws a RangeError for an unknown currency. */
export function fromMinorUnits(minor: number, currency: string): number {
  const digits = currencyDigits(currency);
  if (digits === null) throw new RangeError(`unknown currency \`${currency}\``);
  if (digits === 0) return minor;
  const sign = minor < 0 ? "-" : "";
  const text = Math.abs(minor)
    .toString()
    .padStart(digits + 1, "0");
  return Number(`${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`);
}

/**
 * Minor units as an exact decimal string, for sums that may pass the safe-integer range
 * (`10997n` EUR → `"109.97"`, `-5n` EUR → `"-0.05"`, `1500n` XOF → `"1500"`). Throws a
 * RangeError for an unknown currency.
 */
export function minorUnitsToDecimalString(minor: bigint | number | string, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === null) throw new RangeError(`unknown currency \`${currency}\``);
  const value = BigInt(minor);
  const sign = value < 0n ? "-" : "";
  const text = (value < 0n ? -value : value).toString().padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
