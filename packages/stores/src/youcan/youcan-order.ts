import { z } from "zod";
import type { StoreAddress, StoreEvent, StoreOrder } from "../types.ts";

/**
 * A YouCan `order.create` REST hook body: the order itself, no envelope
 * (https://developer.youcan.shop/store-admin/resthooks/subscribe, "Example Webhook Payload"),
 * shaped like `GET /orders/{id}` (https://developer.youcan.shop/store-admin/orders/get):
 * `{ id, ref, total, currency, status, notes, created_at, updated_at?, status_object?,
 *    customer: { first_name, last_name, email, phone, city?, region?, country? },
 *    shipping: { address }, payment: { status_text, payload: { gateway: "cod" }, address },
 *    variants: [{ id, price, quantity, variant: { id, sku, values, product: { id, name } } }] }`.
 * Money comes as JSON numbers (`"total": 300`): they are read as the text they were written with,
 * so `299.90` stays exact. PHP writes an empty object as `[]` (`"address": []`), so an empty list
 * stands for "none" wherever an object is expected.
 */

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((value) => value || null);
const id = text(128).min(1);
/** Decimal text (`"300"`, `"299.90"`): every JSON number reaches the schema as the text it was written with. */
const money = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, "a decimal amount");
const quantity = z
  .string()
  .regex(/^\d{1,6}$/, "a whole number")
  .transform(Number)
  .refine((value) => value >= 1, "at least 1");

/** An object PHP may have written as `[]` when empty, or (addresses) as a list: the first one counts. */
function phpObject<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (Array.isArray(value) ? (value[0] ?? null) : value), schema.nullish());
}

const address = z
  .object({
    first_name: optionalText(120),
    last_name: optionalText(120),
    company: optionalText(200),
    first_line: optionalText(300),
    second_line: optionalText(300),
    city: optionalText(120),
    region: optionalText(120),
    state: optionalText(120),
    zip_code: optionalText(40),
    country_code: optionalText(60),
    phone: optionalText(40),
  })
  .partial();

const line = z.object({
  id: id.nullish(),
  price: money,
  quantity,
  variant: z.object({
    id: id.nullish(),
    sku: optionalText(128),
    values: z.array(z.unknown()).nullish(),
    product: z.object({ id: id.nullish(), slug: optionalText(300), name: text(500).min(1) }),
  }),
});

const order = z.object({
  id,
  ref: optionalText(64),
  total: money.nullish(),
  currency: z.string().trim().toUpperCase().length(3).nullish(),
  notes: optionalText(2000),
  updated_at: optionalText(64),
  status_object: phpObject(z.object({ slug: optionalText(60) }).partial()),
  customer: phpObject(
    z
      .object({
        first_name: optionalText(120),
        last_name: optionalText(120),
        email: optionalText(320),
        phone: optionalText(40),
        city: optionalText(120),
        region: optionalText(120),
        country: optionalText(60),
      })
      .partial(),
  ),
  shipping: phpObject(z.object({ address: phpObject(address) }).partial()),
  payment: phpObject(
    z
      .object({
        status_text: optionalText(60),
        payload: phpObject(z.object({ gateway: optionalText(100) }).partial()),
        address: phpObject(address),
      })
      .partial(),
  ),
  variants: z.array(line).min(1).max(500),
});

type YoucanOrder = z.output<typeof order>;
type YoucanAddress = z.output<typeof address>;

export type ReadDelivery = { ok: true; event: StoreEvent } | { ok: false; message: string };

/** Reads an authenticated delivery: an order becomes `created`; another REST hook event (`inventory.low`, …) is ignored. */
export function readYoucanDelivery(rawBody: Uint8Array): ReadDelivery {
  let json: unknown;
  try {
    json = parseKeepingNumberText(new TextDecoder("utf-8", { fatal: true }).decode(rawBody));
  } catch {
    return { ok: false, message: "the body is not JSON" };
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return { ok: false, message: "the body is not a JSON object" };
  // `order.create` posts the bare order. The subscription is per URL, so another event reaches us
  // only if the merchant pointed it here too: a body that is not an order is answered and dropped.
  if (!("id" in json) || !("variants" in json)) return { ok: true, event: { kind: "ignored", reason: "not an order.create payload (no id and variants)" } };
  const result = order.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, message: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, event: { kind: "order", topic: "created", order: toStoreOrder(result.data) } };
}

/** JSON.parse, with every number replaced by the exact text it was written with. */
function parseKeepingNumberText(source: string): unknown {
  return JSON.parse(source, (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === "number" ? (context?.source ?? String(value)) : value,
  );
}

function fullName(first: string | null | undefined, last: string | null | undefined): string | null {
  return [first, last].filter(Boolean).join(" ") || null;
}

function toAddress(source: YoucanAddress): StoreAddress {
  return {
    name: fullName(source.first_name, source.last_name) ?? source.company ?? null,
    address1: source.first_line ?? null,
    address2: source.second_line ?? null,
    city: source.city ?? null,
    region: source.region ?? source.state ?? null,
    postcode: source.zip_code ?? null,
    country: source.country_code?.toUpperCase() ?? null,
    phone: source.phone ?? null,
  };
}

function toStoreOrder(data: YoucanOrder): StoreOrder {
  const customer = data.customer ?? {};
  const customerName = fullName(customer.first_name, customer.last_name);
  const shipping = data.shipping?.address ? toAddress(data.shipping.address) : null;
  const billing = data.payment?.address ? toAddress(data.payment.address) : null;
  // Many COD checkouts ask only for name, phone and city, which YouCan keeps on the customer:
  // without a shipping address, that is where the parcel goes.
  const customerPlace =
    customer.city || customer.region || customer.country
      ? {
          name: customerName,
          address1: null,
          address2: null,
          city: customer.city ?? null,
          region: customer.region ?? null,
          postcode: null,
          country: customer.country ?? null,
          phone: customer.phone ?? null,
        }
      : null;
  const gateway = data.payment?.payload?.gateway ?? null;
  const paid = ["paid", "captured"].includes(data.payment?.status_text?.toLowerCase() ?? "");
  return {
    externalId: data.id,
    // YouCan shows an order as `#` + its ref (`Order #021A is already fulfilled.`).
    externalNumber: data.ref ? `#${data.ref}` : null,
    updatedAt: data.updated_at && !Number.isNaN(Date.parse(data.updated_at)) ? data.updated_at : null,
    cancelled: data.status_object?.slug === "canceled-by-seller",
    test: false,
    customerName: customerName ?? shipping?.name ?? null,
    email: customer.email ?? null,
    phones: [customer.phone, shipping?.phone, billing?.phone].filter((phone): phone is string => Boolean(phone)),
    shippingAddress: shipping ?? customerPlace,
    items: data.variants.map((entry) => {
      const values = (entry.variant.values ?? []).filter((value): value is string => typeof value === "string" && value !== "default");
      return {
        productId: entry.variant.product.id ?? entry.variant.product.slug ?? entry.variant.id ?? entry.id ?? entry.variant.product.name,
        variantId: entry.variant.id ?? null,
        sku: entry.variant.sku,
        title: values.length > 0 ? `${entry.variant.product.name} (${values.join(" / ")})` : entry.variant.product.name,
        unitPrice: entry.price,
        quantity: entry.quantity,
      };
    }),
    total: data.total ?? null,
    currency: data.currency ?? null,
    paymentMethod: gateway,
    // The gateway says it (`cod`); an order that names none is COD unless it is already paid.
    cashOnDelivery: gateway ? gateway.toLowerCase() === "cod" : !paid,
    note: data.notes,
  };
}
