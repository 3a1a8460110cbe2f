import { orderItems, orders } from "@confirma/db";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Services } from "../../context.ts";
import { safeText } from "../../input/safe-text.ts";
import { fromMinorUnits } from "../../money/money.ts";

/** `GET /api/products` and `orders.products`: part of a name or SKU, and how many to return. */
export const productCatalogueInput = z.strictObject({
  search: safeText({ trim: true })
    .max(200)
    .transform((value) => value || undefined)
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export interface CatalogueProduct {
  /** The product id of its latest line: sent back as the line's `id`. */
  id: string;
  name: string;
  sku: string | null;
  variantId: string | null;
  /** The unit price of its latest line, in `currency`. */
  price: number;
  currency: string;
  /** How many order lines named it. */
  uses: number;
}

/** How many of the latest orders the catalogue reads. */
const RECENT_ORDERS = 10_000;

/** `%text%` for ILIKE, its wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * The products already sold, read from the lines of the latest 10,000 orders (not test orders): one entry per name,
 * SKU, variant and currency, with the price of its latest line, most used first. `search` keeps
 * those whose name (ignoring case and accents) or SKU contains it. What the new-order dialog
 * offers, so an agent adds "Montre Elégance" in two keystrokes at the price it sold for.
 */
export async function listCatalogueProducts({ db }: Services, input: z.output<typeof productCatalogueInput>): Promise<CatalogueProduct[]> {
  // The latest orders only (by `orders_created_at_id_idx`): what sells now, read in a bounded time however old the shop.
  const recent = db
    .select({ id: orders.id, currency: orders.currency, createdAt: orders.createdAt })
    .from(orders)
    .where(eq(orders.isTest, false))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(RECENT_ORDERS)
    .as("recent");
  const conditions: SQL[] = [];
  if (input.search) {
    const pattern = containing(input.search);
    conditions.push(sql`(public.immutable_unaccent(${orderItems.name}) ilike public.immutable_unaccent(${pattern}) or ${orderItems.sku} ilike ${pattern})`);
  }
  const latest = sql`${recent.createdAt} desc, ${recent.id} desc, ${orderItems.position}`;
  const uses = sql<number>`count(*)::int`;
  const rows = await db
    .select({
      id: sql<string>`(array_agg(${orderItems.productId} order by ${latest}))[1]`,
      name: orderItems.name,
      sku: orderItems.sku,
      variantId: orderItems.variantId,
      priceMinor: sql<string>`(array_agg(${orderItems.unitPriceMinor} order by ${latest}))[1]`,
      currency: recent.currency,
      uses,
    })
    .from(recent)
    .innerJoin(orderItems, eq(orderItems.orderId, recent.id))
    .where(conditions.length ? and(...conditions) : undefined)
    .groupBy(orderItems.name, orderItems.sku, orderItems.variantId, recent.currency)
    .orderBy(desc(uses), orderItems.name)
    .limit(input.limit);
  return rows.map(({ priceMinor, ...row }) => ({ ...row, uses: Number(row.uses), price: fromMinorUnits(Number(priceMinor), row.currency) }));
}
