import { currencyDigits } from "@confirma/domain";
import { z } from "zod";
import type { StoreAddress, StoreLineItem, StoreOrder } from "../types.ts";
import { divideAmounts } from "./woocommerce-money.ts";

/**
 * The REST API v3 order (what a WooCommerce webhook carries: the `GET /wc/v3/orders/{id}` answer)
 * read into a StoreOrder. Lenient where WooCommerce and its plugins vary (null or missing address
 * fields, numbers where strings are documented, over-long texts cut rather than refused):
 * WooCommerce never retries a delivery, so an order refused here would be lost.
 */

/** Optional text: trimmed, cut to `max`, empty → null. */
const text = (max: number) =>
  z
    .union([z.string(), z.number()])
    .nullish()
    .transform((value) => {
      const trimmed = value === null || value === undefined ? "" : String(value).trim();
      return trimmed ? trimmed.slice(0, max) : null;
    });
/** A decimal amount: WooCommerce documents strings ("29.35"); a plugin may send a number. */
const amount = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === "" ? null : String(value)));
const wholeNumber = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const address = z
  .object({
    first_name: text(100),
    last_name: text(100),
    company: text(200),
    address_1: text(300),
    address_2: text(300),
    city: text(120),
    state: text(120),
    postcode: text(40),
    country: text(60),
    email: text(320),
    phone: text(40),
  })
  .partial()
  .nullish();

const lineItem = z.object({
  id: wholeNumber.optional(),
  name: text(500),
  product_id: wholeNumber.nullish(),
  variation_id: wholeNumber.nullish(),
  quantity: z.number(),
  subtotal: amount,
  subtotal_tax: amount,
  total: amount,
  total_tax: amount,
  sku: text(128),
  price: z.number().nullish(),
});
type WooLineItem = z.output<typeof lineItem>;

export const wooOrderSchema = z.object({
  id: z.number().int().positive(),
  number: text(64),
  status: z.string(),
  currency: text(3),
  date_modified_gmt: text(40),
  date_created_gmt: text(40),
  total: amount,
  prices_include_tax: z.boolean().nullish(),
  customer_note: text(2000),
  billing: address,
  shipping: address,
  payment_method: text(100),
  payment_method_title: text(200),
  line_items: z.array(lineItem).max(500).nullish(),
});
export type WooOrder = z.output<typeof wooOrderSchema>;
type WooAddress = NonNullable<WooOrder["billing"]>;

/** `2026-11-29T10:00:00` (WooCommerce's GMT dates carry no zone) → `2026-11-29T10:00:00Z`. */
export function gmt(date: string | null | undefined): string | null {
  if (!date) return null;
  const iso = /(Z|[+-]\d\d:?\d\d)$/.test(date) ? date : `${date}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

function fullName(part: WooAddress | null | undefined): string | null {
  return [part?.first_name, part?.last_name].filter(Boolean).join(" ") || null;
}

function hasAddress(part: WooAddress | null | undefined): part is WooAddress {
  return Boolean(part?.address_1 || part?.city);
}

function toAddress(part: WooAddress): StoreAddress {
  return {
    name: fullName(part) ?? part.company ?? null,
    address1: part.address_1 ?? null,
    address2: part.address_2 ?? null,
    city: part.city ?? null,
    region: part.state ?? null,
    postcode: part.postcode ?? null,
    country: part.country ?? null,
    phone: part.phone ?? null,
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ndash: "–", mdash: "—", times: "×", hellip: "…" };

/** WordPress stores product titles HTML-encoded (`Djellaba &ndash; Taille: M`): the WhatsApp text wants the characters. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (entity, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/**
 * One line's unit price: the line before discounts (`subtotal`, plus `subtotal_tax` when the
 * store's prices include tax, so the price is the one the customer saw) divided by the quantity.
 * Discounts, shipping and fees are in the order's total, which is taken as WooCommerce gives it.
 */
function unitPrice(item: WooLineItem, quantity: number, pricesIncludeTax: boolean, digits: number): string | null {
  const before = item.subtotal ?? item.total;
  if (before === null) return item.price === null || item.price === undefined ? null : divideAmounts([String(item.price)], 1, digits);
  const tax = pricesIncludeTax ? (item.subtotal === null ? item.total_tax : item.subtotal_tax) : null;
  return divideAmounts(tax ? [before, tax] : [before], quantity, digits);
}

/** The WooCommerce order as a StoreOrder, or the first amount Confirma cannot read. */
export function toStoreOrder(order: WooOrder): { ok: true; order: StoreOrder } | { ok: false; problem: string } {
  const digits = (order.currency ? currencyDigits(order.currency.toUpperCase()) : null) ?? 2;
  const items: StoreLineItem[] = [];
  for (const [index, item] of (order.line_items ?? []).entries()) {
    // A line an admin emptied is nothing to deliver.
    if (!(item.quantity > 0)) continue;
    const title = decodeEntities(item.name ?? `Product ${item.product_id ?? index + 1}`);
    // A fractional quantity (a plugin selling by weight or length) becomes one line at the line's
    // amount, its quantity kept in the title: the order and its total stay exact.
    const whole = Number.isSafeInteger(item.quantity);
    const price = unitPrice(item, whole ? item.quantity : 1, order.prices_include_tax === true, digits);
    if (price === null) return { ok: false, problem: `line_items.${index + 1}: the line has no readable amount` };
    items.push({
      productId: item.product_id ? String(item.product_id) : `line-${item.id ?? index + 1}`,
      variantId: item.variation_id ? String(item.variation_id) : null,
      sku: item.sku,
      title: whole ? title : `${title} × ${item.quantity}`,
      unitPrice: price,
      quantity: whole ? item.quantity : 1,
    });
  }
  // The amount the courier collects: an unreadable one is refused, never replaced by the lines' sum.
  const total = order.total === null ? null : divideAmounts([order.total], 1, digits);
  if (order.total !== null && total === null) return { ok: false, problem: `total: \`${order.total.slice(0, 40)}\` is not a decimal amount` };
  const shipping = hasAddress(order.shipping) ? order.shipping : hasAddress(order.billing) ? order.billing : null;
  return {
    ok: true,
    order: {
      externalId: String(order.id),
      externalNumber: `#${(order.number ?? String(order.id)).replace(/^#/, "")}`,
      updatedAt: gmt(order.date_modified_gmt) ?? gmt(order.date_created_gmt),
      cancelled: order.status === "cancelled",
      test: false,
      customerName: fullName(order.billing) ?? fullName(order.shipping),
      email: order.billing?.email ?? null,
      phones: [order.billing?.phone, order.shipping?.phone].filter((phone): phone is string => Boolean(phone)),
      shippingAddress: shipping ? toAddress(shipping) : null,
      items,
      total,
      currency: order.currency ? order.currency.toUpperCase() : null,
      paymentMethod: order.payment_method ?? order.payment_method_title,
      cashOnDelivery: order.payment_method === "cod",
      note: order.customer_note,
    },
  };
}
