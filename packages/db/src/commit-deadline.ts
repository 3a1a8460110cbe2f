import { AsyncLocalStorage } from "node:async_hooks";

/** Thrown where a commit would start after its deadline passed: the transaction rolls back instead. */
export class DeadlineExceededError extends Error {
  readonly code = "DEADLINE_EXCEEDED";
  constructor() {
    super("the deadline passed before the commit: rolled back");
  }
}

/**
 * The moment after which a unit of work (one HTTP request) may no longer commit. Whoever owns
 * the deadline calls `expire()` when time is up: it succeeds only while no commit is under
 * way, and from then on every commit of the work is refused (the transaction rolls back). A
 * commit that started before stays the work's real outcome, so an answer given on expiry can
 * truthfully say nothing was stored.
 */
export class CommitDeadline {
  #expired = false;
  #settled = false;
  #commits = 0;
  #onCommitsDone: (() => void)[] = [];

  get expired(): boolean {
    return this.#expired;
  }

  /** True when a commit has started or is running: the deadline can no longer expire. */
  get committing(): boolean {
    return this.#commits > 0;
  }

  /**
   * Marks the start of a commit; call the returned function once it has finished (committed or
   * failed). Throws `DeadlineExceededError` when the deadline has expired.
   */
  beginCommit(): () => void {
    if (this.#expired) throw new DeadlineExceededError();
    this.#commits++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.#commits === 0) for (const resolve of this.#onCommitsDone.splice(0)) resolve();
    };
  }

  /** Expires the deadline unless a commit is under way (or the work was settled); true when it expired. */
  expire(): boolean {
    if (this.#settled || this.#commits > 0) return false;
    this.#expired = true;
    return true;
  }

  /** The work answered in time: nothing it does later is refused. */
  settle(): void {
    this.#settled = true;
  }

  /** Resolves once no commit is under way. */
  commitsDone(): Promise<void> {
    return this.#commits === 0 ? Promise.resolve() : new Promise((resolve) => this.#onCommitsDone.push(resolve));
  }
}

const current = new AsyncLocalStorage<CommitDeadline>();

/** Runs `work` under `deadline`: the top-level transactions it opens check the deadline before committing. */
export function withCommitDeadline<T>(deadline: CommitDeadline, work: () => T): T {
  return current.run(deadline, work);
}

/** The deadline of the work running now, if any. */
export function currentCommitDeadline(): CommitDeadline | undefined {
  return current.getStore();
}
