import { messages, type Message, type MessageMedia } from "@confirma/db";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { idInput, listLimit } from "../input/common-schemas.ts";
import type { Services } from "../context.ts";
import { getClientRow } from "../clients/client-service.ts";
import { decodeCursor, toPage, type Page } from "../pagination/cursor.ts";
import { isMediaType, mediaByMessage, toMediaView, type MediaView } from "../media/media-service.ts";

export const listMessagesInput = z.strictObject({
  clientId: idInput,
  limit: listLimit,
  cursor: z.string().max(200).optional(),
});

export interface MessageView {
  id: string;
  clientId: string;
  direction: Message["direction"];
  type: string;
  body: string;
  provider: string;
  providerMessageId: string | null;
  status: Message["status"];
  errorCode: string | null;
  errorReason: string | null;
  intent: Message["intent"];
  intentRule: string | null;
  buttonPayload: string | null;
  replyToMessageId: string | null;
  /** The file of an image, voice note, video, document or sticker: Confirma's URL for it and where its fetch stands. */
  media: MediaView | null;
  sentAt: string;
  createdAt: string;
}

export function toMessageView(row: Message, media?: MessageMedia): MessageView {
  return {
    id: row.id,
    clientId: row.clientId,
    direction: row.direction,
    type: row.type,
    body: row.body,
    provider: row.provider,
    providerMessageId: row.providerMessageId,
    status: row.status,
    errorCode: row.errorCode,
    errorReason: row.errorReason,
    intent: row.intent,
    intentRule: row.intentRule,
    buttonPayload: row.buttonPayload,
    replyToMessageId: row.replyToMessageId,
    media: toMediaView(row, media),
    sentAt: row.sentAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

/** A client's conversation, newest first, with keyset pagination. */
export async function listMessages({ db }: Services, input: z.output<typeof listMessagesInput>): Promise<Page<MessageView>> {
  await getClientRow(db, input.clientId);
  const conditions: SQL[] = [eq(messages.clientId, input.clientId)];
  if (input.cursor) conditions.push(lt(messages.id, decodeCursor(input.cursor)));
  const rows = await db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(desc(messages.id))
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit);
  const media = await mediaByMessage(
    db,
    page.items.flatMap((row) => (row.direction === "in" && isMediaType(row.type) ? [row.id] : [])),
  );
  return { items: page.items.map((row) => toMessageView(row, media.get(row.id))), nextCursor: page.nextCursor };
}
