import { PassThrough } from "node:stream";
import { currencyDigits } from "@confirma/domain";
import ExcelJS from "exceljs";
import type { ExportCell } from "./export-columns.ts";
import type { LocalTime } from "./local-time.ts";

/** Bytes of finished file allowed to wait for the reader before the writer stops producing rows. */
const BUFFERED_BYTES = 1 << 20;
const DATE_FORMAT = "yyyy-mm-dd hh:mm";

/** `#,##0.00 "EUR"`: the amount stays a number, shown with its currency and the currency's decimals. */
export function moneyFormat(currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  const safe = currency.replace(/[^A-Z]/g, "");
  return `#,##0${digits > 0 ? `.${"0".repeat(digits)}` : ""} "${safe}"`;
}

/**
 * Orders as an XLSX workbook, written row by row with ExcelJS's streaming writer: each row is
 * committed (serialised and zipped) as it is added, strings are inline (no shared-strings table
 * kept in memory), so the memory used does not grow with the number of rows. Cells are typed:
 * phone numbers and every other text are strings (never a number, no `'`), amounts numbers with
 * a currency format, dates real dates in the export's time zone.
 */
export class OrdersXlsxWriter {
  /** The file's bytes as they are produced. */
  readonly output = new PassThrough({ highWaterMark: BUFFERED_BYTES });
  readonly #workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  readonly #sheet: ExcelJS.Worksheet;
  readonly #time: LocalTime;
  readonly #formats = new Map<string, string>();

  constructor({ sheetName, headers, widths, time }: { sheetName: string; headers: readonly string[]; widths: readonly number[]; time: LocalTime }) {
    this.#time = time;
    this.#workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.output, useStyles: true, useSharedStrings: false });
    this.#workbook.creator = "Confirma";
    this.#sheet = this.#workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
    this.#sheet.columns = headers.map((header, index) => ({ header, width: widths[index] ?? 14 }));
    this.#sheet.getRow(1).font = { bold: true };
    this.#sheet.getRow(1).commit();
  }

  /** Adds one row and hands it to the zip stream. */
  addRow(cells: readonly ExportCell[]): void {
    const row = this.#sheet.addRow(cells.map((cell) => this.#value(cell)));
    cells.forEach((cell, index) => {
      if (cell.kind === "date") row.getCell(index + 1).numFmt = DATE_FORMAT;
      else if (cell.kind === "money") row.getCell(index + 1).numFmt = this.#moneyFormat(cell.currency);
    });
    row.commit();
  }

  /** Waits while the reader is behind, so unread bytes stay bounded. */
  async drained(): Promise<void> {
    // Let the zip and deflate streams move what the rows produced into `output`.
    await new Promise((resolve) => setImmediate(resolve));
    while (!this.output.destroyed && this.output.readableLength + this.output.writableLength >= BUFFERED_BYTES) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Finishes the sheet and the workbook; `output` ends after the last byte. */
  async finish(): Promise<void> {
    this.#sheet.commit();
    await this.#workbook.commit();
  }

  #value(cell: ExportCell): string | number | Date {
    switch (cell.kind) {
      case "text":
      case "phone":
        return cell.value;
      case "date":
        return this.#time.wallClock(cell.value);
      case "money":
        return cell.value;
    }
  }

  #moneyFormat(currency: string): string {
    let format = this.#formats.get(currency);
    if (!format) this.#formats.set(currency, (format = moneyFormat(currency)));
    return format;
  }
}
