import { DomainError } from "@confirma/api";
import { readRawBody } from "../http/read-body.ts";

const TEXT_TYPES = ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "text/tab-separated-values"];

/**
 * The file of `POST /api/orders/status-import`: the CSV as the body (`text/csv`, `text/plain`),
 * or the first file of a `multipart/form-data` upload. UTF-8, at most 1 MiB like every body.
 */
export async function readStatusImportBody(request: Request): Promise<string> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const raw = await readRawBody(request);
  let bytes: Uint8Array = raw;
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(raw), { headers: { "content-type": request.headers.get("content-type")! } }).formData();
    } catch {
      throw new DomainError("invalid_input", "the multipart body could not be read");
    }
    const file = ([...form.values()] as unknown[]).find((value): value is Blob => value instanceof Blob);
    if (!file) throw new DomainError("missing_field", "attach the CSV file (any field name)");
    bytes = new Uint8Array(await file.arrayBuffer());
  } else if (!TEXT_TYPES.includes(type)) {
    throw new DomainError("unsupported_media_type", `send the CSV as text/csv (or multipart/form-data), not ${type || "no content type"}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("invalid_input", "the file is not UTF-8 text (save it as CSV UTF-8)");
  }
}
