import { exactMinorUnits, fromMinorUnits } from "@confirma/domain";

/**
 * Sums amounts per currency, exactly (minor units, by the server's rule), in the order currencies
 * first appear. An amount the server would refuse as a price is an error here too, never rounded.
 */
export function totalsByCurrency(rows: readonly { total: number; currency: string }[]): { currency: string; total: number }[] {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const exact = exactMinorUnits(row.total, row.currency);
    if (!exact.ok) throw new RangeError(`${row.total} ${row.currency} is not an exact amount (${exact.problem})`);
    sums.set(row.currency, (sums.get(row.currency) ?? 0) + exact.minor);
  }
  return [...sums].map(([currency, minor]) => ({ currency, total: fromMinorUnits(minor, currency) }));
}
