import { storedMedia } from "@confirma/api";
import { DomainError } from "@confirma/api";
import { Hono } from "hono";
import type { AppDeps } from "../app-env.ts";
import { requireKeyOrSession } from "../http/require-key-or-session.ts";
import type { KeyedEnv } from "../http/require-integration-key.ts";
import type { MediaStore } from "./media-store.ts";
import { isInlineType, MEDIA_EXTENSIONS } from "./sniff-media.ts";

export const MEDIA_PATH = "/api/media";

/** One `bytes=a-b` range of a file of `size` bytes; null when absent or not satisfiable as one range. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

/**
 * `GET /api/media/:id`: the file of message `:id`, for signed-in users and the integration key.
 * Served with its sniffed type, `X-Content-Type-Options: nosniff` and a sandboxing CSP; images,
 * audio and video `inline`, anything else (documents) as an `attachment` under a generated name.
 * Byte ranges are honoured, so voice notes and videos seek. 404 `media_unavailable` while fetching
 * or after a failed fetch (`details.reason`), 410 `media_expired` after MEDIA_RETENTION.
 */
export function mediaRoutes(deps: AppDeps & { mediaStore: MediaStore }) {
  return new Hono<KeyedEnv>().use("*", requireKeyOrSession(deps.integrationKey, deps.services.db)).get("/:id", async (c) => {
    const id = c.req.param("id");
    if (id.length > 100) throw new DomainError("not_found", "No media with this id");
    const media = await storedMedia(deps.services.db, id);
    const path = deps.mediaStore.path(media.fileName);
    const file = path ? Bun.file(path) : null;
    if (!file || !(await file.exists())) throw new DomainError("media_unavailable", "The stored file is missing", { status: "failed", reason: "not_found" });
    const size = file.size;
    const inline = media.type !== "document" && isInlineType(media.mimeType);
    const downloadName = `confirma-${id.slice(-12).replace(/[^0-9a-zA-Z-]/g, "")}.${MEDIA_EXTENSIONS[media.mimeType] ?? "bin"}`;
    const headers: Record<string, string> = {
      "content-type": media.mimeType,
      "content-disposition": `${inline ? "inline" : "attachment"}; filename="${downloadName}"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, max-age=3600",
      "accept-ranges": "bytes",
    };
    const range = c.req.header("range") ? parseRange(c.req.header("range"), size) : null;
    if (c.req.header("range") && !range) return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${size}` } });
    if (range) {
      return new Response(file.slice(range.start, range.end + 1), {
        status: 206,
        headers: { ...headers, "content-range": `bytes ${range.start}-${range.end}/${size}`, "content-length": String(range.end - range.start + 1) },
      });
    }
    return new Response(file, { status: 200, headers: { ...headers, "content-length": String(size) } });
  });
}
