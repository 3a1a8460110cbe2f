import type { Database } from "@confirma/db";
import { type PruneTarget, pruneTargets } from "./prune-targets.ts";
import type { RetentionPolicy } from "./retention-policy.ts";

export interface PruneResult {
  name: string;
  label: string;
  /** Records older than this were pruned; null when the target keeps everything. */
  cutoff: Date | null;
  /** Rows removed (message bodies: emptied), or that would be with `dryRun`. */
  count: number;
}

export interface PruneOptions {
  now?: Date;
  /** Count what would go, change nothing. */
  dryRun?: boolean;
  /** Rows per statement: each batch is one short transaction, so ingest is never held for long. */
  batchSize?: number;
  /** A pause between batches, leaving the database to the requests (the server's background pruning). */
  pauseMs?: number;
  signal?: AbortSignal;
  /** Called after each batch with the target and its running count. */
  onProgress?: (result: PruneResult) => void;
  /** Targets beside the policy's own (a feature that keeps files, say). */
  extraTargets?: PruneTarget[];
}

/**
 * Removes what a retention policy no longer keeps, target by target, in batches of `batchSize`
 * rows, each its own statement. Never touches what a provider retry or a resuming dashboard may
 * still need: only records older than their retention go. Stops between batches when `signal` aborts.
 */
export async function pruneExpired(db: Database, policy: RetentionPolicy, options: PruneOptions = {}): Promise<PruneResult[]> {
  const { now = new Date(), dryRun = false, batchSize = 1000, pauseMs = 0, signal, onProgress, extraTargets = [] } = options;
  const results: PruneResult[] = [];
  for (const target of [...pruneTargets(policy), ...extraTargets]) {
    const cutoff = target.retentionMs === null ? null : new Date(now.getTime() - target.retentionMs);
    const result: PruneResult = { name: target.name, label: target.label, cutoff, count: 0 };
    results.push(result);
    if (!cutoff) continue;
    let from: string | null = null;
    do {
      if (signal?.aborted) return results;
      const step = await target.step(db, { cutoff, from, limit: batchSize, dryRun });
      result.count += step.affected;
      from = step.next;
      onProgress?.(result);
      if (from !== null && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    } while (from !== null);
  }
  return results;
}
