import { z } from "zod";
import {
  createCannedReply,
  createCannedReplyInput,
  deleteCannedReply,
  deliveryDateInput,
  listCannedReplies,
  listCannedRepliesInput,
  saveDeliveryDate,
  updateCannedReply,
  updateCannedReplyInput,
} from "../canned-replies/canned-reply-service.ts";
import { idInput } from "../input/common-schemas.ts";
import { adminProcedure, protectedProcedure, router } from "./init.ts";

/** Quick replies: every signed-in user reads them, admins write them. */
export const cannedRepliesRouter = router({
  list: protectedProcedure.input(listCannedRepliesInput.prefault({})).query(({ ctx, input }) => listCannedReplies(ctx.services, input)),
  create: adminProcedure.input(createCannedReplyInput).mutation(({ ctx, input }) => createCannedReply(ctx.services, input, ctx.actor)),
  update: adminProcedure
    .input(z.strictObject({ id: idInput, patch: updateCannedReplyInput }))
    .mutation(({ ctx, input }) => updateCannedReply(ctx.services, input.id, input.patch, ctx.actor)),
  delete: adminProcedure.input(z.strictObject({ id: idInput })).mutation(async ({ ctx, input }) => {
    await deleteCannedReply(ctx.services, input.id, ctx.actor);
    return { ok: true };
  }),
  /** The delivery time `{delivery_date}` says ("48 à 72 h"); empty clears it. */
  setDeliveryDate: adminProcedure.input(deliveryDateInput).mutation(({ ctx, input }) => saveDeliveryDate(ctx.services, input.deliveryDate, ctx.actor)),
});
