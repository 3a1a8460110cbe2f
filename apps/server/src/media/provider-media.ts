import type { MediaToFetch } from "@confirma/api";
import type { StoreFetch } from "@confirma/stores";
import { downloadMedia, failureOf, MediaFetchError, type Downloaded } from "./download-media.ts";

/** The provider credentials a media download may need (from the configuration). */
export interface MediaCredentials {
  graphUrl: string;
  graphVersion: string;
  metaAccessToken?: string | undefined;
  twilioAccountSid?: string | undefined;
  twilioAuthToken?: string | undefined;
  wahaApiKey?: string | undefined;
}

interface FetchOptions {
  fetch: StoreFetch;
  credentials: MediaCredentials;
  maxBytes: number;
}

/**
 * Gets a message's file the way its provider serves it:
 * - Meta Cloud API: `GET {graph}/{version}/{media-id}` with the access token answers
 *   `{ url, mime_type, sha256, file_size, id }`; the `url` is fetched with the same token.
 * - Twilio: `MediaUrl0`, with HTTP basic auth (account SID, auth token) when the token is set
 *   (the SID from TWILIO_ACCOUNT_SID, else from the URL's `/Accounts/AC…/` path).
 * - Evolution: the bytes it sent (`webhook_base64`) or its `mediaUrl`; WAHA: `media.url`
 *   (with `X-Api-Key` when WAHA_API_KEY is set); Green API: `downloadUrl`.
 */
export async function fetchProviderMedia(media: MediaToFetch, { fetch, credentials, maxBytes }: FetchOptions): Promise<Downloaded> {
  const { source, provider } = media;
  if (source.base64) {
    const bytes = Uint8Array.from(Buffer.from(source.base64, "base64"));
    if (bytes.byteLength > maxBytes) throw new MediaFetchError("too_large", `over MEDIA_MAX_BYTES (${maxBytes})`, false);
    return { bytes, contentType: source.mimeType };
  }
  if (provider === "meta" && source.id && !source.url) return fetchMetaMedia(source.id, { fetch, credentials, maxBytes });
  if (!source.url) throw new MediaFetchError("no_file", "the provider sent no file", false);
  const headers: Record<string, string> = {};
  if (provider === "meta") {
    if (!credentials.metaAccessToken) throw new MediaFetchError("no_credentials", "WHATSAPP_ACCESS_TOKEN is not set", false);
    headers.authorization = `Bearer ${credentials.metaAccessToken}`;
  }
  if (provider === "twilio" && credentials.twilioAuthToken) {
    const sid = credentials.twilioAccountSid ?? /\/Accounts\/(AC[0-9a-fA-F]{32})\//.exec(source.url)?.[1];
    if (sid) headers.authorization = `Basic ${Buffer.from(`${sid}:${credentials.twilioAuthToken}`).toString("base64")}`;
  }
  if (provider === "waha" && credentials.wahaApiKey) headers["x-api-key"] = credentials.wahaApiKey;
  const downloaded = await downloadMedia(fetch, source.url, { headers, maxBytes });
  return { bytes: downloaded.bytes, contentType: source.mimeType ?? downloaded.contentType };
}

async function fetchMetaMedia(mediaId: string, { fetch, credentials, maxBytes }: FetchOptions): Promise<Downloaded> {
  const token = credentials.metaAccessToken;
  if (!token) throw new MediaFetchError("no_credentials", "WHATSAPP_ACCESS_TOKEN is not set", false);
  const authorization = { authorization: `Bearer ${token}` };
  const lookupUrl = `${credentials.graphUrl.replace(/\/+$/, "")}/${credentials.graphVersion}/${encodeURIComponent(mediaId)}`;
  let described: { url?: unknown; mime_type?: unknown; file_size?: unknown };
  try {
    const response = await fetch(lookupUrl, { method: "GET", headers: authorization });
    if (!response.ok) {
      await response.body?.cancel();
      // The Graph API says 400 (code 100) for a media id it no longer knows: media URLs and ids expire.
      throw response.status === 400
        ? new MediaFetchError("not_found", "the Graph API does not know this media id", false)
        : failureOf(response.status, "the Graph API");
    }
    described = (await response.json()) as typeof described;
  } catch (error) {
    if (error instanceof MediaFetchError) throw error;
    if (error instanceof Error && error.name === "OutboundRefusedError") throw new MediaFetchError("refused", error.message, false);
    throw new MediaFetchError("unreachable", error instanceof Error ? error.message : String(error), true);
  }
  if (typeof described.url !== "string") throw new MediaFetchError("unreachable", "the Graph API answered without a media URL", true);
  const declaredSize = Number(described.file_size);
  if (Number.isFinite(declaredSize) && declaredSize > maxBytes) {
    throw new MediaFetchError("too_large", `${declaredSize} bytes, over MEDIA_MAX_BYTES (${maxBytes})`, false);
  }
  const downloaded = await downloadMedia(fetch, described.url, { headers: authorization, maxBytes });
  return { bytes: downloaded.bytes, contentType: typeof described.mime_type === "string" ? described.mime_type : downloaded.contentType };
}
