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

export const createOrderInput = z.strictObject({
  clientId: idInput,
  products: z.array(productLineInput).max(200),
  currency: z.string().trim().toUpperCase().optional(),
});

export const updateOrderInput = z.strictObject({
  status: orderStatusSchema,
});

export const listOrdersInput = z.strictObject({
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
  limit: listLimit,
  cursor: safeText().max(200).optional(),
});

export type CreateOrderInput = z.infer<typeof createOrderInput>;
export type ListOrdersInput = z.output<typeof listOrdersInput>;
