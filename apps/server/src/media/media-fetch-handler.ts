import { mediaToFetch, recordMediaFailed, recordMediaStored, type JobHandler, type Services } from "@confirma/api";
import type { StoreFetch } from "@confirma/stores";
import type { Logger } from "../logging/logger.ts";
import { MediaFetchError } from "./download-media.ts";
import { mediaDurationSeconds } from "./media-duration.ts";
import type { MediaStore } from "./media-store.ts";
import { fetchProviderMedia, type MediaCredentials } from "./provider-media.ts";
import { sniffMediaType } from "./sniff-media.ts";

export interface MediaFetchDeps {
  services: Services;
  store: MediaStore;
  fetch: StoreFetch;
  credentials: MediaCredentials;
  maxBytes: number;
  logger: Logger;
}

/**
 * The `media_fetch` job (scheduled with the message by migration `media_fetch_trigger`): fetches
 * the file from the provider, checks its size and its sniffed type, stores it under a generated
 * name. A failure worth another try (the provider down, a 5xx, a time-out) is retried by the job
 * runner; a definite one (404, refused, too large, a type not allowed), or the last try, is
 * recorded on the message with its reason.
 */
export function mediaFetchHandler({ services, store, fetch, credentials, maxBytes, logger }: MediaFetchDeps): JobHandler {
  const { db } = services;
  return async (job, { final }) => {
    if (!job.messageId) return { status: "failed", error: "media job without its message" };
    const media = await mediaToFetch(db, job.messageId);
    if (media?.status !== "pending") return { status: "done" };
    try {
      const { bytes, contentType } = await fetchProviderMedia(media, { fetch, credentials, maxBytes });
      if (bytes.byteLength === 0) throw new MediaFetchError("not_found", "the provider sent an empty file", false);
      const mimeType = sniffMediaType(bytes, contentType);
      if (!mimeType)
        throw new MediaFetchError(
          "unsupported_type",
          `content is not an allowed image, audio, video or document (declared ${contentType ?? "nothing"})`,
          false,
        );
      const fileName = await store.write(bytes, mimeType);
      await recordMediaStored(db, media.messageId, {
        fileName,
        mimeType,
        sizeBytes: bytes.byteLength,
        durationSeconds: mediaDurationSeconds(bytes, mimeType),
        fetchedAt: services.now?.() ?? new Date(),
      });
      return { status: "done" };
    } catch (error) {
      if (!(error instanceof MediaFetchError)) {
        // Our own failure (the disk, the database): retried; the last try still says so on the message.
        if (final) await recordMediaFailed(db, media.messageId, "unreachable");
        throw error;
      }
      logger.warn("media fetch failed", {
        messageId: media.messageId,
        provider: media.provider,
        reason: error.reason,
        detail: error.message,
        final: final || !error.retry,
      });
      if (error.retry && !final) return { status: "retry", error: `${error.reason}: ${error.message}` };
      await recordMediaFailed(db, media.messageId, error.reason);
      return { status: "failed", error: `${error.reason}: ${error.message}` };
    }
  };
}
