import { JOBS_CHANNEL, jobs, type Database, type DatabaseHandle, type Job, type JobKind } from "@confirma/db";
import { and, asc, eq, lte, sql } from "drizzle-orm";

/** What a handler decides about its job. */
export type JobResult =
  | { status: "done" }
  /** Try again later: after the usual backoff, or no sooner than `retryAt` when the other side said when (Retry-After). */
  | { status: "retry"; error: string; retryAt?: Date }
  | { status: "failed"; error: string }
  /** Not now (quiet hours): run again at `runAt` without counting an attempt. */
  | { status: "postpone"; runAt: Date };

/** What the runner tells a handler about the run in hand. */
export interface JobAttempt {
  /** No retry follows this run: a `retry` result now fails the job, so the handler settles it as failed. */
  final: boolean;
}

export type JobHandler = (job: Job, attempt: JobAttempt) => Promise<JobResult>;

/** Called for a job whose lease ran out while it was running (the process died mid-job). */
export type InterruptedHandler = (job: Job) => Promise<"retry" | "failed">;

export interface JobRunnerOptions {
  db: Database;
  handlers: Partial<Record<JobKind, JobHandler>>;
  onInterrupted?: InterruptedHandler;
  listen?: DatabaseHandle["listen"];
  now?: () => Date;
  /** How long a claimed job is ours before another instance may recover it. */
  leaseMs?: number;
  pollMs?: number;
  maxAttempts?: number;
  onError?: (error: unknown, job?: Job) => void;
}

/** Exponential backoff with jitter: 30 s, 1 min, 2 min… capped at 30 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000) * (0.8 + Math.random() * 0.4);
}

/**
 * Runs durable jobs from the `jobs` table. Each due job is claimed with FOR UPDATE SKIP LOCKED,
 * so with several instances on one PostgreSQL every job runs on exactly one of them; a job
 * whose runner died is recovered when its lease expires.
 */
export class JobRunner {
  private readonly db: Database;
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wake: (() => void) | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly options: JobRunnerOptions) {
    this.db = options.db;
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 6;
  }

  /** Starts the background loop: due jobs run as soon as they are scheduled (NOTIFY) or due (polling). */
  async start(): Promise<void> {
    this.stopped = false;
    if (this.options.listen) this.unlisten = await this.options.listen(JOBS_CHANNEL, () => this.wake?.());
    this.running = this.loop();
  }

  /** Stops taking jobs and waits for the one in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.unlisten?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runDue();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 1_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Recovers expired leases, then runs every due job; returns how many ran. */
  async runDue({ limit = 100 } = {}): Promise<number> {
    await this.recoverInterrupted();
    let ran = 0;
    while (ran < limit && !(this.stopped && this.running)) {
      const job = await this.claim();
      if (!job) break;
      await this.execute(job);
      ran++;
    }
    return ran;
  }

  private async claim(): Promise<Job | null> {
    const now = this.now();
    const due = this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, "pending"), lte(jobs.runAt, now)))
      .orderBy(asc(jobs.runAt), asc(jobs.id))
      .limit(1)
      .for("update", { skipLocked: true });
    const [job] = await this.db
      .update(jobs)
      .set({ status: "running", attempts: sql`${jobs.attempts} + 1`, lockedUntil: new Date(now.getTime() + this.leaseMs), updatedAt: sql`now()` })
      .where(eq(jobs.id, sql`(${due})`))
      .returning();
    return job ?? null;
  }

  private async execute(job: Job): Promise<void> {
    const handler = this.options.handlers[job.kind];
    let result: JobResult;
    try {
      result = handler ? await handler(job, { final: this.isFinalAttempt(job) }) : { status: "failed", error: `no handler for ${job.kind}` };
    } catch (error) {
      this.options.onError?.(error, job);
      result = { status: "retry", error: error instanceof Error ? error.message : String(error) };
    }
    await this.finish(job, result);
  }

  /** The one place that decides whether a failed run is tried again. */
  private isFinalAttempt(job: Job): boolean {
    return job.attempts >= this.maxAttempts;
  }

  private async finish(job: Job, result: JobResult): Promise<void> {
    const now = this.now();
    const update =
      result.status === "done"
        ? { status: "done" as const, lastError: null }
        : result.status === "postpone"
          ? { status: "pending" as const, runAt: result.runAt, attempts: job.attempts - 1 }
          : result.status === "retry" && !this.isFinalAttempt(job)
            ? {
                status: "pending" as const,
                runAt: new Date(Math.max(now.getTime() + retryDelayMs(job.attempts), result.retryAt?.getTime() ?? 0)),
                lastError: result.error,
              }
            : { status: "failed" as const, lastError: result.error };
    await this.db
      .update(jobs)
      .set({ ...update, lockedUntil: null, updatedAt: sql`now()` })
      .where(and(eq(jobs.id, job.id), eq(jobs.status, "running")));
  }

  /** Jobs whose runner died: each is claimed again (SKIP LOCKED), then retried or given up by its kind's rule. */
  private async recoverInterrupted(): Promise<void> {
    for (;;) {
      const now = this.now();
      const expired = this.db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.status, "running"), lte(jobs.lockedUntil, now)))
        .limit(1)
        .for("update", { skipLocked: true });
      const [job] = await this.db
        .update(jobs)
        .set({ lockedUntil: new Date(now.getTime() + this.leaseMs), updatedAt: sql`now()` })
        .where(eq(jobs.id, sql`(${expired})`))
        .returning();
      if (!job) return;
      const verdict = (await this.options.onInterrupted?.(job)) ?? "retry";
      await this.finish(
        job,
        verdict === "retry"
          ? { status: "retry", error: "interrupted" }
          : { status: "failed", error: "interrupted while sending; not sent again to avoid a duplicate" },
      );
    }
  }
}
