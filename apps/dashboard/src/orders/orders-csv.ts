import { currencyDigits } from "@confirma/domain";
import type { Order } from "../api/types.ts";
import { orderNumber } from "../format/format.ts";
import type { MessageKey } from "../i18n/translate.ts";

/** What a CSV export needs from the UI: labels in the user's language. */
export interface CsvLabels {
  label: (key: MessageKey) => string;
  status: (status: Order["status"]) => string;
}

const BOM = "\uFEFF";
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

/** A local date and time `2025-11-25 17:33`, which Excel recognises. */
export function csvDateTime(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The orders as a CSV file that opens cleanly in a French Excel: UTF-8 with a byte-order mark,
 * `;` between cells, decimal commas, CRLF line ends, quotes escaped, formulas neutralised. The
 * order reads `#74A1CE` as on screen, its store and the store's number (`#1001`) come before the
 * full id in the last column; the status has its own date ("confirmed on"), next to the creation date.
 */
export function ordersCsv(orders: readonly Order[], labels: CsvLabels): string {
  const header = [
    "csv.date",
    "csv.orderId",
    "csv.client",
    "csv.phone",
    "csv.status",
    "csv.statusDate",
    "csv.total",
    "csv.currency",
    "csv.products",
    "csv.needsReview",
    "csv.store",
    "csv.externalNumber",
    "csv.id",
  ] as const;
  const rows = orders.map((order) =>
    [
      csvCell(csvDateTime(order.createdAt)),
      csvCell(orderNumber(order.id)),
      csvCell(order.client?.name ?? ""),
      csvPhone(order.client?.phoneNumber ?? ""),
      csvCell(labels.status(order.status)),
      csvCell(csvDateTime(order.statusChangedAt ?? order.createdAt)),
      csvAmount(order.total, order.currency),
      csvCell(order.currency),
      csvCell(order.products.map((product) => `${product.quantity} × ${product.name}`).join(", ")),
      csvCell(labels.label(order.needsReview ? "csv.yes" : "csv.no")),
      csvCell(order.store?.name ?? ""),
      csvCell(order.externalNumber ?? ""),
      csvCell(order.id),
    ].join(SEPARATOR),
  );
  return BOM + [header.map((key) => csvCell(labels.label(key))).join(SEPARATOR), ...rows].join(NEWLINE) + NEWLINE;
}

/** `commandes-2025-11-25.csv` */
export function csvFileName(base: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${base}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
