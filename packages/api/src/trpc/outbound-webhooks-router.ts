import { z } from "zod";
import { idInput } from "../input/common-schemas.ts";
import { createOutboundWebhookInput, listOutboundDeliveriesInput, updateOutboundWebhookInput } from "../outbound-webhooks/outbound-webhook-schemas.ts";
import {
  createOutboundWebhook,
  deleteOutboundWebhook,
  getOutboundWebhook,
  listOutboundDeliveries,
  listOutboundWebhooks,
  sendOutboundTestEvent,
  updateOutboundWebhook,
} from "../outbound-webhooks/outbound-webhook-service.ts";
import { adminProcedure, router } from "./init.ts";

/** Outbound webhooks: admins register endpoints, read their delivery logs and send test events. */
export const outboundWebhooksRouter = router({
  list: adminProcedure.query(({ ctx }) => listOutboundWebhooks(ctx.services)),
  get: adminProcedure.input(z.strictObject({ id: idInput })).query(({ ctx, input }) => getOutboundWebhook(ctx.services, input.id)),
  create: adminProcedure
    .input(createOutboundWebhookInput)
    .mutation(({ ctx, input }) => createOutboundWebhook(ctx.services, input, { type: "user", id: ctx.user.id })),
  update: adminProcedure
    .input(z.strictObject({ id: idInput, changes: updateOutboundWebhookInput }))
    .mutation(({ ctx, input }) => updateOutboundWebhook(ctx.services, input.id, input.changes, { type: "user", id: ctx.user.id })),
  delete: adminProcedure
    .input(z.strictObject({ id: idInput }))
    .mutation(({ ctx, input }) => deleteOutboundWebhook(ctx.services, input.id, { type: "user", id: ctx.user.id })),
  sendTest: adminProcedure
    .input(z.strictObject({ id: idInput }))
    .mutation(({ ctx, input }) => sendOutboundTestEvent(ctx.services, input.id, { type: "user", id: ctx.user.id })),
  deliveries: adminProcedure.input(listOutboundDeliveriesInput.extend({ id: idInput })).query(({ ctx, input }) => {
    const { id, ...page } = input;
    return listOutboundDeliveries(ctx.services, id, page);
  }),
});
