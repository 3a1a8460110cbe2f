import { jobs, messageMedia, messages, recordChanges, type Database, type Executor, type MediaStatus, type MessageMedia } from "@confirma/db";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { DomainError } from "../errors/domain-error.ts";

/** Message types whose file Confirma fetches and serves. */
export const MEDIA_MESSAGE_TYPES = ["image", "audio", "video", "document", "sticker"] as const;
export type MediaMessageType = (typeof MEDIA_MESSAGE_TYPES)[number];

export function isMediaType(type: string): type is MediaMessageType {
  return (MEDIA_MESSAGE_TYPES as readonly string[]).includes(type);
}

/**
 * Why a file could not be fetched or is gone; the dashboard says each in words.
 * `no_file`: the provider sent no id, URL or bytes; `not_found`: the provider no longer has it;
 * `too_large`, `unsupported_type`: refused by MEDIA_MAX_BYTES or the allowed types;
 * `no_credentials`: the provider's token is not configured; `refused`: the provider said 401/403
 * or the address is not public; `unreachable`: the provider kept failing.
 */
export const MEDIA_ERRORS = ["no_file", "not_found", "too_large", "unsupported_type", "no_credentials", "refused", "unreachable"] as const;
export type MediaError = (typeof MEDIA_ERRORS)[number];

/** What a message's API answer says of its file. `url` is Confirma's own address for it. */
export interface MediaView {
  url: string;
  type: string;
  mimeType: string | null;
  size: number | null;
  durationSeconds: number | null;
  caption: string | null;
  status: MediaStatus;
  error: string | null;
}

/** The provider's reference to a file, as the webhook parsers wrote it in `messages.media`. */
export interface MediaSource {
  id?: string;
  url?: string;
  mimeType?: string;
  caption?: string;
  /** The file's bytes, when the gateway sent them in the webhook (Evolution's `webhook_base64`). */
  base64?: string;
}

/** Confirma's address of a message's file (served by `GET /api/media/:id`). */
export function mediaPath(messageId: string): string {
  return `/api/media/${encodeURIComponent(messageId)}`;
}

function sourceOf(media: unknown): MediaSource {
  return typeof media === "object" && media !== null && !Array.isArray(media) ? (media as MediaSource) : {};
}

/** A message's `media` in API answers: null for a message without a file. */
export function toMediaView(message: { id: string; type: string; body: string; media: unknown }, row: MessageMedia | undefined): MediaView | null {
  if (!row) return null;
  const caption = sourceOf(message.media).caption ?? (message.body === "" ? null : message.body);
  return {
    url: mediaPath(message.id),
    type: message.type,
    mimeType: row.mimeType,
    size: row.sizeBytes,
    durationSeconds: row.durationSeconds,
    caption: message.type === "audio" || message.type === "sticker" ? null : caption,
    status: row.status,
    error: row.error,
  };
}

/** The media rows of these messages, by message id (one query). */
export async function mediaByMessage(tx: Executor, messageIds: readonly string[]): Promise<Map<string, MessageMedia>> {
  if (messageIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(messageMedia)
    .where(inArray(messageMedia.messageId, [...messageIds]));
  return new Map(rows.map((row) => [row.messageId, row]));
}

/**
 * The files of these messages as they are now, by message id (a message without a file is
 * absent). One query; what outbound webhooks read at each attempt.
 */
export async function mediaViewsOf(db: Executor, messageIds: readonly string[]): Promise<Map<string, MediaView>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .select({ message: { id: messages.id, type: messages.type, body: messages.body, media: messages.media }, file: messageMedia })
    .from(messages)
    .innerJoin(messageMedia, eq(messageMedia.messageId, messages.id))
    .where(inArray(messages.id, [...messageIds]));
  return new Map(
    rows.flatMap(({ message, file }) => {
      const view = toMediaView(message, file);
      return view ? [[message.id, view] as const] : [];
    }),
  );
}

/** What the fetch job needs: the provider, the message type and the provider's reference. */
export interface MediaToFetch {
  messageId: string;
  provider: string;
  type: string;
  source: MediaSource;
  status: MediaStatus;
}

export async function mediaToFetch(db: Database, messageId: string): Promise<MediaToFetch | null> {
  const [row] = await db
    .select({ messageId: messages.id, provider: messages.provider, type: messages.type, media: messages.media, status: messageMedia.status })
    .from(messages)
    .innerJoin(messageMedia, eq(messageMedia.messageId, messages.id))
    .where(eq(messages.id, messageId));
  return row ? { messageId: row.messageId, provider: row.provider, type: row.type, source: sourceOf(row.media), status: row.status } : null;
}

async function announceMessage(tx: Executor, messageId: string): Promise<void> {
  const [message] = await tx.select({ clientId: messages.clientId }).from(messages).where(eq(messages.id, messageId));
  if (message) await recordChanges(tx, [{ entity: "message", entityId: messageId, action: "updated", clientId: message.clientId }]);
}

/** Records the stored file (and drops bytes the webhook carried: the file holds them now). */
export async function recordMediaStored(
  db: Database,
  messageId: string,
  file: { fileName: string; mimeType: string; sizeBytes: number; durationSeconds: number | null; fetchedAt: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(messageMedia)
      .set({ status: "stored", error: null, ...file, updatedAt: sql`now()` })
      .where(eq(messageMedia.messageId, messageId));
    await tx
      .update(messages)
      .set({ media: sql`${messages.media} - 'base64'` })
      .where(and(eq(messages.id, messageId), sql`${messages.media} ? 'base64'`));
    await announceMessage(tx, messageId);
  });
}

/** Records why the file could not be fetched: shown with the message. */
export async function recordMediaFailed(db: Database, messageId: string, error: MediaError): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(messageMedia).set({ status: "failed", error, updatedAt: sql`now()` }).where(eq(messageMedia.messageId, messageId));
    await announceMessage(tx, messageId);
  });
}

/**
 * The stored file of a message, for serving. Throws `not_found` for an unknown message or one
 * without a file, `media_expired` once retention deleted it, `media_unavailable` while it is
 * being fetched or when the fetch failed (`details.reason`).
 */
export async function storedMedia(db: Database, messageId: string): Promise<MessageMedia & { type: string; fileName: string; mimeType: string }> {
  const [row] = await db
    .select({ media: messageMedia, type: messages.type })
    .from(messageMedia)
    .innerJoin(messages, eq(messages.id, messageMedia.messageId))
    .where(eq(messageMedia.messageId, messageId));
  if (!row) throw new DomainError("not_found", "No media with this id");
  const { media } = row;
  if (media.status === "expired") throw new DomainError("media_expired", "This file was deleted after the retention period (MEDIA_RETENTION)");
  if (media.status !== "stored" || media.fileName === null || media.mimeType === null) {
    throw new DomainError(
      "media_unavailable",
      media.status === "pending" ? "This file is still being fetched from the provider" : "This file could not be fetched from the provider",
      { status: media.status, reason: media.error },
    );
  }
  return { ...media, type: row.type, fileName: media.fileName, mimeType: media.mimeType };
}

/** Stored files fetched before `before`, oldest first: what retention deletes next. */
export async function mediaPastRetention(db: Database, before: Date, limit = 500): Promise<{ messageId: string; fileName: string }[]> {
  const rows = await db
    .select({ messageId: messageMedia.messageId, fileName: messageMedia.fileName })
    .from(messageMedia)
    .where(and(eq(messageMedia.status, "stored"), lt(messageMedia.fetchedAt, before)))
    .orderBy(asc(messageMedia.fetchedAt))
    .limit(limit);
  return rows.flatMap((row) => (row.fileName ? [{ messageId: row.messageId, fileName: row.fileName }] : []));
}

/** Marks files as deleted by retention (after the files themselves are gone). */
export async function recordMediaExpired(db: Database, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await db
    .update(messageMedia)
    .set({ status: "expired", error: null, fileName: null, updatedAt: sql`now()` })
    .where(and(inArray(messageMedia.messageId, [...messageIds]), eq(messageMedia.status, "stored")));
}

/** Which of these file names a message still holds (the others belong to deleted messages). */
export async function mediaFileNamesInUse(db: Database, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db
    .select({ fileName: messageMedia.fileName })
    .from(messageMedia)
    .where(inArray(messageMedia.fileName, [...names]));
  return new Set(rows.flatMap((row) => (row.fileName ? [row.fileName] : [])));
}

/** The fetch job of a message (tests wait on it). */
export async function mediaFetchJob(db: Database, messageId: string) {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, "media_fetch"), eq(jobs.messageId, messageId)));
  return job ?? null;
}
