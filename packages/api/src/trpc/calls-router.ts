import { z } from "zod";
import { idInput } from "../clients/client-schemas.ts";
import { callQueueInput, claimInput, claimOrder, listCallOutcomes, listCallQueue, recordCallOutcome, recordOutcomeInput, releaseOrder } from "../calls/call-queue-service.ts";
import { protectedProcedure, router, userProcedure } from "./init.ts";

export const callsRouter = router({
  queue: protectedProcedure.input(callQueueInput.prefault({})).query(({ ctx, input }) => listCallQueue(ctx.services, input)),
  claim: userProcedure.input(claimInput).mutation(({ ctx, input }) => claimOrder(ctx.services, input.orderId, ctx.user.id)),
  release: userProcedure.input(claimInput).mutation(async ({ ctx, input }) => {
    await releaseOrder(ctx.services, input.orderId, ctx.user.id);
    return { ok: true };
  }),
  recordOutcome: userProcedure.input(recordOutcomeInput).mutation(({ ctx, input }) => recordCallOutcome(ctx.services, input, ctx.actor)),
  outcomes: protectedProcedure.input(z.strictObject({ orderId: idInput })).query(({ ctx, input }) => listCallOutcomes(ctx.services, input.orderId)),
});
