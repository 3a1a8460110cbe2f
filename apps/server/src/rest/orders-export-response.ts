import type { OrdersExport } from "@confirma/api";

/** A download: the file streams as it is produced, never cached, named for the browser. */
export function ordersExportResponse(file: OrdersExport): Response {
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
