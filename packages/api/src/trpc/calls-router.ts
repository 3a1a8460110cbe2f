import { z } from "zod";
import { idInput } from "../input/common-schemas.ts";
import {
  callQueueInput,
  claimInput,
  claimOrder,
  listCallOutcomes,
  listCallQueue,
  recordCallOutcome,
  recordOutcomeInput,
  releaseInput,
  releaseOrder,
} from "../calls/call-queue-service.ts";
import { protectedProcedure, router, userProcedure } from "./init.ts";

export const callsRouter = router({
  queue: protectedProcedure.input(callQueueInput.prefault({})).query(({ ctx, input }) => listCallQueue(ctx.services, input, ctx.user?.id ?? null)),
  /** "Prendre en charge"; an admin may take over another agent's claim with `takeOver: true` (audited). */
  claim: userProcedure.input(claimInput).mutation(({ ctx, input }) => claimOrder(ctx.services, input.orderId, ctx.user, { takeOver: input.takeOver })),
  /** Ends one's own claim; `conflict` when another agent holds the order. */
  release: userProcedure.input(releaseInput).mutation(async ({ ctx, input }) => {
    await releaseOrder(ctx.services, input.orderId, ctx.user.id);
    return { ok: true };
  }),
  recordOutcome: userProcedure.input(recordOutcomeInput).mutation(({ ctx, input }) => recordCallOutcome(ctx.services, input, ctx.actor)),
  outcomes: protectedProcedure.input(z.strictObject({ orderId: idInput })).query(({ ctx, input }) => listCallOutcomes(ctx.services, input.orderId)),
});
