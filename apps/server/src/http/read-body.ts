import { DomainError } from "@confirma/api";

/** Largest body any route accepts. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the raw request body, refusing with `payload_too_large` as soon as it passes `limit`
 * (declared or streamed), so an oversized body is never buffered whole.
 */
export async function readRawBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > limit) throw new DomainError("payload_too_large", `the body is larger than ${limit} bytes`);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new DomainError("payload_too_large", `the body is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Parses JSON strictly: malformed bytes or text give `invalid_json`. */
export function parseJson(raw: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw new DomainError("invalid_json", "the body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("invalid_json", "the body is not valid JSON");
  }
}

/** Reads and parses a JSON request body, with the size limit and a clear error for other media types. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type");
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type) && !/^text\/plain\b/i.test(type)) {
    throw new DomainError("unsupported_media_type", `send JSON (Content-Type: application/json), not ${type.split(";")[0]}`);
  }
  return parseJson(await readRawBody(request, limit));
}
