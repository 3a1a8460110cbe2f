import { createClientInput, listClientsInput, updateClientInput } from "../clients/client-schemas.ts";
import { idInput } from "../input/common-schemas.ts";
import { createClient, deleteClient, getClient, listClients, updateClient } from "../clients/client-service.ts";
import { z } from "zod";
import { eraseClient } from "../privacy/erase-client.ts";
import { exportClient } from "../privacy/export-client.ts";
import { adminProcedure, protectedProcedure, router } from "./init.ts";

export const clientsRouter = router({
  list: protectedProcedure.input(listClientsInput.prefault({})).query(({ ctx, input }) => listClients(ctx.services, input)),
  get: protectedProcedure.input(z.strictObject({ id: idInput })).query(({ ctx, input }) => getClient(ctx.services, input.id)),
  create: protectedProcedure.input(createClientInput).mutation(({ ctx, input }) => createClient(ctx.services, input, ctx.actor)),
  update: protectedProcedure
    .input(z.strictObject({ id: idInput, patch: updateClientInput }))
    .mutation(({ ctx, input }) => updateClient(ctx.services, input.id, input.patch, ctx.actor)),
  delete: protectedProcedure.input(z.strictObject({ id: idInput })).mutation(async ({ ctx, input }) => {
    await deleteClient(ctx.services, input.id);
    return { id: input.id };
  }),
  /** Erases the customer's personal data (GDPR); admins only, recorded in the audit trail. */
  erase: adminProcedure
    .input(z.strictObject({ id: idInput }))
    .mutation(({ ctx, input }) => eraseClient(ctx.services, input.id, { type: "user", id: ctx.user.id })),
  /** Everything held about the customer, as one JSON document (admins). */
  export: adminProcedure.input(z.strictObject({ id: idInput })).query(({ ctx, input }) => exportClient(ctx.services, input.id)),
});
