import { ORDER_STATUSES } from "@confirma/domain";
import { z } from "zod";
import { safeText } from "../input/safe-text.ts";
import { idInput, listLimit } from "../input/common-schemas.ts";

export const orderStatusSchema = z.enum(ORDER_STATUSES);

/** A product line as integrations send it; price and quantity rules live in the order service. */
export const productLineInput = z.strictObject({
  id: z.union([safeText().min(1).max(128), z.number().int().transform(String)]),
  /** Tabs and line breaks pass: shops send them in product names, and messages show them well. */
  name: safeText({ trim: true, multiline: true }).min(1).max(500),
  price: z.number(),
  quantity: z.number(),
});

/** One line of a shipping address: trimmed, `""` or `null` clears it. */
const addressLine = (max: number) =>
  safeText({ trim: true })
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null));

/** The fields of an order's shipping address a person may correct; the ones left out keep their value. */
export const shippingAddressInput = z.strictObject({
  name: addressLine(200),
  address1: addressLine(300),
  address2: addressLine(300),
  city: addressLine(120),
  region: addressLine(120),
  postcode: addressLine(40),
  country: addressLine(60),
  phone: addressLine(40),
});

export const createOrderInput = z.strictObject({
  clientId: idInput,
  products: z.array(productLineInput).max(200),
  currency: z.string().trim().toUpperCase().optional(),
  /** Where to deliver (an order typed by hand: the address the customer gives on the phone). */
  shippingAddress: shippingAddressInput.optional(),
});

export const updateOrderInput = z.strictObject({
  status: orderStatusSchema,
});

/** A text filter: trimmed, 1 to 200 characters (an empty one is no filter). */
const textFilter = safeText({ trim: true })
  .max(200)
  .transform((value) => value || undefined)
  .optional();

/** What selects orders, shared by the list and the export. */
export const orderFiltersShape = {
  status: orderStatusSchema.optional(),
  clientId: idInput.optional(),
  /** Orders of one store. */
  storeId: idInput.optional(),
  needsReview: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]).optional(),
  /** Created at or after this instant (ISO 8601). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Created before this instant (ISO 8601). */
  to: z.iso.datetime({ offset: true }).optional(),
  /** Reached its current status at or after this instant (ISO 8601): "confirmed today", whenever created. */
  statusChangedFrom: z.iso.datetime({ offset: true }).optional(),
  /** Reached its current status before this instant (ISO 8601). */
  statusChangedTo: z.iso.datetime({ offset: true }).optional(),
  /** The order's number as the dashboard shows it (`#74A1CE`, `74a1ce`) or its full id. */
  number: textFilter,
  /** The order's number (`#74A1CE`), or part of its customer's name (ignoring case and accents) or phone (`06 12 34`). */
  search: textFilter,
  /** The store's order number (`#1001`, `1001`). */
  externalNumber: textFilter,
  /** Part of the shipping address's city, ignoring case and accents. */
  city: textFilter,
  /** Part of the shipping address (name, lines, postcode, region, country), ignoring case and accents. */
  address: textFilter,
  /** Part of a product line's name or SKU, ignoring case and accents. */
  item: textFilter,
};

export const listOrdersInput = z.strictObject({
  ...orderFiltersShape,
  limit: listLimit,
  cursor: safeText().max(200).optional(),
});

export type CreateOrderInput = z.infer<typeof createOrderInput>;
export type ListOrdersInput = z.output<typeof listOrdersInput>;
export type OrderFilters = Omit<ListOrdersInput, "limit" | "cursor">;

const orderDetailsFields = {
  /** Merged into the current address (`null` removes the whole address). */
  shippingAddress: shippingAddressInput.nullable().optional(),
  /** The customer's number as typed (`0661234567` reads with the store's country, else DEFAULT_COUNTRY). */
  phone: safeText({ trim: true }).min(1).max(40).optional(),
};
const somethingToChange = [
  (input: { shippingAddress?: unknown; phone?: unknown }) => input.shippingAddress !== undefined || input.phone !== undefined,
  "give shippingAddress or phone (or both)",
] as const;

/** `PATCH /api/orders/:id`: correct the shipping address and/or the customer's phone. */
export const updateOrderDetailsInput = z.strictObject(orderDetailsFields).refine(...somethingToChange);

/** `orders.updateDetails`: the same, with the order's id. */
export const updateOrderDetailsProcedureInput = z.strictObject({ id: idInput, ...orderDetailsFields }).refine(...somethingToChange);

export type UpdateOrderDetailsInput = z.output<typeof updateOrderDetailsInput>;

/** `PUT /api/orders/:id/lines`: the lines that replace a pending or no-answer order's. */
export const replaceOrderLinesInput = z.strictObject({ products: z.array(productLineInput).max(200) });

/** `POST /api/orders/:id/merge`: the order to move this one's lines into. */
export const mergeOrderInput = z.strictObject({ into: idInput });

/** `POST /api/orders/:id/cancel-duplicate`: the order this one duplicates. */
export const cancelDuplicateInput = z.strictObject({ of: idInput });
