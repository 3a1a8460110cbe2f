/** Money helpers: amounts travel as decimals (109.97) and are summed in integer minor units. */

const digitsCache = new Map<string, number>();

/** How many decimals a currency has (EUR 2, XOF 0, TND 3). Unknown codes count as 2. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** 109.97 EUR → 10997. */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** currencyDigits(currency));
}

/** 10997 EUR → 109.97. */
export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/**
 * Reads a price typed by a person, with a comma or a dot ("29,99", "29.99", "1 200"), into
 * minor units of `currency`. Null when it is not a non-negative amount with at most the
 * currency's decimals.
 */
export function parseAmountToMinor(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^\d+(\.\d*)?$/.test(cleaned) && !/^\.\d+$/.test(cleaned)) return null;
  const [whole = "0", fraction = ""] = cleaned.split(".");
  const digits = currencyDigits(currency);
  if (fraction.length > digits) return null;
  const minor = Number(whole || "0") * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Sums amounts per currency, exactly (minor units), in the order currencies first appear. */
export function totalsByCurrency(rows: readonly { total: number; currency: string }[]): { currency: string; total: number }[] {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(row.currency, (sums.get(row.currency) ?? 0) + toMinorUnits(row.total, row.currency));
  return [...sums].map(([currency, minor]) => ({ currency, total: fromMinorUnits(minor, currency) }));
}
