import { mediaPastRetention, recordMediaExpired } from "@confirma/api";
import type { Database } from "@confirma/db";
import type { MediaStore } from "./media-store.ts";

/**
 * Deletes the files fetched more than `retentionMs` ago (MEDIA_RETENTION) and marks them
 * expired: the message stays, its file then answers 410 `media_expired`. Returns how many went.
 */
export async function sweepExpiredMedia(db: Database, store: MediaStore, { retentionMs, now }: { retentionMs: number; now: Date }): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await mediaPastRetention(db, new Date(now.getTime() - retentionMs));
    if (batch.length === 0) return removed;
    for (const file of batch) await store.remove(file.fileName);
    await recordMediaExpired(
      db,
      batch.map((file) => file.messageId),
    );
    removed += batch.length;
  }
}
