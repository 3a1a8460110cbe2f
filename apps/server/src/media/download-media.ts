import { OutboundRefusedError, type StoreFetch } from "@confirma/stores";
import type { MediaError } from "@confirma/api";

/** A download that did not give a file: `retry` when trying again later may work. */
export class MediaFetchError extends Error {
  constructor(
    readonly reason: MediaError,
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
    this.name = "MediaFetchError";
  }
}

export interface Downloaded {
  bytes: Uint8Array;
  contentType: string | undefined;
}

const MAX_REDIRECTS = 3;

/** Failures by HTTP status: gone for good, refused for good, or worth another try. */
export function failureOf(status: number, what: string): MediaFetchError {
  if (status === 404 || status === 410) return new MediaFetchError("not_found", `${what} answered ${status}`, false);
  if (status === 401 || status === 403) return new MediaFetchError("refused", `${what} answered ${status}`, false);
  if (status === 413) return new MediaFetchError("too_large", `${what} answered ${status}`, false);
  return new MediaFetchError("unreachable", `${what} answered ${status}`, status === 408 || status === 429 || status >= 500);
}

/**
 * GETs a provider URL through the outbound guard (private networks, time limit) and reads at most
 * `maxBytes`. Redirects are followed (Twilio's media answers with one to its CDN), at most three,
 * each target checked by the guard again; `headers` (the provider's credentials) go only to the
 * first URL's origin, never to where it redirects.
 */
export async function downloadMedia(
  fetch: StoreFetch,
  url: string,
  { headers = {}, maxBytes }: { headers?: Record<string, string>; maxBytes: number },
): Promise<Downloaded> {
  let target = url;
  const origin = new URL(url).origin;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(target, { method: "GET", headers: new URL(target).origin === origin ? headers : {} });
    } catch (error) {
      if (error instanceof OutboundRefusedError) throw new MediaFetchError("refused", error.message, false);
      throw new MediaFetchError("unreachable", error instanceof Error ? error.message : String(error), true);
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new MediaFetchError("unreachable", "too many redirects", false);
      target = new URL(response.headers.get("location")!, target).toString();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw failureOf(response.status, "the provider");
    }
    const declaredLength = Number(response.headers.get("content-length") ?? "");
    if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
      await response.body?.cancel();
      throw new MediaFetchError("too_large", `${declaredLength} bytes, over MEDIA_MAX_BYTES (${maxBytes})`, false);
    }
    return { bytes: await readAtMost(response, maxBytes), contentType: response.headers.get("content-type") ?? undefined };
  }
}

/** Reads a body, stopping as soon as it passes `maxBytes` (a lying or missing Content-Length included). */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new MediaFetchError("too_large", `over MEDIA_MAX_BYTES (${maxBytes})`, false);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof MediaFetchError) throw error;
    throw new MediaFetchError("unreachable", error instanceof Error ? error.message : String(error), true);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
