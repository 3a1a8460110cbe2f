import { type Executor, messageMedia, messages } from "@confirma/db";
import { eq, inArray } from "drizzle-orm";

/**
 * Erases a client's media records (`message_media`, before their messages go). The files
 * themselves are deleted by the server's media sweep within the hour, which removes every file
 * no message holds any more (apps/server/src/media/media-retention.ts).
 */
export async function eraseClientMedia(tx: Executor, clientId: string): Promise<number> {
  const removed = await tx
    .delete(messageMedia)
    .where(inArray(messageMedia.messageId, tx.select({ id: messages.id }).from(messages).where(eq(messages.clientId, clientId))))
    .returning({ id: messageMedia.messageId });
  return removed.length;
}
