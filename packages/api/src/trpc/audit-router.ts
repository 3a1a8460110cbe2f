import { TRPCError } from "@trpc/server";
import { auditListInput, listAuditEvents, listOrderEvents, listStatusChanges, orderEventsInput, statusChangesInput } from "../audit/audit-service.ts";
import { adminProcedure, protectedProcedure, router } from "./init.ts";

export const auditRouter = router({
  /** User, settings and sign-in events (admins). */
  events: adminProcedure.input(auditListInput.prefault({})).query(({ ctx, input }) => listAuditEvents(ctx.services, input)),
  /** Status changes: of one order or client for everyone, of everything for admins. */
  statusChanges: protectedProcedure.input(statusChangesInput.prefault({})).query(({ ctx, input }) => {
    if (!input.entityId && ctx.user?.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "admins only, or name an order or client" });
    return listStatusChanges(ctx.services, input);
  }),
  /** One order's other recorded changes (details corrected, changed in the store): for everyone who sees the order. */
  orderEvents: protectedProcedure.input(orderEventsInput).query(({ ctx, input }) => listOrderEvents(ctx.services, input)),
});
