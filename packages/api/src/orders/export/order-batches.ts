import { orders } from "@confirma/db";
import { and, desc, lt } from "drizzle-orm";
import type { Services } from "../../context.ts";
import { orderConditions } from "../order-service.ts";
import type { OrderFilters } from "../order-schemas.ts";
import { toOrderViews, type OrderView } from "../order-view.ts";

/**
 * Every order matching `filters`, newest first, `batchSize` at a time: keyset reads over the id
 * (no OFFSET, no transaction held open between batches, so the embedded database keeps serving
 * others while a long export runs). Orders created meanwhile have newer ids and are not included.
 */
export async function* orderBatches({ db }: Pick<Services, "db">, filters: OrderFilters, { batchSize = 500 } = {}): AsyncGenerator<OrderView[]> {
  const conditions = orderConditions(db, filters);
  let before: string | undefined;
  for (;;) {
    const rows = await db
      .select()
      .from(orders)
      .where(and(...conditions, before ? lt(orders.id, before) : undefined))
      .orderBy(desc(orders.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield await toOrderViews(db, rows);
    if (rows.length < batchSize) return;
    before = rows.at(-1)!.id;
  }
}
