import { z } from "zod";
import { verifyWebhook } from "../standard-webhooks.ts";
import type { StoreAdapter, StoreOrder } from "../types.ts";

/**
 * `custom`: any other system posting Confirma's own order format, signed as Standard Webhooks
 * with the store's secret (the same scheme Confirma's outbound webhooks use):
 * `{ "type": "order.created" | "order.updated" | "order.cancelled", "data": { …order } }`.
 */

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((value) => value || null);
const decimal = z.union([
  z
    .number()
    .nonnegative()
    .transform((value) => String(value)),
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, "a decimal amount"),
]);

const address = z
  .object({
    name: optionalText(200),
    address1: optionalText(300),
    address2: optionalText(300),
    city: optionalText(120),
    region: optionalText(120),
    postcode: optionalText(40),
    country: optionalText(60),
    phone: optionalText(40),
  })
  .partial();

const order = z.object({
  id: z.union([text(128).min(1), z.number().int().transform(String)]),
  number: z.union([text(64), z.number().int().transform(String)]).nullish(),
  updatedAt: z.iso.datetime({ offset: true }).nullish(),
  cancelled: z.boolean().optional(),
  test: z.boolean().optional(),
  customer: z
    .object({ name: optionalText(200), phone: optionalText(40), email: optionalText(320), language: optionalText(35) })
    .partial()
    .optional(),
  shippingAddress: address.nullish(),
  products: z
    .array(
      z.object({
        id: z.union([text(128).min(1), z.number().int().transform(String)]),
        variantId: z.union([text(128), z.number().int().transform(String)]).nullish(),
        sku: optionalText(128),
        name: text(500).min(1),
        price: decimal,
        quantity: z.number().int().min(1).max(100_000),
      }),
    )
    .min(1)
    .max(200),
  total: decimal.nullish(),
  currency: z.string().trim().toUpperCase().length(3).nullish(),
  paymentMethod: optionalText(100),
  /** Defaults to true: the system posting to Confirma is usually a COD shop. */
  cashOnDelivery: z.boolean().optional(),
  note: optionalText(2000),
});

const delivery = z.object({
  type: z.enum(["order.created", "order.updated", "order.cancelled"]),
  data: order,
});

const TOPICS = { "order.created": "created", "order.updated": "updated", "order.cancelled": "cancelled" } as const;

export const customAdapter: StoreAdapter = {
  platform: "custom",
  setupHint:
    "POST JSON { type: order.created | order.updated | order.cancelled, data: { id, number, customer: { name, phone }, products: [{ id, name, price, quantity }], … } } signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) with the store's secret.",
  verify(request, store) {
    const verdict = verifyWebhook(store.webhookSecret, request.headers, request.rawBody);
    if (verdict.ok) return "valid";
    return verdict.reason === "missing" ? "missing" : "invalid";
  },
  parse(request) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(request.rawBody));
    } catch {
      return { ok: false, code: "invalid_payload", message: "the body is not JSON" };
    }
    const result = delivery.safeParse(json);
    if (!result.success) {
      const issue = result.error.issues[0];
      return { ok: false, code: "invalid_payload", message: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` };
    }
    const { type, data } = result.data;
    const shipping = data.shippingAddress ?? null;
    const storeOrder: StoreOrder = {
      externalId: data.id,
      externalNumber: data.number ?? null,
      updatedAt: data.updatedAt ?? null,
      cancelled: type === "order.cancelled" || data.cancelled === true,
      test: data.test ?? false,
      customerName: data.customer?.name ?? shipping?.name ?? null,
      customerLocale: data.customer?.language ?? null,
      email: data.customer?.email ?? null,
      phones: [data.customer?.phone, shipping?.phone].filter((phone): phone is string => Boolean(phone)),
      shippingAddress: shipping
        ? {
            name: shipping.name ?? null,
            address1: shipping.address1 ?? null,
            address2: shipping.address2 ?? null,
            city: shipping.city ?? null,
            region: shipping.region ?? null,
            postcode: shipping.postcode ?? null,
            country: shipping.country ?? null,
            phone: shipping.phone ?? null,
          }
        : null,
      items: data.products.map((product) => ({
        productId: product.id,
        variantId: product.variantId ?? null,
        sku: product.sku ?? null,
        title: product.name,
        unitPrice: product.price,
        quantity: product.quantity,
      })),
      total: data.total ?? null,
      currency: data.currency ?? null,
      paymentMethod: data.paymentMethod ?? null,
      cashOnDelivery: data.cashOnDelivery ?? true,
      note: data.note ?? null,
    };
    return { ok: true, deliveryId: request.headers.get("webhook-id")!, event: { kind: "order", topic: TOPICS[type], order: storeOrder } };
  },
};
