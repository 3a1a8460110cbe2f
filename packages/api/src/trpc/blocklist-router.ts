import { blockPhone, blockPhoneInput, listBlocklist, listBlocklistInput, unblockPhone, unblockPhoneInput } from "../customers/blocklist-service.ts";
import { adminProcedure, protectedProcedure, router } from "./init.ts";

export const blocklistRouter = router({
  list: protectedProcedure.input(listBlocklistInput.prefault({})).query(({ ctx, input }) => listBlocklist(ctx.services, input)),
  /** Blocks a number: its new orders are stored but never sent the request, and wait in review. */
  add: adminProcedure.input(blockPhoneInput).mutation(async ({ ctx, input }) => (await blockPhone(ctx.services, input, ctx.actor)).entry),
  remove: adminProcedure.input(unblockPhoneInput).mutation(async ({ ctx, input }) => {
    await unblockPhone(ctx.services, input.phoneNumber, ctx.actor);
    return { phoneNumber: input.phoneNumber };
  }),
});
