import { JOBS_CHANNEL, jobs, type Executor, type Job, type JobKind } from "@confirma/db";
import { and, eq, inArray, sql } from "drizzle-orm";

export interface NewJob {
  kind: JobKind;
  /** One job per key, ever: scheduling the same step twice does nothing. */
  dedupeKey: string;
  runAt: Date;
  orderId?: string | null;
  messageId?: string | null;
  attempt?: number;
  step?: number;
}

/**
 * Schedules work inside the caller's transaction (so it exists only if the change commits) and
 * wakes the job runners. Returns false when a job with the same key already exists.
 */
export async function enqueueJob(tx: Executor, job: NewJob): Promise<boolean> {
  const [row] = await tx
    .insert(jobs)
    .values({ ...job, orderId: job.orderId ?? null, messageId: job.messageId ?? null })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  if (row) await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${String(row.id)})`);
  return row !== undefined;
}

/** Cancels an order's pending jobs of the given kinds (a decision made them pointless). */
export async function cancelPendingJobs(tx: Executor, orderId: string, kinds: JobKind[]): Promise<void> {
  await tx
    .update(jobs)
    .set({ status: "cancelled", updatedAt: sql`now()` })
    .where(and(eq(jobs.orderId, orderId), eq(jobs.status, "pending"), inArray(jobs.kind, kinds)));
}

export type { Job };
