import { z } from "zod";
import type { StoreAddress, StoreLineItem, StoreOrder } from "../types.ts";

/**
 * Shopify's order webhook payload (`orders/create`, `orders/updated`, `orders/cancelled`: the
 * REST Order resource) read into a StoreOrder. Shopify leaves most fields null rather than out,
 * so every optional field here accepts both.
 */

/** Shopify ids are integers that outgrow JS numbers (the docs' sample order is 820982911946154508): read as digits. */
const shopifyId = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative().transform(String)]);
const text = z
  .string()
  .nullish()
  .transform((value) => value?.trim() || null);
const decimal = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, "a decimal amount");

const address = z
  .object({
    first_name: text,
    last_name: text,
    name: text,
    address1: text,
    address2: text,
    city: text,
    province: text,
    province_code: text,
    zip: text,
    country: text,
    country_code: text,
    phone: text,
  })
  .partial()
  .nullish();

const lineItem = z.object({
  id: shopifyId.nullish(),
  product_id: shopifyId.nullish(),
  variant_id: shopifyId.nullish(),
  sku: text,
  title: z.string().trim().min(1),
  variant_title: text,
  name: text,
  price: decimal,
  quantity: z.number().int().min(0),
  /** Since API 2023-01: the quantity after order edits (removed lines keep their `quantity`). */
  current_quantity: z.number().int().min(0).nullish(),
});

const shopifyOrder = z.object({
  id: shopifyId,
  admin_graphql_api_id: text,
  name: text,
  updated_at: text,
  cancelled_at: text,
  test: z.boolean().nullish(),
  email: text,
  contact_email: text,
  phone: text,
  /** The language the customer used at checkout (`fr`, `ar-MA`). */
  customer_locale: text,
  customer: z.object({ first_name: text, last_name: text, email: text, phone: text }).partial().nullish(),
  shipping_address: address,
  billing_address: address,
  line_items: z.array(lineItem).max(500),
  total_price: decimal.nullish(),
  /** The total after order edits and refunds: what is left to collect on delivery. */
  current_total_price: decimal.nullish(),
  currency: text,
  payment_gateway_names: z.array(z.string()).nullish(),
  gateway: text,
  financial_status: text,
  /** `fulfilled` once every line has shipped (null, `partial`, `restocked` otherwise). */
  fulfillment_status: text,
  fulfillments: z
    .array(z.object({ status: text, shipment_status: text }).partial())
    .max(100)
    .nullish(),
  note: text,
});

type ShopifyAddress = z.output<typeof address>;

/**
 * JSON.parse that keeps integers beyond 2^53 exact (as their digits): Shopify's ids are 64-bit.
 * Runtimes without the reviver's source text fall back to `admin_graphql_api_id` for the order id.
 */
export function parseShopifyJson(raw: string): unknown {
  return JSON.parse(raw, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value) && context?.source ? context.source : value,
  );
}

export type ShopifyOrderResult = { ok: true; order: StoreOrder } | { ok: false; message: string };

/** Reads one order payload; `cancelled` is also set by the `orders/cancelled` topic itself. */
export function readShopifyOrder(json: unknown, { cancelledTopic = false } = {}): ShopifyOrderResult {
  const result = shopifyOrder.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, message: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` };
  }
  const data = result.data;
  const gid = data.admin_graphql_api_id?.match(/^gid:\/\/shopify\/Order\/(\d+)$/)?.[1];
  const customerName = joinName(data.customer?.first_name, data.customer?.last_name);
  const gateways = data.payment_gateway_names?.length ? data.payment_gateway_names : data.gateway ? [data.gateway] : [];
  const phones = [data.phone, data.customer?.phone, data.shipping_address?.phone, data.billing_address?.phone].filter(
    (phone, index, all): phone is string => Boolean(phone) && all.indexOf(phone) === index,
  );
  return {
    ok: true,
    order: {
      externalId: gid ?? data.id,
      externalNumber: data.name,
      updatedAt: data.updated_at,
      cancelled: cancelledTopic || data.cancelled_at !== null,
      test: data.test === true,
      customerName: customerName ?? addressName(data.shipping_address) ?? addressName(data.billing_address),
      customerLocale: data.customer_locale ?? null,
      email: data.email ?? data.contact_email ?? data.customer?.email ?? null,
      phones,
      shippingAddress: toAddress(data.shipping_address),
      items: lineItems(data.line_items),
      total: data.current_total_price ?? data.total_price ?? null,
      currency: data.currency?.toUpperCase() ?? null,
      paymentMethod: gateways.length ? gateways.join(", ") : null,
      cashOnDelivery: isCashOnDelivery(gateways, data.financial_status),
      note: customerNote(data.note),
      ...parcelField(parcelOf(data)),
    },
  };
}

/** `{ parcel }` when the platform said where the parcel is, nothing otherwise. */
function parcelField(parcel: "shipped" | "delivered" | null) {
  return parcel ? { parcel } : {};
}

/**
 * Shopify's word for the parcel: every successful fulfillment's carrier status `delivered` →
 * delivered; the order `fulfilled` (every line shipped) → shipped; anything else says nothing.
 * Returns are not read: a Shopify return or refund does not say the parcel came back.
 */
function parcelOf(data: { fulfillment_status?: string | null; fulfillments?: { status?: string | null; shipment_status?: string | null }[] | null }) {
  const shipped = (data.fulfillments ?? []).filter((fulfillment) => fulfillment.status === "success");
  if (shipped.length > 0 && shipped.every((fulfillment) => fulfillment.shipment_status === "delivered")) return "delivered" as const;
  if (data.fulfillment_status === "fulfilled") return "shipped" as const;
  return null;
}

/**
 * The order note without the lines Confirma's write-back appended: Shopify sends the order back
 * (`orders/updated`) after each write-back, and those lines are not what the customer wrote.
 */
function customerNote(note: string | null): string | null {
  if (note === null) return null;
  return (
    note
      .split(/\r?\n/)
      .filter((line) => !line.startsWith("Confirma: "))
      .join("\n")
      .trim() || null
  );
}

function lineItems(lines: z.output<typeof lineItem>[]): StoreLineItem[] {
  // Lines removed by an order edit keep their original `quantity` but a `current_quantity` of 0.
  const current = lines.filter((line) => line.current_quantity !== 0);
  return (current.length > 0 ? current : lines).map((line) => ({
    // A custom line (draft orders) has no product: its line id stands in.
    productId: line.product_id ?? `line:${line.id ?? line.title}`,
    variantId: line.variant_id ?? null,
    sku: line.sku,
    title: line.name ?? (line.variant_title ? `${line.title} - ${line.variant_title}` : line.title),
    unitPrice: line.price,
    quantity: line.current_quantity || line.quantity,
  }));
}

function joinName(first: string | null | undefined, last: string | null | undefined): string | null {
  return [first, last].filter(Boolean).join(" ") || null;
}

function addressName(value: ShopifyAddress): string | null {
  return value ? (value.name ?? joinName(value.first_name, value.last_name)) : null;
}

function toAddress(value: ShopifyAddress): StoreAddress | null {
  if (!value) return null;
  return {
    name: addressName(value),
    address1: value.address1 ?? null,
    address2: value.address2 ?? null,
    city: value.city ?? null,
    region: value.province ?? value.province_code ?? null,
    postcode: value.zip ?? null,
    country: value.country_code?.toUpperCase() ?? value.country ?? null,
    phone: value.phone ?? null,
  };
}

/**
 * Cash on delivery as Shopify records it: the manual payment method Shopify offers is named
 * "Cash on Delivery (COD)", COD form apps name theirs "COD …", "… Cash on Delivery", and merchants
 * rename it in their language ("Paiement à la livraison", "الدفع عند الاستلام"). A draft order
 * marked as payment pending comes through the `manual` gateway with nothing paid: for a COD
 * merchant that is an order collected on delivery too.
 */
const COD_PATTERNS = [
  /\bcod\b/,
  /cash[\s_-]*on[\s_-]*delivery/,
  /(pay(ment)?|collect)[\s_-]*on[\s_-]*delivery/,
  /(paiement|payer|paye|reglement)\s+(a|à)\s+la\s+livraison/,
  /contre[\s-]*remboursement/,
  /contra[\s-]*(reembolso|entrega)/,
  /الدفع\s*عند\s*(الاستلام|التسليم|التوصيل)/,
];

export function isCashOnDelivery(gateways: readonly string[], financialStatus: string | null = null): boolean {
  return gateways.some((gateway) => {
    const name = gateway
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .trim();
    if (COD_PATTERNS.some((pattern) => pattern.test(name))) return true;
    return name === "manual" && (financialStatus === "pending" || financialStatus === null);
  });
}
