import { CHANGES_CHANNEL, changeEvents, type ChangeEvent, type Database, type DatabaseHandle } from "@confirma/db";
import { asc, gt, inArray, sql } from "drizzle-orm";

/** One committed change, as live subscribers receive it. */
export interface ChangeEventView {
  id: string;
  entity: ChangeEvent["entity"];
  entityId: string;
  action: ChangeEvent["action"];
  clientId: string | null;
  at: string;
}

function toView(row: ChangeEvent): ChangeEventView {
  return { id: String(row.id), entity: row.entity, entityId: row.entityId, action: row.action, clientId: row.clientId, at: row.createdAt.toISOString() };
}

/** Ids are handed out at insert, not commit: a slower transaction can commit a lower id late. */
const LATE_COMMIT_MS = 15_000;
const MAX_GAPS = 1_000;
const BATCH = 500;

/**
 * The live change feed of one server process: one LISTEN on the database, fanned out to every
 * subscriber. Each subscriber reads the `change_events` table itself, so a reconnect with
 * `lastEventId` replays what it missed, and an event from any instance on the same PostgreSQL
 * arrives. Delivery is at least once: an id seen again may be repeated, none is lost.
 */
export class ChangeFeed {
  private waiters = new Set<() => void>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly db: Database,
    private readonly listen: DatabaseHandle["listen"],
    private readonly options: { pollMs?: number } = {},
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.listen(CHANGES_CHANNEL, () => this.wake());
  }

  async stop(): Promise<void> {
    this.wake();
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const resolve of waiters) resolve();
  }

  private nextNotification(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        this.waiters.delete(done);
        resolve();
      };
      // A missed NOTIFY (connection lost and restored) is caught up by polling.
      const timer = setTimeout(done, this.options.pollMs ?? 10_000);
      signal?.addEventListener("abort", done, { once: true });
      this.waiters.add(done);
    });
  }

  /** The id of the newest event, where a fresh subscriber starts. */
  async latestId(): Promise<number> {
    const [row] = await this.db.select({ id: sql<number>`coalesce(max(${changeEvents.id}), 0)`.mapWith(Number) }).from(changeEvents);
    return row?.id ?? 0;
  }

  /**
   * Yields every change after `lastEventId` (or from now when null), then each new one as it
   * commits, until `signal` aborts.
   */
  async *subscribe(lastEventId: number | null, signal?: AbortSignal): AsyncGenerator<ChangeEventView> {
    let cursor = lastEventId ?? (await this.latestId());
    /** Ids skipped over: still in flight (or rolled back); each is looked for until the window ends. */
    const gaps = new Map<number, number>();
    while (!signal?.aborted) {
      const wake = this.nextNotification(signal);
      const now = Date.now();
      for (const [id, since] of gaps) if (now - since > LATE_COMMIT_MS) gaps.delete(id);
      if (gaps.size > 0) {
        const late = await this.db.select().from(changeEvents).where(inArray(changeEvents.id, [...gaps.keys()])).orderBy(asc(changeEvents.id));
        for (const row of late) {
          gaps.delete(row.id);
          yield toView(row);
        }
      }
      const rows = await this.db.select().from(changeEvents).where(gt(changeEvents.id, cursor)).orderBy(asc(changeEvents.id)).limit(BATCH);
      for (const row of rows) {
        for (let id = Math.max(cursor + 1, row.id - MAX_GAPS); id < row.id; id++) gaps.set(id, now);
        cursor = row.id;
        yield toView(row);
      }
      if (rows.length === BATCH) continue;
      await wake;
    }
  }
}
