import { currentCommitDeadline, DeadlineExceededError, type CommitDeadline } from "@confirma/db";

interface Pending<Item, Result> {
  items: readonly Item[];
  /** What its items touch (`keysOf`), each once. */
  keys: ReadonlySet<string>;
  resolve(results: Result[]): void;
  reject(error: unknown): void;
  /** The deadline of the request waiting for these items: checked when they go into a statement. */
  deadline: CommitDeadline | undefined;
  /** Ends the commit this delivery's statement counts as. */
  endCommit?: () => void;
}

export interface GroupCommitOptions<Item> {
  /** Statements running at once; the deliveries arriving meanwhile wait and go together. */
  maxInFlight?: number;
  /** Items per statement at most (one delivery larger than this still goes alone). */
  maxBatch?: number;
  /**
   * What an item touches (a sender's phone): a delivery waits while one of its keys is in a
   * running statement of any writer sharing `gate`, so one customer's messages are written one
   * statement after the other, in the order they arrived.
   */
  keysOf?: (item: Item) => readonly string[];
  /** Shared by the writers whose statements must not touch the same keys at once. */
  gate?: KeyGate;
  /** A statement holds at most one delivery per key (its SQL reads what was there before it). */
  oneItemPerKey?: boolean;
}

/**
 * The keys in running statements, shared by several writers, and the deliveries waiting for each
 * key in arrival order: a delivery goes when none of its keys is in a running statement and it is
 * the first in line for each. When a statement ends, every writer sharing the gate looks again at
 * the deliveries it kept waiting.
 */
export class KeyGate {
  private readonly running = new Map<string, number>();
  private readonly lines = new Map<string, object[]>();
  private readonly waiting = new Set<() => void>();

  /** `delivery` queues for `keys`. */
  arrive(delivery: object, keys: Iterable<string>): void {
    for (const key of keys) {
      const line = this.lines.get(key);
      if (line) line.push(delivery);
      else this.lines.set(key, [delivery]);
    }
  }

  /** Whether `delivery` is first in line for every key and none is in a running statement. */
  mayGo(delivery: object, keys: Iterable<string>): boolean {
    for (const key of keys) if (this.running.has(key) || this.lines.get(key)?.[0] !== delivery) return false;
    return true;
  }

  /** `delivery` leaves the lines (into a statement, or refused). */
  leave(delivery: object, keys: Iterable<string>): void {
    for (const key of keys) {
      const line = this.lines.get(key);
      const at = line?.indexOf(delivery) ?? -1;
      if (at >= 0) line!.splice(at, 1);
      if (line?.length === 0) this.lines.delete(key);
    }
  }

  take(keys: Iterable<string>): void {
    for (const key of keys) this.running.set(key, (this.running.get(key) ?? 0) + 1);
  }

  release(keys: Iterable<string>): void {
    for (const key of keys) {
      const count = (this.running.get(key) ?? 1) - 1;
      if (count > 0) this.running.set(key, count);
      else this.running.delete(key);
    }
    for (const wake of this.waiting) wake();
  }

  /** Calls `wake` whenever keys are released. */
  onRelease(wake: () => void): void {
    this.waiting.add(wake);
  }
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
  private readonly keysOf: ((item: Item) => readonly string[]) | undefined;
  private readonly gate: KeyGate;
  private readonly oneItemPerKey: boolean;

  constructor(
    private readonly store: (items: readonly Item[]) => Promise<Result[]>,
    { maxInFlight = 2, maxBatch = 500, keysOf, gate = new KeyGate(), oneItemPerKey = false }: GroupCommitOptions<Item> = {},
  ) {
    this.maxInFlight = maxInFlight;
    this.maxBatch = maxBatch;
    this.keysOf = keysOf;
    this.gate = gate;
    this.oneItemPerKey = oneItemPerKey;
    if (keysOf) gate.onRelease(() => this.pump());
  }

  write(items: readonly Item[]): Promise<Result[]> {
    return new Promise((resolve, reject) => {
      const pending: Pending<Item, Result> = {
        items,
        keys: new Set(this.keysOf ? items.flatMap((item) => this.keysOf!(item)) : []),
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
      this.gate.arrive(pending, pending.keys);
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch: Pending<Item, Result>[] = [];
      const batchKeys = new Set<string>();
      const waiting: Pending<Item, Result>[] = [];
      let size = 0;
      while (this.queue.length > 0) {
        const next = this.queue[0]!;
        if (batch.length > 0 && size + next.items.length > this.maxBatch) break;
        this.queue.shift();
        // The statement commits on its own: a delivery whose request gave up waiting stays out of
        // it, and the others' deadlines wait for its outcome.
        if (next.deadline?.expired) {
          this.gate.leave(next, next.keys);
          next.reject(new DeadlineExceededError());
          continue;
        }
        const sharesKey = this.oneItemPerKey && [...next.keys].some((key) => batchKeys.has(key));
        if (sharesKey || !this.gate.mayGo(next, next.keys)) {
          waiting.push(next);
          continue;
        }
        this.gate.leave(next, next.keys);
        next.endCommit = next.deadline?.beginCommit();
        batch.push(next);
        for (const key of next.keys) batchKeys.add(key);
        size += next.items.length;
      }
      this.queue.unshift(...waiting);
      if (batch.length === 0) return;
      this.inFlight++;
      this.gate.take(batchKeys);
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.gate.release(batchKeys);
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
