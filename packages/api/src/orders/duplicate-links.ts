import { orderDuplicates, type Executor } from "@confirma/db";
import { and, inArray, isNull, or } from "drizzle-orm";

/** The open duplicate links of these orders: for each, the other orders it is likely the same as. */
export async function openDuplicatesOf(tx: Executor, orderIds: readonly string[]): Promise<Map<string, string[]>> {
  const links = new Map<string, string[]>();
  if (orderIds.length === 0) return links;
  const ids = [...orderIds];
  const rows = await tx
    .select({ orderId: orderDuplicates.orderId, otherOrderId: orderDuplicates.otherOrderId })
    .from(orderDuplicates)
    .where(and(isNull(orderDuplicates.resolvedAt), or(inArray(orderDuplicates.orderId, ids), inArray(orderDuplicates.otherOrderId, ids))));
  const add = (from: string, to: string) => links.set(from, [...(links.get(from) ?? []), to]);
  for (const row of rows) {
    add(row.orderId, row.otherOrderId);
    add(row.otherOrderId, row.orderId);
  }
  for (const list of links.values()) list.sort();
  return links;
}
