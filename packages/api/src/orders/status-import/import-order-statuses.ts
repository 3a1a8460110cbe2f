import { orders, statusChanges, type Executor, type Order, type OrderStatus } from "@confirma/db";
import { parcelPath } from "@confirma/domain";
import { and, eq, like, max, sql } from "drizzle-orm";
import type { Actor } from "../../actor.ts";
import { nowOf, type Services } from "../../context.ts";
import { DomainError } from "../../errors/domain-error.ts";
import { transitionOrder } from "../transition-order.ts";
import { readImportDate, readImportStatus, readStatusImport, type ImportableStatus, type StatusImportRow } from "./status-import-csv.ts";

/** The most lines one file may carry. */
export const MAX_IMPORT_ROWS = 10_000;

export const IMPORT_OUTCOMES = ["applied", "unchanged", "not_found", "ambiguous", "invalid_status", "invalid_date", "invalid_transition"] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export interface ImportRowResult {
  line: number;
  reference: string;
  /** The status the line asks for, when understood. */
  status: ImportableStatus | null;
  outcome: ImportOutcome;
  orderId?: string;
  /** The order's status before the line (and after it, when applied). */
  from?: OrderStatus;
  to?: OrderStatus;
  message?: string;
}

export interface StatusImportReport {
  dryRun: boolean;
  /** How many lines ended in each outcome (in a dry run: would end). */
  counts: Record<ImportOutcome, number>;
  rows: ImportRowResult[];
}

/**
 * The orders a reference names: a full id, the dashboard's `#74A1CE` (the id's end), or a
 * store's order number (`#1001`, `1001`).
 */
async function ordersFor(db: Executor, reference: string): Promise<Pick<Order, "id">[]> {
  const plain = reference.replace(/^#/, "").trim();
  if (!plain) return [];
  const lower = plain.toLowerCase();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(lower)) {
    return db.select({ id: orders.id }).from(orders).where(eq(orders.id, lower));
  }
  const byStore = await db.select({ id: orders.id }).from(orders).where(sql`ltrim(${orders.externalNumber}, '#') = ${plain}`).limit(2);
  if (byStore.length > 0 || !/^[0-9a-f]{6}$/.test(lower)) return byStore;
  return db
    .select({ id: orders.id })
    .from(orders)
    .where(like(orders.id, `%${lower}`))
    .limit(2);
}

/** One line: resolved, checked, and applied in its own transaction unless `dryRun`. */
async function importRow(services: Services, row: StatusImportRow, actor: Actor, dryRun: boolean): Promise<ImportRowResult> {
  const status = readImportStatus(row.status);
  const base = { line: row.line, reference: row.reference, status };
  if (!status) return { ...base, outcome: "invalid_status", message: `"${row.status}" is not shipped, delivered or returned (expédié, livré, retourné)` };
  const date = row.date === null ? null : readImportDate(row.date);
  if (row.date !== null && !date) return { ...base, outcome: "invalid_date", message: `"${row.date}" is not a date (2025-11-28 or 28/11/2025)` };
  const found = await ordersFor(services.db, row.reference);
  if (found.length === 0) return { ...base, outcome: "not_found" };
  if (found.length > 1) return { ...base, outcome: "ambiguous", message: "several orders have this number: use the full id" };
  const orderId = found[0]!.id;

  const run = async (tx: Executor): Promise<ImportRowResult> => {
    const read = tx.select().from(orders).where(eq(orders.id, orderId));
    const [order] = dryRun ? await read : await read.for("update");
    if (!order) return { ...base, outcome: "not_found" };
    const result = { ...base, orderId, from: order.status };
    if (order.status === status) return { ...result, outcome: "unchanged", to: status };
    const path = parcelPath(order.status, status);
    if (!path) return { ...result, outcome: "invalid_transition", message: `a ${order.status} order cannot become ${status}` };
    if (dryRun) return { ...result, outcome: "applied", to: status };
    const at = date ? await changeTime(tx, order.id, date, nowOf(services)) : undefined;
    let current = order;
    for (const step of path) current = await transitionOrder(tx, current, step, { actor, reason: "import", ...(at ? { at } : {}) });
    return { ...result, outcome: "applied", to: status };
  };
  return dryRun ? run(services.db) : services.db.transaction(run);
}

/**
 * The courier's date, kept in the order's story: not before its latest status change (a parcel
 * is not delivered before it was confirmed here) and not in the future.
 */
async function changeTime(tx: Executor, orderId: string, date: Date, now: Date): Promise<Date> {
  const [latest] = await tx
    .select({ at: max(statusChanges.createdAt) })
    .from(statusChanges)
    .where(and(eq(statusChanges.entity, "order"), eq(statusChanges.entityId, orderId)));
  // The database keeps microseconds, a Date milliseconds: one more millisecond stays after it.
  const floor = latest?.at ? new Date(new Date(latest.at).getTime() + 1) : null;
  if (floor && date < floor) return floor;
  if (date > now) return now;
  return date;
}

/**
 * Sets shipped / delivered / returned from a courier's file (`status-import-csv.ts` reads it).
 * Each line stands alone: applied in its own transaction through the one transition module,
 * recorded with the caller and the reason `import`; a line that cannot apply is reported and
 * changes nothing. `dryRun` reports what would happen and writes nothing.
 */
export async function importOrderStatuses(
  services: Services,
  csv: string,
  { dryRun = false, actor }: { dryRun?: boolean; actor: Actor },
): Promise<StatusImportReport> {
  const { rows } = readStatusImport(csv);
  if (rows.length === 0) throw new DomainError("invalid_input", "the file has no lines: one order number and one status per line");
  if (rows.length > MAX_IMPORT_ROWS) throw new DomainError("invalid_input", `the file has ${rows.length} lines; at most ${MAX_IMPORT_ROWS} per import`);
  const results: ImportRowResult[] = [];
  for (const row of rows) results.push(await importRow(services, row, actor, dryRun));
  const counts = Object.fromEntries(IMPORT_OUTCOMES.map((outcome) => [outcome, 0])) as Record<ImportOutcome, number>;
  for (const result of results) counts[result.outcome]++;
  return { dryRun, counts, rows: results };
}
