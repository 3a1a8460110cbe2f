/**
 * Where a live subscriber stands in the change feed: the set of writing transactions whose
 * changes it has been given, in the shape of a PostgreSQL snapshot (`xmin:xmax:xip,…`, the text
 * form of `pg_snapshot`). A transaction is in the set when it is below `xmin`, or below `xmax` and
 * not listed in `inFlight`. Resuming from a position replays exactly the transactions outside it
 * that have committed since, so a transaction that took a low id and committed late is not lost.
 */
export interface FeedPosition {
  xmin: bigint;
  xmax: bigint;
  /** Transactions below `xmax` that were still open, ascending. */
  inFlight: readonly bigint[];
}

/** Past this many open transactions a position is shortened (conservatively: it may replay a little more). */
export const MAX_POSITION_IN_FLIGHT = 64;

/** True when `position` already covers the changes of transaction `txid`. */
export function covers(position: FeedPosition, txid: bigint): boolean {
  if (txid < position.xmin) return true;
  if (txid >= position.xmax) return false;
  return !position.inFlight.includes(txid);
}

/** Every transaction covered by `a` or by `b`. */
export function union(a: FeedPosition, b: FeedPosition): FeedPosition {
  // A transaction open for one and at or past the other's xmax is open for both: it is in the first list.
  const open = [...a.inFlight.filter((txid) => !covers(b, txid)), ...b.inFlight.filter((txid) => !covers(a, txid))];
  const result = positionOf(a.xmax > b.xmax ? a.xmax : b.xmax, open);
  return samePosition(result, b) ? b : samePosition(result, a) ? a : result;
}

/** Only the transactions of `position` below `bound`: where a subscriber stands part-way through it. */
export function before(position: FeedPosition, bound: bigint): FeedPosition {
  if (bound >= position.xmax) return position;
  return positionOf(
    bound,
    position.inFlight.filter((txid) => txid < bound),
  );
}

/** The position covering every transaction below `xmax` except `open` (xmin follows from them). */
function positionOf(xmax: bigint, open: readonly bigint[]): FeedPosition {
  const inFlight = [...new Set(open)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return { xmin: inFlight[0] ?? xmax, xmax, inFlight };
}

function samePosition(a: FeedPosition, b: FeedPosition): boolean {
  return a.xmax === b.xmax && a.inFlight.length === b.inFlight.length && a.inFlight.every((txid, index) => txid === b.inFlight[index]);
}

/** The opaque event id handed to clients. Long lists are cut short: the cut part is replayed again. */
export function formatPosition(position: FeedPosition): string {
  const { xmin, xmax, inFlight } = position.inFlight.length > MAX_POSITION_IN_FLIGHT ? before(position, position.inFlight[MAX_POSITION_IN_FLIGHT]!) : position;
  return `${xmin}:${xmax}:${inFlight.join(",")}`;
}

/** Reads a position from its text (a client's event id, or `pg_current_snapshot()::text`); null when it is not one. */
export function parsePosition(text: string): FeedPosition | null {
  const match = /^(\d{1,20}):(\d{1,20}):((?:\d{1,20})(?:,\d{1,20})*)?$/.exec(text);
  if (!match) return null;
  const xmin = BigInt(match[1]!);
  const xmax = BigInt(match[2]!);
  const inFlight = match[3] ? match[3].split(",").map(BigInt) : [];
  if (xmin > xmax || inFlight.some((txid) => txid < xmin || txid >= xmax)) return null;
  return positionOf(xmax, inFlight);
}
