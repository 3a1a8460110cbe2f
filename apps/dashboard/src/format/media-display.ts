import type { MessageKey } from "../i18n/translate.ts";

/** What the API says of a message's file (`media` on messages and on review replies). */
export interface MediaInfo {
  url: string;
  type: string;
  mimeType: string | null;
  size: number | null;
  durationSeconds: number | null;
  caption: string | null;
  status: "pending" | "stored" | "failed" | "expired";
  error: string | null;
}

const REASONS = new Set(["no_file", "not_found", "too_large", "unsupported_type", "no_credentials", "refused", "unreachable"]);

/** The translation key of why a file could not be fetched. */
export function mediaReasonKey(reason: string | null): MessageKey {
  return (reason && REASONS.has(reason) ? `media.reason.${reason}` : "media.reason.unknown") as MessageKey;
}

/** `65` → `1:05`: a voice note's length as players show it. */
export function formatMediaDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** `123456` → `121 Ko` / `121 KB`. */
export function formatFileSize(bytes: number, locale: "fr" | "en"): string {
  const units = locale === "fr" ? ["o", "Ko", "Mo", "Go"] : ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** How a stored file shows: a player, a picture, or a download link (anything else, and documents). */
export function mediaPresentation(media: Pick<MediaInfo, "type" | "mimeType">): "audio" | "image" | "video" | "download" {
  const mime = media.mimeType ?? "";
  if (media.type === "document") return "download";
  if (mime.startsWith("audio/")) return "audio";
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("video/")) return "video";
  return "download";
}
