import { callOutcomes, orderItems, orders, statusChanges, users, type Executor } from "@confirma/db";
import { CALL_OUTCOMES, CONFIRMED_STATUSES, type CallOutcome } from "@confirma/domain";
import { and, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { figuresOf, type KpiFigures, type StatusCurrencyRow } from "./kpi-figures.ts";
import { kpiStatement } from "./kpi-statement.ts";

/** An instant range `[start, end)`, as SQL expressions. */
export interface InstantRange {
  start: SQL;
  end: SQL;
}

/** The most lines a product or city breakdown returns (the largest first). */
export const BREAKDOWN_LIMIT = 200;

export interface AgentRow {
  /** The user who recorded the calls; null for calls recorded without one (the integration key). */
  key: string | null;
  label: string | null;
  /** Call outcomes recorded in the period. */
  calls: number;
  outcomes: Record<CallOutcome, number>;
  /** Calls ending confirmed ÷ calls ending confirmed, cancelled or no answer. */
  confirmationRate: number | null;
}

type Row = KpiFigures & { key: string | null; label: string | null };

function grouped(rows: readonly (StatusCurrencyRow & { key: string; label: string | null })[], emptyKey = ""): Row[] {
  const groups = new Map<string, { label: string | null; rows: StatusCurrencyRow[] }>();
  for (const row of rows) {
    const group = groups.get(row.key) ?? { label: row.label, rows: [] };
    group.rows.push(row);
    groups.set(row.key, group);
  }
  return [...groups.entries()]
    .map(([key, group]) => ({ key: key === emptyKey ? null : key, label: group.label, ...figuresOf(group.rows) }))
    .sort((a, b) => b.received - a.received || String(a.label).localeCompare(String(b.label)))
    .slice(0, BREAKDOWN_LIMIT);
}

/**
 * By product: the period's orders holding each product (an order counts once per product, in its
 * current status); revenue is that product's lines (unit price × quantity), not the order totals.
 */
export async function productRows(db: Executor, range: InstantRange): Promise<Row[]> {
  const rows = await kpiStatement(db, (tx) =>
    tx
      .select({
        key: orderItems.productId,
        label: sql<string>`max(${orderItems.name})`,
        status: orders.status,
        currency: orders.currency,
        orders: sql<number>`count(distinct ${orders.id})`.mapWith(Number),
        amountMinor: sql<string>`sum(${orderItems.unitPriceMinor} * ${orderItems.quantity})::text`,
      })
      .from(orders)
      .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
      .where(and(gte(orders.createdAt, range.start), lt(orders.createdAt, range.end)))
      .groupBy(orderItems.productId, orders.status, orders.currency),
  );
  return grouped(rows, "\u0000");
}

/** The city of the shipping address, trimmed and lower-cased so `Casablanca` and `casablanca ` are one. */
const cityKey = sql<string>`coalesce(lower(btrim(${orders.shippingAddress} ->> 'city')), '')`;

/** By city of the shipping address; orders without one under `key: null`. */
export async function cityRows(db: Executor, range: InstantRange): Promise<Row[]> {
  const rows = await kpiStatement(db, (tx) =>
    tx
      .select({
        key: cityKey,
        label: sql<string | null>`nullif(min(btrim(${orders.shippingAddress} ->> 'city')), '')`,
        status: orders.status,
        currency: orders.currency,
        orders: sql<number>`count(*)`.mapWith(Number),
        amountMinor: sql<string>`sum(${orders.totalMinor})::text`,
      })
      .from(orders)
      .where(and(gte(orders.createdAt, range.start), lt(orders.createdAt, range.end)))
      .groupBy(sql`1`, orders.status, orders.currency),
  );
  return grouped(rows);
}

/** By agent: the call outcomes recorded in the period (by when they were recorded). */
export async function agentRows(db: Executor, range: InstantRange): Promise<AgentRow[]> {
  const rows = await kpiStatement(db, (tx) =>
    tx
      .select({
        key: callOutcomes.userId,
        label: sql<string | null>`coalesce(max(${users.name}), max(${users.email}))`,
        outcome: callOutcomes.outcome,
        n: sql<number>`count(*)`.mapWith(Number),
      })
      .from(callOutcomes)
      .leftJoin(users, eq(users.id, callOutcomes.userId))
      .where(and(gte(callOutcomes.createdAt, range.start), lt(callOutcomes.createdAt, range.end)))
      .groupBy(callOutcomes.userId, callOutcomes.outcome),
  );
  const agents = new Map<string | null, AgentRow>();
  for (const row of rows) {
    const agent = agents.get(row.key) ?? {
      key: row.key,
      label: row.label,
      calls: 0,
      outcomes: Object.fromEntries(CALL_OUTCOMES.map((outcome) => [outcome, 0])) as Record<CallOutcome, number>,
      confirmationRate: null,
    };
    agent.calls += row.n;
    agent.outcomes[row.outcome] += row.n;
    agents.set(row.key, agent);
  }
  return [...agents.values()]
    .map((agent) => {
      const decided = agent.outcomes.confirmed + agent.outcomes.cancelled + agent.outcomes.no_answer;
      return { ...agent, confirmationRate: decided ? agent.outcomes.confirmed / decided : null };
    })
    .sort((a, b) => b.calls - a.calls || String(a.label).localeCompare(String(b.label)));
}

/**
 * Median seconds from an order's creation to its first change to `confirmed`, over the period's
 * confirmed orders (confirmed or later); null when none. Orders created already confirmed (no
 * change recorded) are left out. Two range scans joined by hash (the period's orders, and the
 * confirmations since its start from their own partial index: an order is confirmed after it is
 * created) rather than one index probe per order; the first confirmation is taken per order after
 * the join, so only the period's own orders are grouped (grouping every confirmation since the
 * start first, those of the later orders too, took twice as long for the previous period).
 */
export async function medianTimeToConfirm(db: Executor, range: InstantRange): Promise<number | null> {
  const perOrder = db
    .select({ createdAt: orders.createdAt, firstAt: sql`min(${statusChanges.createdAt})`.as("first_at") })
    .from(orders)
    .innerJoin(statusChanges, eq(statusChanges.entityId, orders.id))
    .where(
      and(
        // Literals, not parameters: the partial index `status_changes_order_confirmed_idx` matches them in every plan.
        sql`${statusChanges.entity} = 'order' and ${statusChanges.toStatus} = 'confirmed'`,
        gte(statusChanges.createdAt, range.start),
        inArray(orders.status, [...CONFIRMED_STATUSES]),
        gte(orders.createdAt, range.start),
        lt(orders.createdAt, range.end),
      ),
    )
    .groupBy(orders.id)
    .as("per_order");
  const [row] = await kpiStatement(
    db,
    (tx) =>
      tx
        .select({
          median: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${perOrder.firstAt} - ${perOrder.createdAt}))`.mapWith(
            (value: unknown) => (value === null ? null : Math.round(Number(value))),
          ),
        })
        .from(perOrder),
    { workMem: "64MB" },
  );
  return row?.median ?? null;
}
