import { queryPrepared, type Database } from "@confirma/db";
import { OPEN_ORDER_STATUSES } from "@confirma/domain";
import { type SQL, sql } from "drizzle-orm";
import type { RetentionPolicy } from "./retention-policy.ts";

/** One batch's work: how many rows it removed (or would), and where the next batch starts (null = done). */
export interface PruneStep {
  affected: number;
  next: string | null;
}

/**
 * One kind of record pruning removes. `step` does one short statement (its own transaction) over
 * at most `limit` rows, starting at `from` (null = the beginning); with `dryRun` it only counts.
 * Another feature (media files) adds its own target beside these.
 */
export interface PruneTarget {
  name: string;
  /** What the operator reads: `webhook receipts`, `message bodies`. */
  label: string;
  /** Records older than this go; null = this target keeps everything. */
  retentionMs: number | null;
  step(db: Database, options: { cutoff: Date; from: string | null; limit: number; dryRun: boolean }): Promise<PruneStep>;
}

interface Counted {
  affected: number;
  scanned: number;
  last: string | null;
  fresh: number;
}

/** The targets of a retention policy, in the order they are pruned. */
export function pruneTargets(policy: RetentionPolicy): PruneTarget[] {
  return [
    {
      name: "webhook_receipts",
      label: "webhook receipts",
      retentionMs: policy.webhookReceiptsMs,
      step: (db, options) =>
        oldestFirst(db, options, {
          table: "webhook_receipts",
          time: "received_at",
          key: "provider, provider_message_id",
        }),
    },
    {
      name: "change_events",
      label: "change events",
      retentionMs: policy.changeEventsMs,
      // Ids grow with time: walk from the oldest and stop at the first batch that holds a recent event.
      step: (db, { cutoff, from, limit, dryRun }) =>
        byKey(db, {
          table: "change_events",
          key: "id",
          after: sql`${from ?? "0"}::bigint`,
          bound: sql`true`,
          expired: sql`created_at < ${at(cutoff)}`,
          limit,
          dryRun,
          stopAtFresh: true,
        }),
    },
    {
      name: "outbound_deliveries",
      label: "outbound webhook deliveries",
      retentionMs: policy.outboundDeliveriesMs,
      step: (db, { cutoff, from, limit, dryRun }) =>
        byKey(db, {
          table: "outbound_deliveries",
          key: "id",
          after: sql`${from ?? ""}`,
          bound: sql`id < ${uuidv7Bound(cutoff)}`,
          // A delivery still being retried stays, however old.
          expired: sql`created_at < ${at(cutoff)} and status <> 'pending'`,
          limit,
          dryRun,
        }),
    },
    {
      name: "audit_events",
      label: "audit entries",
      retentionMs: policy.auditMs,
      step: (db, options) => oldestFirst(db, options, { table: "audit_events", time: "created_at", key: "id" }),
    },
    {
      name: "message_bodies",
      label: "message bodies (customers without open orders)",
      retentionMs: policy.messageBodiesMs,
      step: (db, { cutoff, from, limit, dryRun }) =>
        byKey(db, {
          table: "messages",
          key: "id",
          after: sql`${from ?? ""}`,
          bound: sql`id < ${uuidv7Bound(cutoff)}`,
          expired: sql`created_at < ${at(cutoff)}
            and (body <> '' or media is not null or button_payload is not null)
            and not exists (select from orders o where o.client_id = messages.client_id
                            and o.status in (${sql.join(
                              OPEN_ORDER_STATUSES.map((status) => sql`${status}`),
                              sql`, `,
                            )}))`,
          limit,
          dryRun,
          // The message stays (direction, time, status, the order it was about); its content goes.
          change: sql`update messages set body = '', media = null, button_payload = null`,
        }),
    },
  ];
}

/** Deletes the oldest rows first through an index on their time: done when a batch comes back short. */
async function oldestFirst(
  db: Database,
  { cutoff, limit, dryRun }: { cutoff: Date; limit: number; dryRun: boolean },
  { table, time, key }: { table: string; time: string; key: string },
): Promise<PruneStep> {
  const name = sql.raw(table);
  const column = sql.raw(time);
  const columns = sql.raw(key);
  if (dryRun) {
    const [row] = await queryPrepared<{ n: number }>(db, sql`select count(*)::int as n from ${name} where ${column} < ${at(cutoff)}`);
    return { affected: row?.n ?? 0, next: null };
  }
  const [row] = await queryPrepared<{ n: number }>(
    db,
    sql`with hit as (
          delete from ${name} where (${columns}) in (select ${columns} from ${name} where ${column} < ${at(cutoff)} order by ${column} limit ${limit})
          returning 1)
        select count(*)::int as n from hit`,
  );
  const affected = row?.n ?? 0;
  return { affected, next: affected < limit ? null : "more" };
}

/**
 * Walks a table by its key, `limit` rows a batch, removing (or changing) the expired ones among
 * them: each batch reads a bounded range of the primary key however few rows have expired.
 */
async function byKey(
  db: Database,
  options: { table: string; key: string; after: SQL; bound: SQL; expired: SQL; limit: number; dryRun: boolean; stopAtFresh?: boolean; change?: SQL },
): Promise<PruneStep> {
  const name = sql.raw(options.table);
  const key = sql.raw(options.key);
  const act = options.dryRun
    ? sql`select 1 from ${name} where ${key} in (select ${key} from batch) and ${options.expired}`
    : options.change
      ? sql`${options.change} where ${key} in (select ${key} from batch) and ${options.expired} returning 1`
      : sql`delete from ${name} where ${key} in (select ${key} from batch) and ${options.expired} returning 1`;
  const [row] = await queryPrepared<Counted>(
    db,
    sql`with batch as (select ${key} from ${name} where ${key} > ${options.after} and ${options.bound} order by ${key} limit ${options.limit}),
        hit as (${act})
        select (select count(*)::int from hit) as affected,
               (select count(*)::int from batch) as scanned,
               (select max(${key})::text from batch) as last,
               ${options.stopAtFresh ? sql`(select count(*)::int from ${name} where ${key} in (select ${key} from batch) and not (${options.expired}))` : sql`0`} as fresh`,
  );
  const counted = row ?? { affected: 0, scanned: 0, last: null, fresh: 0 };
  const done = counted.scanned < options.limit || counted.last === null || (options.stopAtFresh === true && counted.fresh > 0);
  return { affected: counted.affected, next: done ? null : counted.last };
}

/**
 * The smallest UUIDv7 of `time`'s millisecond, as text: ids below it were made before `time`
 * (Confirma's ids are UUIDv7, so the primary key is a time index too).
 */
export function uuidv7Bound(time: Date): string {
  const hex = Math.max(0, time.getTime()).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-`;
}

/** A time as a query parameter both drivers take (postgres.js' prepared statements want text). */
function at(time: Date): SQL {
  return sql`${time.toISOString()}::timestamptz`;
}
