import { z } from "zod";
import { idInput } from "../input/common-schemas.ts";
import { createStoreInput, updateStoreInput } from "../stores/store-schemas.ts";
import { createStore, deleteStore, getStore, listStores, updateStore } from "../stores/store-service.ts";
import { adminProcedure, protectedProcedure, router } from "./init.ts";

/** Stores: everyone signed in sees which stores exist (orders name them); admins connect and change them. */
export const storesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listStores(ctx.services, ctx.integration.baseUrl)),
  get: adminProcedure.input(z.strictObject({ id: idInput })).query(({ ctx, input }) => getStore(ctx.services, input.id, ctx.integration.baseUrl)),
  create: adminProcedure
    .input(createStoreInput)
    .mutation(({ ctx, input }) => createStore(ctx.services, input, { type: "user", id: ctx.user.id }, ctx.integration.baseUrl)),
  update: adminProcedure
    .input(z.strictObject({ id: idInput, changes: updateStoreInput }))
    .mutation(({ ctx, input }) => updateStore(ctx.services, input.id, input.changes, { type: "user", id: ctx.user.id }, ctx.integration.baseUrl)),
  delete: adminProcedure
    .input(z.strictObject({ id: idInput }))
    .mutation(({ ctx, input }) => deleteStore(ctx.services, input.id, { type: "user", id: ctx.user.id })),
});
