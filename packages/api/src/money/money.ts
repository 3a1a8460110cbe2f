import { DomainError } from "../errors/domain-error.ts";

const digitsCache = new Map<string, number>();
const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

/** Minor-unit digits of an ISO 4217 currency: EUR 2, XOF 0, TND 3. Throws `invalid_currency`. */
export function currencyDigits(currency: string): number {
  const cached = digitsCache.get(currency);
  if (cached !== undefined) return cached;
  if (!knownCurrencies.has(currency)) throw new DomainError("invalid_currency", `unknown currency \`${currency}\``);
  let digits: number;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw new DomainError("invalid_currency", `unknown currency \`${currency}\``);
  }
  digitsCache.set(currency, digits);
  return digits;
}

/** Upper bound for one price, in major units: keeps every total an exact safe integer. */
const MAX_PRICE = 10_000_000;

/**
 * Converts a decimal amount to exact integer minor units, refusing anything that cannot be
 * represented exactly (`29.99` EUR → 2999; `29.999` EUR → `invalid_price`; negative → `invalid_price`).
 * Works on the number's shortest decimal spelling, so no binary rounding leaks in.
 */
export function toMinorUnits(amount: number, currency: string): number {
  const digits = currencyDigits(currency);
  if (!Number.isFinite(amount) || amount < 0 || amount > MAX_PRICE) {
    throw new DomainError("invalid_price", `price must be between 0 and ${MAX_PRICE}`);
  }
  const spelled = amount.toString();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(spelled);
  if (!match) throw new DomainError("invalid_price", `price ${spelled} is not a plain decimal`);
  const fraction = match[2] ?? "";
  if (fraction.length > digits) {
    throw new DomainError("invalid_price", `price ${spelled} has more than ${digits} decimal(s) for ${currency}`);
  }
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

/** Minor units back to a decimal number for JSON (2999 → 29.99), exact for every safe integer total. */
export function fromMinorUnits(minor: number, currency: string): number {
  const digits = currencyDigits(currency);
  if (digits === 0) return minor;
  const sign = minor < 0 ? "-" : "";
  const text = Math.abs(minor).toString().padStart(digits + 1, "0");
  return Number(`${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`);
}

export interface PricedLine {
  unitPriceMinor: number;
  quantity: number;
}

/** Sum of price × quantity in minor units; integer arithmetic only. */
export function orderTotalMinor(lines: readonly PricedLine[]): number {
  const total = lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  if (!Number.isSafeInteger(total)) throw new DomainError("invalid_price", "order total is too large");
  return total;
}
