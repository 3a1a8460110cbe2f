import { nowOf, type Services } from "../../context.ts";
import type { OrderFilters } from "../order-schemas.ts";
import { EXPORT_COLUMNS, exportHeaders, exportRow } from "./export-columns.ts";
import type { ExportOrdersInput } from "./export-schemas.ts";
import { LocalTime } from "./local-time.ts";
import { orderBatches } from "./order-batches.ts";
import { CSV_BOM, csvHeader, csvLine } from "./orders-csv.ts";
import { OrdersXlsxWriter } from "./orders-xlsx.ts";

export interface OrdersExport {
  fileName: string;
  contentType: string;
  /** The file, produced as it is read: a reader that stops reading stops the database reads too. */
  body: ReadableStream<Uint8Array>;
}

const COLUMN_WIDTHS: Partial<Record<(typeof EXPORT_COLUMNS)[number], number>> = {
  createdAt: 17,
  number: 10,
  client: 22,
  phone: 16,
  statusDate: 17,
  total: 14,
  currency: 8,
  products: 40,
  city: 16,
  address: 36,
  store: 16,
  id: 38,
};

/**
 * Every order matching the filters (not a page) as an XLSX workbook or a CSV file that opens
 * cleanly in a French Excel. Read from the database in batches and written as it goes, so a
 * 100,000-order export holds about one batch in memory.
 */
export function exportOrders(services: Pick<Services, "db" | "now">, input: ExportOrdersInput): OrdersExport {
  const { format, lang, tz, ...filters } = input;
  const time = new LocalTime(tz);
  const day = time.text(nowOf(services)).slice(0, 10);
  const base = `${lang === "fr" ? "commandes" : "orders"}-${day}`;
  if (format === "csv") {
    return { fileName: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: csvStream(services, filters, lang, time) };
  }
  return {
    fileName: `${base}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: xlsxStream(services, filters, lang, time),
  };
}

function csvStream(services: Pick<Services, "db">, filters: OrderFilters, lang: ExportOrdersInput["lang"], time: LocalTime): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = orderBatches(services, filters);
  let started = false;
  // Pulled: the next batch is read only when the reader wants more bytes.
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(CSV_BOM + csvHeader(exportHeaders(lang))));
          return;
        }
        const next = await batches.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map((order) => csvLine(exportRow(order, lang), time)).join("")));
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

function xlsxStream(services: Pick<Services, "db">, filters: OrderFilters, lang: ExportOrdersInput["lang"], time: LocalTime): ReadableStream<Uint8Array> {
  const writer = new OrdersXlsxWriter({
    sheetName: lang === "fr" ? "Commandes" : "Orders",
    headers: exportHeaders(lang),
    widths: EXPORT_COLUMNS.map((column) => COLUMN_WIDTHS[column] ?? 12),
    time,
  });
  const produce = async () => {
    for await (const batch of orderBatches(services, filters)) {
      if (writer.output.destroyed) return; // the reader went away
      for (const order of batch) writer.addRow(exportRow(order, lang));
      await writer.drained();
    }
    await writer.finish();
  };
  produce().catch((error: unknown) => writer.output.destroy(error instanceof Error ? error : new Error(String(error))));
  const chunks: AsyncIterator<Uint8Array> = writer.output[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}
