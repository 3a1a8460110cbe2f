import { AWAITING_REPLY } from "@confirma/domain";
import { orderItems, orders, recordChanges, type Order, type OrderItem } from "@confirma/db";
import { asc, eq, sql } from "drizzle-orm";
import type { Actor } from "../../actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { assertClaimAllows } from "../../calls/claim-guard.ts";
import { nowOf, type Services } from "../../context.ts";
import { DomainError } from "../../errors/domain-error.ts";
import { fromMinorUnits, orderTotalMinor } from "../../money/money.ts";
import { toOrderViews, type OrderView } from "../order-view.ts";
import { priceLines, type ProductLine } from "./price-lines.ts";

/** Orders whose lines a person may still change: those still waiting for the customer's answer. */
const EDITABLE = new Set<Order["status"]>(AWAITING_REPLY);

interface LineRecord {
  id: string;
  name: string;
  price: number;
  quantity: number;
}

const lineRecord = (line: Pick<OrderItem, "productId" | "name" | "unitPriceMinor" | "quantity">, currency: string): LineRecord => ({
  id: line.productId,
  name: line.name,
  price: fromMinorUnits(line.unitPriceMinor, currency),
  quantity: line.quantity,
});

/**
 * A person changes a pending or no-answer order's lines during the call (quantities, lines added
 * or removed, an upsell): the given lines replace the order's, in the order given. 409
 * `illegal_transition` for any other status; the claim rules apply as for every order action.
 * The total is recomputed exactly: the new lines' sum plus what the old total held besides its
 * lines (a store's shipping or discount, 0 for an order typed in Confirma), never below 0. A line
 * keeping a product id keeps its store variant and SKU. Recorded as `order.lines_changed` (who,
 * lines and total before and after); nothing changed → nothing recorded.
 */
export async function replaceOrderLines(services: Services, id: string, products: readonly ProductLine[], actor: Actor): Promise<OrderView> {
  const now = nowOf(services);
  return services.db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, id)).for("update");
    if (!order) throw new DomainError("not_found", `no order \`${id}\``);
    if (!EDITABLE.has(order.status)) throw new DomainError("illegal_transition", `the lines of a ${order.status} order cannot change`);
    await assertClaimAllows(tx, order, actor, now);
    const lines = priceLines(products, order.currency);
    const current = await tx.select().from(orderItems).where(eq(orderItems.orderId, id)).orderBy(asc(orderItems.position));
    const before = current.map((line) => lineRecord(line, order.currency));
    const after = lines.map((line) => lineRecord(line, order.currency));
    if (JSON.stringify(before) === JSON.stringify(after)) {
      const [view] = await toOrderViews(tx, [order]);
      return view!;
    }
    const besidesLines = order.totalMinor - orderTotalMinor(current);
    const totalMinor = Math.max(0, orderTotalMinor(lines) + besidesLines);
    const storeKeys = new Map(current.map((line) => [line.productId, { variantId: line.variantId, sku: line.sku }]));
    await tx.delete(orderItems).where(eq(orderItems.orderId, id));
    await tx.insert(orderItems).values(
      lines.map((line) => ({
        ...line,
        orderId: id,
        variantId: storeKeys.get(line.productId)?.variantId ?? null,
        sku: storeKeys.get(line.productId)?.sku ?? null,
      })),
    );
    const [updated] = await tx.update(orders).set({ totalMinor, updatedAt: sql`now()` }).where(eq(orders.id, id)).returning();
    await recordAudit(tx, actor, "order.lines_changed", id, {
      before: { lines: before, total: fromMinorUnits(order.totalMinor, order.currency) },
      after: { lines: after, total: fromMinorUnits(totalMinor, order.currency) },
      currency: order.currency,
    });
    await recordChanges(tx, [{ entity: "order", entityId: id, action: "updated", clientId: order.clientId }]);
    const [view] = await toOrderViews(tx, [updated!]);
    return view!;
  });
}
