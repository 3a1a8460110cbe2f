import { z } from "zod";
import { idInput } from "../input/common-schemas.ts";
import { createOrderInput, listOrdersInput, orderStatusSchema, updateOrderDetailsProcedureInput } from "../orders/order-schemas.ts";
import { updateOrderDetails } from "../orders/update-order-details.ts";
import { changeOrderStatus, createOrder, dismissReview, getOrder, listOrders } from "../orders/order-service.ts";
import { requestConfirmationAgain } from "../confirmation/request-again.ts";
import { cancelDuplicate, mergeOrder } from "../orders/order-duplicates.ts";
import { importOrderStatuses } from "../orders/status-import/import-order-statuses.ts";
import { listCatalogueProducts, productCatalogueInput } from "../orders/lines/product-catalogue.ts";
import { replaceOrderLines } from "../orders/lines/replace-order-lines.ts";
import { productLineInput } from "../orders/order-schemas.ts";
import { protectedProcedure, router, userProcedure } from "./init.ts";

export const ordersRouter = router({
  list: protectedProcedure.input(listOrdersInput.prefault({})).query(({ ctx, input }) => listOrders(ctx.services, input)),
  get: protectedProcedure.input(z.strictObject({ id: idInput })).query(({ ctx, input }) => getOrder(ctx.services, input.id)),
  create: protectedProcedure.input(createOrderInput).mutation(({ ctx, input }) => createOrder(ctx.services, input, ctx.actor)),
  /** Shipped / delivered / returned from a courier's CSV (its text); `dryRun` reports what would change. */
  importStatuses: protectedProcedure
    .input(z.strictObject({ csv: z.string().max(1_000_000), dryRun: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => importOrderStatuses(ctx.services, input.csv, { dryRun: input.dryRun, actor: ctx.actor })),
  setStatus: protectedProcedure
    .input(z.strictObject({ id: idInput, status: orderStatusSchema }))
    .mutation(({ ctx, input }) => changeOrderStatus(ctx.services, input.id, input.status, ctx.actor)),
  /** Takes an order out of the review queue without changing its status ("leave pending"). */
  dismissReview: userProcedure.input(z.strictObject({ id: idInput })).mutation(({ ctx, input }) => dismissReview(ctx.services, input.id, ctx.actor)),
  /** Corrects the shipping address and/or the customer's phone (recorded in the order's history). */
  updateDetails: userProcedure
    .input(updateOrderDetailsProcedureInput)
    .mutation(({ ctx, input: { id, ...details } }) => updateOrderDetails(ctx.services, id, details, ctx.actor)),
  /** The products already sold (past order lines), most used first, searchable: the new-order dialog offers them. */
  products: protectedProcedure.input(productCatalogueInput.prefault({})).query(({ ctx, input }) => listCatalogueProducts(ctx.services, input)),
  /** Replaces the lines of a pending or no-answer order (recorded in its history); the total is recomputed. */
  replaceLines: userProcedure
    .input(z.strictObject({ id: idInput, products: z.array(productLineInput).max(200) }))
    .mutation(({ ctx, input }) => replaceOrderLines(ctx.services, input.id, input.products, ctx.actor)),
  /** Sends the confirmation request (template with buttons) again, as a new attempt with its own reminders. */
  requestConfirmation: userProcedure
    .input(z.strictObject({ id: idInput }))
    .mutation(({ ctx, input }) => requestConfirmationAgain(ctx.services, input.id, ctx.actor)),
  /** Merges a likely duplicate into another order of the customer: lines move, the duplicate is cancelled. */
  merge: userProcedure
    .input(z.strictObject({ id: idInput, into: idInput }))
    .mutation(({ ctx, input }) => mergeOrder(ctx.services, input.id, input.into, ctx.actor)),
  /** Cancels a likely duplicate of another order of the customer. */
  cancelDuplicate: userProcedure
    .input(z.strictObject({ id: idInput, of: idInput }))
    .mutation(({ ctx, input }) => cancelDuplicate(ctx.services, input.id, input.of, ctx.actor)),
});
