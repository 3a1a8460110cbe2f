import { orderItems, type Executor, type Order, type OrderItem } from "@confirma/db";
import { asc, inArray } from "drizzle-orm";
import { fromMinorUnits } from "../money/money.ts";

export interface ProductLineView {
  id: string;
  name: string;
  price: number;
  quantity: number;
}

/** The order as the API shows it: money as exact decimals computed from minor units. */
export interface OrderView {
  id: string;
  clientId: string;
  status: Order["status"];
  currency: string;
  total: number;
  products: ProductLineView[];
  needsReview: boolean;
  reviewMessageId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toOrderView(order: Order, items: OrderItem[]): OrderView {
  return {
    id: order.id,
    clientId: order.clientId,
    status: order.status,
    currency: order.currency,
    total: fromMinorUnits(order.totalMinor, order.currency),
    products: items.map((item) => ({
      id: item.productId,
      name: item.name,
      price: fromMinorUnits(item.unitPriceMinor, order.currency),
      quantity: item.quantity,
    })),
    needsReview: order.needsReview,
    reviewMessageId: order.reviewMessageId,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

/** Loads the product lines of many orders in one query. */
export async function toOrderViews(tx: Executor, rows: Order[]): Promise<OrderView[]> {
  if (rows.length === 0) return [];
  const items = await tx
    .select()
    .from(orderItems)
    .where(inArray(orderItems.orderId, rows.map((row) => row.id)))
    .orderBy(asc(orderItems.orderId), asc(orderItems.position));
  const byOrder = Map.groupBy(items, (item) => item.orderId);
  return rows.map((row) => toOrderView(row, byOrder.get(row.id) ?? []));
}
