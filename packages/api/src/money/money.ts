import { currencyDigits as knownCurrencyDigits, exactMinorUnits, fromMinorUnits as exactDecimal, MAX_PRICE } from "@confirma/domain";
import { DomainError } from "../errors/domain-error.ts";

/** Minor-unit digits of an ISO 4217 currency: EUR 2, XOF 0, TND 3. Throws `invalid_currency`. */
export function currencyDigits(currency: string): number {
  const digits = knownCurrencyDigits(currency);
  if (digits === null) throw new DomainError("invalid_currency", `unknown currency \`${currency}\``);
  return digits;
}

/**
 * Converts a decimal amount to exact integer minor units, refusing anything that cannot be
 * represented exactly (`29.99` EUR → 2999; `29.999` EUR → `invalid_price`; negative → `invalid_price`).
 * The rule is `exactMinorUnits` (@confirma/domain), which the dashboard applies to typed prices too.
 */
export function toMinorUnits(amount: number, currency: string): number {
  const result = exactMinorUnits(amount, currency);
  if (result.ok) return result.minor;
  switch (result.problem) {
    case "unknown_currency":
      throw new DomainError("invalid_currency", `unknown currency \`${currency}\``);
    case "out_of_range":
      throw new DomainError("invalid_price", `price must be between 0 and ${MAX_PRICE}`);
    case "not_decimal":
      throw new DomainError("invalid_price", `price ${amount.toString()} is not a plain decimal`);
    case "too_precise":
      throw new DomainError("invalid_price", `price ${amount.toString()} has more than ${currencyDigits(currency)} decimal(s) for ${currency}`);
  }
}

/** Minor units back to a decimal number for JSON (2999 → 29.99), exact for every safe integer total. */
export function fromMinorUnits(minor: number, currency: string): number {
  currencyDigits(currency);
  return exactDecimal(minor, currency);
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
