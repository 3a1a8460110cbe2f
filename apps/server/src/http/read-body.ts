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

/** No provider nests deeper than a dozen levels; 64 leaves room and stops parser bombs. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in a JSON text, ignoring brackets inside strings; stops counting past `limit`. */
export function jsonDepth(raw: Uint8Array, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < raw.length; index++) {
    const byte = raw[index]!;
    if (inString) {
      if (byte === 0x5c)
        index++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return deepest;
}

/** Parses JSON strictly: malformed bytes or text give `invalid_json`, and so does nesting deeper than MAX_JSON_DEPTH. */
export function parseJson(raw: Uint8Array): unknown {
  if (jsonDepth(raw) > MAX_JSON_DEPTH) throw new DomainError("invalid_json", `the body nests deeper than ${MAX_JSON_DEPTH} levels`);
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
