import { orders, type Executor } from "@confirma/db";
import { customerRisk, EMPTY_HISTORY, type CustomerHistory, type CustomerRisk, type RiskRules } from "@confirma/domain";
import { count, inArray, min } from "drizzle-orm";
import { blocksOfClients } from "./blocklist-service.ts";

/**
 * Each client's orders by outcome, counted from the orders table in one grouped query
 * (`orders_client_id_status_idx` holds client, status and creation: no table read per order).
 * `confirmed` counts every order confirmed at some point (confirmed, shipped, delivered, returned).
 */
export async function historiesOf(tx: Executor, clientIds: readonly string[]): Promise<Map<string, CustomerHistory>> {
  const histories = new Map<string, CustomerHistory>();
  if (clientIds.length === 0) return histories;
  const rows = await tx
    .select({ clientId: orders.clientId, status: orders.status, orders: count(), firstAt: min(orders.createdAt) })
    .from(orders)
    .where(inArray(orders.clientId, [...new Set(clientIds)]))
    .groupBy(orders.clientId, orders.status);
  for (const row of rows) {
    const history = histories.get(row.clientId) ?? { ...EMPTY_HISTORY };
    history.orders += row.orders;
    if (row.status === "confirmed" || row.status === "shipped" || row.status === "delivered" || row.status === "returned") history.confirmed += row.orders;
    if (row.status === "cancelled") history.cancelled += row.orders;
    if (row.status === "no_answer") history.noAnswer += row.orders;
    if (row.status === "delivered") history.delivered += row.orders;
    if (row.status === "returned") history.returned += row.orders;
    // postgres.js hands `min()` of a timestamp back as text, PGlite as a Date.
    const firstAt = row.firstAt ? new Date(row.firstAt).toISOString() : null;
    if (firstAt && (history.firstOrderAt === null || firstAt < history.firstOrderAt)) history.firstOrderAt = firstAt;
    histories.set(row.clientId, history);
  }
  return histories;
}

export interface CustomerStanding {
  history: CustomerHistory;
  risk: CustomerRisk;
  /** The block of the client's number, when it is blocked. */
  blocked: { reason: string; createdAt: string } | null;
}

/** History, risk and block of each client, in three queries whatever the number of clients. */
export async function standingsOf(tx: Executor, clientIds: readonly string[], rules: RiskRules): Promise<Map<string, CustomerStanding>> {
  const [histories, blocks] = await Promise.all([historiesOf(tx, clientIds), blocksOfClients(tx, clientIds)]);
  const standings = new Map<string, CustomerStanding>();
  for (const clientId of new Set(clientIds)) {
    const history = histories.get(clientId) ?? { ...EMPTY_HISTORY };
    const block = blocks.get(clientId);
    standings.set(clientId, {
      history,
      risk: customerRisk(history, rules, block ? { reason: block.reason } : null),
      blocked: block ? { reason: block.reason, createdAt: block.createdAt.toISOString() } : null,
    });
  }
  return standings;
}
