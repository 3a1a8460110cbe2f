import { currentCommitDeadline, DeadlineExceededError, type CommitDeadline } from "@confirma/db";

interface Pending<Item, Result> {
  items: readonly Item[];
  resolve(results: Result[]): void;
  reject(error: unknown): void;
  /** The deadline of the request waiting for these items: checked when they go into a statement. */
  deadline: CommitDeadline | undefined;
  /** Ends the commit this delivery's statement counts as. */
  endCommit?: () => void;
}

export interface GroupCommitOptions {
  /** Statements running at once; the deliveries arriving meanwhile wait and go together. */
  maxInFlight?: number;
  /** Items per statement at most (one delivery larger than this still goes alone). */
  maxBatch?: number;
}

/**
 * Writes items for every caller of the process like PostgreSQL's group commit one level up:
 * while statements are running, the deliveries that arrive queue, then go as ONE call of
 * `store` (one statement, one commit), and each is answered with its own slice of the results
 * once that commit is done. A statement that fails is tried again delivery by delivery, so one
 * bad delivery cannot fail the others. A delivery whose request deadline expired before its
 * statement went out is refused with `DeadlineExceededError` and never stored; once in a
 * statement, it counts as a commit under way, so the deadline waits for its outcome.
 * `store` must answer one result per item, in order.
 */
export class GroupCommitWriter<Item, Result> {
  private queue: Pending<Item, Result>[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;

  constructor(
    private readonly store: (items: readonly Item[]) => Promise<Result[]>,
    { maxInFlight = 2, maxBatch = 500 }: GroupCommitOptions = {},
  ) {
    this.maxInFlight = maxInFlight;
    this.maxBatch = maxBatch;
  }

  write(items: readonly Item[]): Promise<Result[]> {
    return new Promise((resolve, reject) => {
      const pending: Pending<Item, Result> = {
        items,
        deadline: currentCommitDeadline(),
        resolve: (results) => {
          pending.endCommit?.();
          resolve(results);
        },
        reject: (error) => {
          pending.endCommit?.();
          reject(error);
        },
      };
      this.queue.push(pending);
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch: Pending<Item, Result>[] = [];
      let size = 0;
      while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0]!.items.length <= this.maxBatch)) {
        const next = this.queue.shift()!;
        // The statement commits on its own: a delivery whose request gave up waiting stays out of
        // it, and the others' deadlines wait for its outcome.
        if (next.deadline?.expired) {
          next.reject(new DeadlineExceededError());
          continue;
        }
        next.endCommit = next.deadline?.beginCommit();
        batch.push(next);
        size += next.items.length;
      }
      if (batch.length === 0) continue;
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: Pending<Item, Result>[]) {
    try {
      const results = await this.store(batch.flatMap((pending) => pending.items));
      let offset = 0;
      for (const pending of batch) {
        pending.resolve(results.slice(offset, offset + pending.items.length));
        offset += pending.items.length;
      }
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(
        batch.map((pending) =>
          this.store(pending.items).then(
            (results) => pending.resolve(results),
            (failure: unknown) => pending.reject(failure),
          ),
        ),
      );
    }
  }
}
