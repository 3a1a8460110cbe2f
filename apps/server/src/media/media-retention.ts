import { mediaFileNamesInUse, mediaPastRetention, recordMediaExpired } from "@confirma/api";
import type { Database } from "@confirma/db";
import type { MediaStore } from "./media-store.ts";

/** Files younger than this are left alone by the orphan sweep: their message may be committing now. */
const ORPHAN_GRACE_MS = 60 * 60_000;

/**
 * Deletes the files no message holds any more (a client erased or deleted, messages pruned) once
 * they are an hour old, and writes that were interrupted. Returns how many went.
 */
export async function sweepOrphanMedia(db: Database, store: MediaStore): Promise<number> {
  const candidates = await store.filesOlderThan(new Date(Date.now() - ORPHAN_GRACE_MS));
  let removed = 0;
  for (let start = 0; start < candidates.length; start += 500) {
    const batch = candidates.slice(start, start + 500);
    const inUse = await mediaFileNamesInUse(db, batch);
    for (const name of batch) {
      if (inUse.has(name)) continue;
      await store.remove(name);
      removed++;
    }
  }
  return removed;
}

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
