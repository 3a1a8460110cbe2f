import { currencyDigits } from "@confirma/domain";
import type { ExportCell } from "./export-columns.ts";
import type { LocalTime } from "./local-time.ts";

/** UTF-8 byte-order mark, `;` and CRLF: what a French Excel opens cleanly. */
export const CSV_BOM = "\uFEFF";
const SEPARATOR = ";";
const NEWLINE = "\r\n";

/**
 * A text cell as a spreadsheet must read it: quoted when it holds the separator, a quote or a
 * line break (quotes doubled), and prefixed with `'` when it starts like a formula
 * (`=`, `+`, `-`, `@`, tab, carriage return), so a customer's name never runs in Excel.
 */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/**
 * A phone number as a cell. An E.164 number (`+` then digits) is no formula, but spreadsheets read
 * it as the number 33612345678, quoted or not (plus dropped; Excel shows 12 digits as 2,12612E+11),
 * and the formula guard's `'` stays visible in a CSV. So it is written as the text formula
 * `="+33612345678"` (CSV-quoted), which Excel, Google Sheets and LibreOffice show as the text
 * +33612345678; built from digits only, it runs nothing. Anything else is a guarded text cell.
 */
export function csvPhone(phone: string): string {
  return /^\+\d{1,15}$/.test(phone) ? `"=""${phone}"""` : csvCell(phone);
}

/** 109.97 → "109,97": a decimal comma and the currency's decimals, no grouping (French Excel reads it as a number). */
export function csvAmount(amount: number, currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  return amount.toFixed(digits).replace(".", ",");
}

/** One CSV line (with its line end) for these cells, dates in the export's time zone. */
export function csvLine(cells: readonly ExportCell[], time: LocalTime): string {
  const written = cells.map((cell) => {
    switch (cell.kind) {
      case "text":
        return csvCell(cell.value);
      case "phone":
        return csvPhone(cell.value);
      case "date":
        return csvCell(time.text(cell.value));
      case "money":
        return csvAmount(cell.value, cell.currency);
    }
  });
  return written.join(SEPARATOR) + NEWLINE;
}

/** The header line: column names as text cells. */
export function csvHeader(headers: readonly string[]): string {
  return headers.map(csvCell).join(SEPARATOR) + NEWLINE;
}
