import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, Executor } from "./database.ts";
import { migrationStatus } from "./migration-status.ts";
import { rowsOf } from "./rows-of.ts";

/** A table of the `public` schema as the copy sees it. */
export interface TableShape {
  name: string;
  /** Every stored column (generated ones are recomputed by the target), in the source's order. */
  columns: string[];
  /** Other tables this one holds foreign keys to: they are copied first. */
  references: string[];
}

/** One table's verification: rows and checksum on each side. */
export interface TableCheck {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
}

/** A sequence's position, copied so new ids continue where the source's stopped. */
export interface SequenceCheck {
  sequence: string;
  /** The next value it hands out. */
  nextValue: string;
  ok: boolean;
}

export interface CopyReport {
  tables: TableCheck[];
  sequences: SequenceCheck[];
  /** How user triggers were kept from firing on the target. */
  triggers: "replica" | "disabled";
  /** The target's next transaction id before and after it was moved past the source's (equal when it already was). */
  transactionIds: { source: string; targetBefore: string; targetAfter: string };
  ok: boolean;
}

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

export interface CopyOptions {
  /** Rows per batch: one FETCH on the source, one INSERT on the target. */
  batchSize?: number;
  onProgress?: (progress: CopyProgress) => void;
  /** Called while the target's transaction ids are moved forward. */
  onTransactionIds?: (done: bigint, total: bigint) => void;
}

/** The copy was verified and did not match: the target's transaction was rolled back. */
export class CopyMismatchError extends Error {
  constructor(readonly report: CopyReport) {
    super("the copy did not match the source: nothing was kept on the target");
  }
}

/**
 * Copies every table of the `public` schema from `source` to `target`, whose schema must already be
 * the same (migrated by the same version) and whose tables must be empty.
 *
 * - One consistent snapshot: everything is read in a single REPEATABLE READ, READ ONLY transaction
 *   on the source.
 * - All or nothing: everything is written in a single transaction on the target, verified (row
 *   count and checksum per table, sequences) before it commits; a mismatch rolls it back and
 *   throws `CopyMismatchError` with the report.
 * - Nothing fires: with `session_replication_role = replica` when the target's user may set it,
 *   else by disabling the tables' user triggers for the transaction (re-enabled before commit), so
 *   counters, write-back jobs and the like are copied as they are, never recomputed or scheduled.
 *   Tables are copied parents first, so foreign keys hold in either mode.
 * - Ids, sequences (their position, at least the largest id copied) and transaction ids are kept:
 *   `xid8` columns (the change feed's `txid`) hold the source's transaction ids, so before copying,
 *   the target's transaction counter is moved past the source's. A copied transaction id then
 *   stays in the target's past, and a change-feed position taken on the source still means the
 *   same on the target: a dashboard resuming with it receives exactly what it had not seen.
 */
export async function copyDatabase(
  source: Database,
  target: Database,
  { batchSize = 1_000, onProgress, onTransactionIds }: CopyOptions = {},
): Promise<CopyReport> {
  return source.transaction(
    async (from) => {
      await deterministicText(from);
      const tables = await readTables(from);
      const sourceNext = await nextTransactionId(from);
      const targetBefore = await nextTransactionId(target);
      await advanceTransactionIds(target, sourceNext, onTransactionIds);
      const targetAfter = await nextTransactionId(target);
      const sequences = await readSequences(from);

      let report: CopyReport | undefined;
      await target.transaction(async (to) => {
        await deterministicText(to);
        await sameTables(to, tables);
        const quiet = await silenceTriggers(to);
        for (const table of copyOrder(tables)) {
          const total = await countRows(from, table.name);
          onProgress?.({ table: table.name, copied: 0, total });
          await copyTable(from, to, table, batchSize, (copied) => onProgress?.({ table: table.name, copied, total }));
        }
        // Verified once everything is written: a trigger that fired on a later table would show.
        const checks: TableCheck[] = [];
        for (const table of tables) {
          const [before, after] = [await checksum(from, table), await checksum(to, table)];
          checks.push({
            table: table.name,
            sourceRows: before.rows,
            targetRows: after.rows,
            sourceChecksum: before.checksum,
            targetChecksum: after.checksum,
            ok: before.rows === after.rows && before.checksum === after.checksum,
          });
        }
        const sequenceChecks = await copySequences(to, sequences);
        await quiet.restore();
        report = {
          tables: checks,
          sequences: sequenceChecks,
          triggers: quiet.mode,
          transactionIds: { source: String(sourceNext), targetBefore: String(targetBefore), targetAfter: String(targetAfter) },
          ok: checks.every((check) => check.ok) && sequenceChecks.every((check) => check.ok),
        };
        if (!report.ok) throw new CopyMismatchError(report);
      });
      return report!;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** The tables of the `public` schema, with their columns and the tables they reference. */
export async function readTables(db: Executor): Promise<TableShape[]> {
  const rows = rowsOf<{ name: string; columns: string; refs: string }>(
    await db.execute(sql`
      select c.relname as name,
        (select coalesce(json_agg(a.attname order by a.attnum), '[]') from pg_attribute a
          where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '')::text as columns,
        (select coalesce(json_agg(distinct f.relname), '[]') from pg_constraint k join pg_class f on f.oid = k.confrelid
          where k.conrelid = c.oid and k.contype = 'f' and k.confrelid <> c.oid)::text as refs
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and not c.relispartition
      order by c.relname`),
  );
  return rows.map((row) => ({ name: row.name, columns: JSON.parse(row.columns), references: JSON.parse(row.refs) }));
}

/** Parents before children (foreign keys), otherwise by name. Throws on a cycle of foreign keys. */
export function copyOrder(tables: readonly TableShape[]): TableShape[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: TableShape[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: TableShape, path: string[]) => {
    const seen = state.get(table.name);
    if (seen === "done") return;
    if (seen === "visiting") throw new Error(`tables reference each other in a cycle (${[...path, table.name].join(" → ")}): they cannot be copied in order`);
    state.set(table.name, "visiting");
    for (const parent of [...table.references].sort()) {
      const shape = byName.get(parent);
      if (shape) visit(shape, [...path, table.name]);
    }
    state.set(table.name, "done");
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table, []);
  return ordered;
}

/**
 * Why `db` cannot receive a copy, in a few words, or null when it can: its encoding is not UTF8,
 * a table holds rows, it has tables the source does not (another application's), or a newer
 * version of the schema. Empty tables of the same schema (an earlier attempt) are fine.
 */
export async function targetProblem(db: Executor, sourceTables: readonly string[]): Promise<string | null> {
  const [encoding] = rowsOf<{ encoding: string }>(await db.execute(sql`select current_setting('server_encoding') as encoding`));
  if (encoding?.encoding !== "UTF8") return `its encoding is ${encoding?.encoding}, not UTF8 (create it with ENCODING 'UTF8')`;
  const counts = await countRowsByTable(db);
  const held = counts.filter((table) => table.rows > 0);
  if (held.length > 0) return `it is not empty (${held.map((table) => `${table.table}: ${table.rows} ${table.rows === 1 ? "row" : "rows"}`).join(", ")})`;
  const known = new Set(sourceTables);
  const foreign = counts.filter((table) => !known.has(table.table)).map((table) => table.table);
  if (foreign.length > 0) return `it holds tables Confirma does not use (${foreign.join(", ")}): use a database of its own`;
  if ((await migrationStatus(db)).newer) return "it was migrated by a newer version of Confirma";
  return null;
}

/** Row counts of every table: what makes a target "not empty". */
export async function countRowsByTable(db: Executor): Promise<{ table: string; rows: number }[]> {
  const tables = await readTables(db);
  const counts: { table: string; rows: number }[] = [];
  for (const table of tables) counts.push({ table: table.name, rows: await countRows(db, table.name) });
  return counts;
}

/**
 * The next transaction id the database will hand out (the `xmax` of a snapshot taken now),
 * as a bigint: an `xid8` never wraps around.
 */
export async function nextTransactionId(db: Executor): Promise<bigint> {
  const [row] = rowsOf<{ next: string }>(await db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as next`));
  return BigInt(row!.next);
}

/** Transactions per statement when moving the counter forward (each statement reports progress). */
const TRANSACTIONS_PER_STEP = 50_000n;

/**
 * Moves `db`'s transaction counter forward until it hands out ids of at least `next`, by running
 * that many empty transactions (about 100,000 a second: commits without waiting for the disk,
 * they write nothing). Needs a PostgreSQL connection outside any transaction.
 */
export async function advanceTransactionIds(db: Database, next: bigint, onProgress?: (done: bigint, total: bigint) => void): Promise<void> {
  const start = await nextTransactionId(db);
  if (start >= next) return;
  const total = next - start;
  for (let current = start; current < next; current = await nextTransactionId(db)) {
    const step = next - current < TRANSACTIONS_PER_STEP ? next - current : TRANSACTIONS_PER_STEP;
    await db.execute(
      sql.raw(`do $$ begin
        for i in 1..${step} loop
          perform set_config('synchronous_commit', 'off', true);
          perform pg_current_xact_id();
          commit;
        end loop;
      end $$`),
    );
    onProgress?.(current + step - start, total);
  }
}

/** Same text for the same value on both sides: the checksums compare the rows' text form. */
async function deterministicText(db: Executor): Promise<void> {
  for (const setting of ["timezone = 'UTC'", "datestyle = 'ISO, YMD'", "intervalstyle = 'postgres'", "extra_float_digits = 3", "bytea_output = 'hex'"]) {
    await db.execute(sql.raw(`set local ${setting}`));
  }
}

/** The target has each table with the same columns (the same migrations ran on both). */
async function sameTables(db: Executor, tables: readonly TableShape[]): Promise<void> {
  const present = new Map((await readTables(db)).map((table) => [table.name, new Set(table.columns)]));
  for (const table of tables) {
    const columns = present.get(table.name);
    if (!columns) throw new Error(`the target has no table ${table.name}: its schema is not the source's`);
    const missing = table.columns.filter((column) => !columns.has(column));
    if (missing.length > 0) throw new Error(`the target's table ${table.name} lacks ${missing.join(", ")}: its schema is not the source's`);
  }
}

interface QuietTriggers {
  mode: "replica" | "disabled";
  restore: () => Promise<void>;
}

/**
 * Keeps user triggers from firing for the rest of the transaction. `session_replication_role =
 * replica` needs a superuser (or, from PostgreSQL 15, a grant on the parameter); otherwise each
 * table's enabled user triggers are disabled (the tables' owner may) and enabled again by
 * `restore`. Either way the change is transactional: a failed copy leaves every trigger as it was.
 */
async function silenceTriggers(db: Executor): Promise<QuietTriggers> {
  let mode: QuietTriggers["mode"] = "replica";
  try {
    await db.transaction(async (savepoint) => {
      await savepoint.execute(sql`set local session_replication_role = replica`);
    });
  } catch {
    mode = "disabled";
  }
  // Replica mode silences the usual triggers, but not those enabled ALWAYS or REPLICA.
  const firing = mode === "replica" ? ["A", "R"] : ["O", "A"];
  const triggers = rowsOf<{ table: string; trigger: string; enabled: string }>(
    await db.execute(sql`
      select c.relname as "table", t.tgname as "trigger", t.tgenabled::text as enabled
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and not t.tgisinternal and t.tgenabled::text = any(${`{${firing.join(",")}}`}::text[])`),
  );
  for (const { table, trigger } of triggers) await db.execute(sql.raw(`alter table ${qualified(table)} disable trigger ${quote(trigger)}`));
  return {
    mode,
    async restore() {
      const how: Record<string, string> = { O: "enable", A: "enable always", R: "enable replica" };
      for (const { table, trigger, enabled } of triggers)
        await db.execute(sql.raw(`alter table ${qualified(table)} ${how[enabled]} trigger ${quote(trigger)}`));
    },
  };
}

async function countRows(db: Executor, table: string): Promise<number> {
  const [row] = rowsOf<{ n: string }>(await db.execute(sql.raw(`select count(*)::text as n from ${qualified(table)}`)));
  return Number(row!.n);
}

/** Streams one table with a cursor on the source's snapshot, one INSERT … SELECT per batch on the target. */
async function copyTable(from: Executor, to: Executor, table: TableShape, batchSize: number, onBatch: (copied: number) => void): Promise<void> {
  const columns = table.columns.map(quote).join(", ");
  const name = qualified(table.name);
  await from.execute(sql.raw(`declare confirma_copy no scroll cursor for select row_to_json(r)::text as j from (select ${columns} from ${name}) r`));
  let copied = 0;
  for (;;) {
    const rows = rowsOf<{ j: string }>(await from.execute(sql.raw(`fetch forward ${batchSize} from confirma_copy`)));
    if (rows.length === 0) break;
    // JSON carries every value exactly (bigints as digits, timestamps to the microsecond, arrays, jsonb).
    const batch = `[${rows.map((row) => row.j).join(",")}]`;
    await to.execute(
      sql`insert into ${sql.raw(name)} (${sql.raw(columns)}) overriding system value
          select ${sql.raw(columns)} from json_populate_recordset(null::${sql.raw(name)}, ${batch}::json)`,
    );
    copied += rows.length;
    onBatch(copied);
  }
  await from.execute(sql.raw("close confirma_copy"));
}

/**
 * A table's row count and checksum: each row's text form is hashed (md5), and the hashes are
 * summed as two 60-bit halves. The sum does not depend on the order rows are read in (the two
 * sides may sort text differently) and needs no memory beyond one row.
 */
async function checksum(db: Executor, table: TableShape): Promise<{ rows: number; checksum: string }> {
  const columns = table.columns.map(quote).join(", ");
  const [row] = rowsOf<{ rows: string; high: string; low: string }>(
    await db.execute(
      sql.raw(`select count(*)::text as rows,
        coalesce(sum(('x' || substr(h, 1, 15))::bit(60)::bigint), 0)::text as high,
        coalesce(sum(('x' || substr(h, 16, 15))::bit(60)::bigint), 0)::text as low
      from (select md5(row(${columns})::text) as h from ${qualified(table.name)}) as hashed`),
    ),
  );
  const digest = createHash("sha256").update(`${row!.rows}:${row!.high}:${row!.low}`).digest("hex").slice(0, 16);
  return { rows: Number(row!.rows), checksum: digest };
}

interface SequenceState {
  sequence: string;
  lastValue: bigint;
  isCalled: boolean;
  /** The column the sequence feeds, when it belongs to one. */
  owner: { table: string; column: string } | null;
}

async function readSequences(db: Executor): Promise<SequenceState[]> {
  const sequences = rowsOf<{ sequence: string; table: string | null; column: string | null }>(
    await db.execute(sql`
      select s.relname as sequence, t.relname as "table", a.attname as "column"
      from pg_class s join pg_namespace n on n.oid = s.relnamespace
      left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
      left join pg_class t on t.oid = d.refobjid
      left join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      where s.relkind = 'S' and n.nspname = 'public'
      order by s.relname`),
  );
  const states: SequenceState[] = [];
  for (const { sequence, table, column } of sequences) {
    const [state] = rowsOf<{ last: string; called: boolean }>(
      await db.execute(sql.raw(`select last_value::text as last, is_called as called from ${qualified(sequence)}`)),
    );
    states.push({ sequence, lastValue: BigInt(state!.last), isCalled: state!.called, owner: table && column ? { table, column } : null });
  }
  return states;
}

/** Sets each sequence where the source's stood, or past the largest id copied if that is further. */
async function copySequences(db: Executor, sequences: readonly SequenceState[]): Promise<SequenceCheck[]> {
  const checks: SequenceCheck[] = [];
  for (const { sequence, lastValue, isCalled, owner } of sequences) {
    let [value, called] = [lastValue, isCalled];
    if (owner) {
      const [row] = rowsOf<{ max: string | null }>(await db.execute(sql.raw(`select max(${quote(owner.column)})::text as max from ${qualified(owner.table)}`)));
      const max = row?.max ? BigInt(row.max) : null;
      if (max !== null && (max > value || (max === value && !called))) [value, called] = [max, true];
    }
    await db.execute(sql`select setval(${qualified(sequence)}::regclass, ${String(value)}::bigint, ${called})`);
    const [after] = rowsOf<{ last: string; called: boolean }>(
      await db.execute(sql.raw(`select last_value::text as last, is_called as called from ${qualified(sequence)}`)),
    );
    checks.push({ sequence, nextValue: String(called ? value + 1n : value), ok: after!.last === String(value) && after!.called === called });
  }
  return checks;
}

/** A quoted identifier. */
function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A table or sequence of the `public` schema, whatever the search path. */
function qualified(name: string): string {
  return `public.${quote(name)}`;
}
