/**
 * Coalesces announcements on one NOTIFY channel: at most one `pg_notify` in flight per
 * database, and every announcement made while one is in flight is answered by a single next
 * one. Used after commit by writers too busy to notify inside their transaction (a NOTIFY
 * takes a cluster-wide lock from pre-commit to the end of the commit, so notifying
 * transactions commit one at a time).
 */
export class Announcer {
  private inFlight: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly send: () => Promise<unknown>) {}

  announce(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.send()
        .then(
          () => undefined,
          // Listeners poll as well: a lost announcement delays them, it loses nothing.
          () => undefined,
        )
        .finally(() => {
          this.inFlight = undefined;
        });
      return this.inFlight;
    }
    this.next ??= this.inFlight.then(() => {
      this.next = undefined;
      return this.announce();
    });
    return this.next;
  }

  /** Resolves once every announcement asked for so far has been sent. */
  async settled(): Promise<void> {
    while (this.inFlight || this.next) await (this.next ?? this.inFlight);
  }
}

const announcers = new WeakMap<object, Map<string, Announcer>>();

/** The announcer of `channel` on `db`, which must be a database, not a transaction. */
export function announcerOf(db: { execute(query: unknown): Promise<unknown> }, channel: string, query: () => unknown): Announcer {
  let byChannel = announcers.get(db);
  if (!byChannel) announcers.set(db, (byChannel = new Map()));
  let announcer = byChannel.get(channel);
  if (!announcer) byChannel.set(channel, (announcer = new Announcer(() => db.execute(query()))));
  return announcer;
}

/** Waits until every announcement made on `db` has been sent (before closing it). */
export async function announcementsSettled(db: object): Promise<void> {
  for (const announcer of announcers.get(db)?.values() ?? []) await announcer.settled();
}
