import { CHANGES_CHANNEL, queryPrepared, type ChangeEvent, type Database, type DatabaseHandle } from "@confirma/db";
import { sql, type SQL } from "drizzle-orm";
import { DomainError } from "../errors/domain-error.ts";
import { before, covers, formatPosition, parsePosition, union, type FeedPosition } from "./feed-position.ts";

/** One committed change, as live subscribers receive it. */
export interface ChangeEventView {
  id: string;
  entity: ChangeEvent["entity"];
  entityId: string;
  action: ChangeEvent["action"];
  clientId: string | null;
  at: string;
}

/** A change and the event id to resume from once it has been received (opaque to clients). */
export interface FeedEvent {
  eventId: string;
  change: ChangeEventView;
}

export interface ChangeFeedOptions {
  /** Reads even without a notification this often, in case one was missed (connection lost and restored). */
  pollMs?: number;
  /** Open subscriptions per session or integration key. */
  maxSubscriptionsPerOwner?: number;
  /** Open subscriptions per process. */
  maxSubscriptions?: number;
}

export const MAX_SUBSCRIPTIONS_PER_OWNER = 10;
export const MAX_SUBSCRIPTIONS = 1_000;
/** A subscriber further behind than this many changes is caught up from the table instead. */
const MAX_QUEUED_CHANGES = 5_000;
/** Rows per query when replaying for a subscriber that resumes. */
const REPLAY_CHUNK = 500;
const RETRY_READ_MS = 1_000;

interface Change {
  txid: bigint;
  view: ChangeEventView;
}

/** What one read found: the changes that became visible between two snapshots, in transaction order. */
interface Batch {
  from: FeedPosition;
  to: FeedPosition;
  changes: Change[];
}

interface Subscriber {
  owner: string;
  batches: Batch[];
  queued: number;
  /** Batches were dropped: catch up from the table. */
  behind: boolean;
  wake: () => void;
}

interface Row {
  snapshot: string;
  id: string | null;
  txid: string | null;
  entity: ChangeEvent["entity"];
  entity_id: string;
  action: ChangeEvent["action"];
  client_id: string | null;
  created_at: Date | string;
}

const COLUMNS = sql`e.id::text as id, e.txid::text as txid, e.entity, e.entity_id, e.action, e.client_id, e.created_at`;

function changeOf(row: Row): Change {
  return {
    txid: BigInt(row.txid!),
    view: { id: row.id!, entity: row.entity, entityId: row.entity_id, action: row.action, clientId: row.client_id, at: new Date(row.created_at).toISOString() },
  };
}

/** Changes of the transactions `position` does not cover (the index on `txid` finds them). */
function outside(position: FeedPosition): SQL {
  return sql`(e.txid >= ${String(position.xmax)}::xid8 or e.txid = any(${`{${position.inFlight.join(",")}}`}::xid8[]))`;
}

/**
 * The live change feed of one server process. One reader per process follows the
 * `change_events` table (woken by NOTIFY, polling as a fallback): each read fetches what
 * committed since the previous one, once, and hands it to every subscriber in memory. Positions
 * are snapshots of which transactions were seen, so an event from any instance on the same
 * PostgreSQL arrives, and a reconnect with the last event id replays exactly what committed
 * since, including a transaction that took a lower id and committed late. Delivery is at least
 * once: after a reconnect a few changes may come again, none is lost.
 */
export class ChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  private readonly perOwner = new Map<string, number>();
  /** What the reader has seen; undefined while nobody listens. */
  private snapshot: FeedPosition | undefined;
  private taking: Promise<FeedPosition> | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private stopped = false;
  private poll: ReturnType<typeof setInterval> | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private reads = 0;
  private replays = 0;

  constructor(
    private readonly db: Database,
    private readonly listen: DatabaseHandle["listen"],
    private readonly options: ChangeFeedOptions = {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten = await this.listen(CHANGES_CHANNEL, () => this.requestRead());
    this.poll = setInterval(() => this.requestRead(), this.options.pollMs ?? 10_000);
    this.poll.unref?.();
  }

  /** Stops reading; open subscriptions end with `unavailable`, so clients reconnect (elsewhere) and resume. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    for (const subscriber of this.subscribers) subscriber.wake();
    await this.unlisten?.();
    this.unlisten = undefined;
    await this.reading;
  }

  /** Reads made for live delivery (one per notification or poll, however many subscribers) and replays for resuming ones. */
  stats(): { reads: number; replays: number; subscriptions: number } {
    return { reads: this.reads, replays: this.replays, subscriptions: this.subscribers.size };
  }

  /**
   * Yields every change after `lastEventId` (or from now when null), then each new one as it
   * commits, until `signal` aborts. Throws `too_many_subscriptions` past the caps.
   */
  async *subscribe(lastEventId: string | null, { owner, signal }: { owner: string; signal?: AbortSignal }): AsyncGenerator<FeedEvent> {
    const subscriber = this.admit(owner);
    try {
      // Live reads go on from the reader's snapshot: a replay must reach at least that far, or what commits in between is lost.
      const now = this.snapshot ?? (await this.takeSnapshot());
      let position: FeedPosition;
      if (lastEventId === null) {
        position = now;
      } else {
        const resumeFrom = parsePosition(lastEventId);
        position = resumeFrom ? yield* this.replay(resumeFrom, lastEventId) : yield* this.replayLegacy(lastEventId);
      }
      while (!signal?.aborted) {
        if (this.stopped) throw new DomainError("unavailable", "the server is restarting; reconnect to resume");
        if (subscriber.behind) {
          subscriber.behind = false;
          position = yield* this.replay(position, formatPosition(position));
          continue;
        }
        const batch = subscriber.batches.shift();
        if (!batch) {
          await this.nextBatch(subscriber, signal);
          continue;
        }
        subscriber.queued -= batch.changes.length;
        const after = union(position, batch.to);
        const changes = batch.changes.filter((change) => !covers(position, change.txid));
        if (changes.length > 0) yield* this.emit(changes, formatPosition(position), formatPosition(after));
        position = after;
      }
    } finally {
      this.release(subscriber);
    }
  }

  private admit(owner: string): Subscriber {
    const { maxSubscriptions = MAX_SUBSCRIPTIONS, maxSubscriptionsPerOwner = MAX_SUBSCRIPTIONS_PER_OWNER } = this.options;
    const mine = this.perOwner.get(owner) ?? 0;
    if (mine >= maxSubscriptionsPerOwner) {
      throw new DomainError(
        "too_many_subscriptions",
        `at most ${maxSubscriptionsPerOwner} live connections per session or key are open at once; close another tab or window`,
        {
          limit: maxSubscriptionsPerOwner,
        },
      );
    }
    if (this.subscribers.size >= maxSubscriptions) {
      throw new DomainError("too_many_subscriptions", `this server has reached its ${maxSubscriptions} live connections; retry later`, {
        limit: maxSubscriptions,
      });
    }
    const subscriber: Subscriber = { owner, batches: [], queued: 0, behind: false, wake: () => {} };
    this.perOwner.set(owner, mine + 1);
    this.subscribers.add(subscriber);
    return subscriber;
  }

  private release(subscriber: Subscriber): void {
    if (!this.subscribers.delete(subscriber)) return;
    const left = (this.perOwner.get(subscriber.owner) ?? 1) - 1;
    if (left > 0) this.perOwner.set(subscriber.owner, left);
    else this.perOwner.delete(subscriber.owner);
    // Nobody listens: stop reading until someone does, from where things stand then.
    if (this.subscribers.size === 0) this.snapshot = undefined;
  }

  private nextBatch(subscriber: Subscriber, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener("abort", done);
        subscriber.wake = () => {};
        resolve();
      };
      subscriber.wake = done;
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  /** Yields `changes`; each carries `fromId` except the last, which carries `toId` (a reconnect after it resumes past them all). */
  private *emit(changes: Change[], fromId: string, toId: string): Generator<FeedEvent> {
    for (const [index, change] of changes.entries()) {
      yield { eventId: index === changes.length - 1 ? toId : fromId, change: change.view };
    }
  }

  private requestRead(): void {
    if (this.stopped || this.subscribers.size === 0) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readWhileAsked().finally(() => (this.reading = undefined));
  }

  private async readWhileAsked(): Promise<void> {
    do {
      this.readAgain = false;
      try {
        await this.readOnce();
      } catch {
        // The database is unreachable: subscribers keep their positions; try again shortly.
        setTimeout(() => this.requestRead(), RETRY_READ_MS).unref?.();
        return;
      }
    } while (this.readAgain && !this.stopped && this.subscribers.size > 0);
  }

  /** The reader's starting point, taken once however many subscribers ask at the same moment. */
  private takeSnapshot(): Promise<FeedPosition> {
    this.taking ??= (async () => {
      try {
        this.reads++;
        const [row] = await queryPrepared<{ snapshot: string }>(this.db, sql`select pg_current_snapshot()::text as snapshot`);
        this.snapshot ??= parsePosition(row!.snapshot)!;
        return this.snapshot;
      } finally {
        this.taking = undefined;
      }
    })();
    return this.taking;
  }

  private async readOnce(): Promise<void> {
    const from = this.snapshot;
    if (!from) {
      await this.takeSnapshot();
      return;
    }
    this.reads++;
    // One statement: the rows and the snapshot they were read under agree.
    const rows = await queryPrepared<Row>(
      this.db,
      sql`with now as (select pg_current_snapshot() as snapshot)
          select now.snapshot::text as snapshot, ${COLUMNS}
          from now left join change_events e on ${outside(from)}
          order by e.txid, e.id`,
    );
    // Everyone left (and perhaps someone came back from a newer point) while this read ran.
    if (this.snapshot !== from) return;
    const to = parsePosition(rows[0]!.snapshot)!;
    const changes = rows.filter((row) => row.id !== null && covers(to, BigInt(row.txid!))).map(changeOf);
    this.snapshot = union(from, to);
    const batch: Batch = { from, to: this.snapshot, changes };
    for (const subscriber of this.subscribers) {
      if (subscriber.behind) continue;
      if (subscriber.queued + changes.length > MAX_QUEUED_CHANGES) {
        subscriber.batches = [];
        subscriber.queued = 0;
        subscriber.behind = true;
      } else {
        subscriber.batches.push(batch);
        subscriber.queued += changes.length;
      }
      subscriber.wake();
    }
  }

  /**
   * Replays, in chunks, the changes of transactions `position` does not cover, up to a snapshot
   * taken by the first chunk; returns the position reached. Later commits come with the live reads.
   */
  private async *replay(position: FeedPosition, positionId: string): AsyncGenerator<FeedEvent, FeedPosition> {
    return yield* this.replayWhere(outside(position), position, positionId, { txid: String(position.xmin), id: "0" });
  }

  /**
   * A numeric id from before positions were snapshots: replay what follows it in transaction
   * order, so a late commit with a lower id in a later transaction comes too.
   */
  private async *replayLegacy(lastEventId: string): AsyncGenerator<FeedEvent, FeedPosition> {
    const id = /^\d{1,19}$/.test(lastEventId) ? lastEventId : "0";
    this.replays++;
    const [row] = await queryPrepared<{ txid: string }>(
      this.db,
      sql`select txid::text as txid from change_events where id <= ${id}::bigint order by id desc limit 1`,
    );
    return yield* this.replayWhere(sql`true`, undefined, lastEventId, { txid: row?.txid ?? "0", id });
  }

  private async *replayWhere(
    where: SQL,
    position: FeedPosition | undefined,
    positionId: string,
    from: { txid: string; id: string },
  ): AsyncGenerator<FeedEvent, FeedPosition> {
    let upTo: FeedPosition | undefined;
    let after = from;
    let reached = position;
    let reachedId = positionId;
    for (;;) {
      this.replays++;
      const rows = await queryPrepared<Row>(
        this.db,
        sql`with now as (select pg_current_snapshot() as snapshot)
            select now.snapshot::text as snapshot, e.* from now left join lateral (
              select ${COLUMNS} from change_events e
              where ${where} and (e.txid, e.id) > (${after.txid}::xid8, ${after.id}::bigint)
              order by e.txid, e.id limit ${REPLAY_CHUNK}
            ) e on true`,
      );
      const snapshot = parsePosition(rows[0]!.snapshot)!;
      if (!upTo) {
        // A position from another database (restored, or replaced): nothing to replay against, start from now.
        if (position && position.xmax > snapshot.xmax) return snapshot;
        upTo = snapshot;
      }
      const found = rows.filter((row) => row.id !== null);
      // Transactions that committed after the first chunk come with the live reads.
      const changes = found.filter((row) => covers(upTo!, BigInt(row.txid!))).map(changeOf);
      const last = found.at(-1);
      if (found.length < REPLAY_CHUNK || !last) {
        const end = reached ? union(reached, upTo) : upTo;
        yield* this.emit(changes, reachedId, formatPosition(end));
        return end;
      }
      // Part-way: every transaction below the last one read is done (its own rows may continue).
      const partWay = before(upTo, BigInt(last.txid!));
      reached = reached ? union(reached, partWay) : partWay;
      const partWayId = formatPosition(reached);
      yield* this.emit(changes, reachedId, partWayId);
      reachedId = partWayId;
      after = { txid: last.txid!, id: last.id! };
    }
  }
}
