import { createUserInput, updateUserInput } from "../accounts/user-schemas.ts";
import { createUser, listUsers, updateUser } from "../accounts/user-service.ts";
import { adminProcedure, router } from "./init.ts";

export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.services.db)),
  create: adminProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.services.db, input, { type: "user", id: ctx.user.id })),
  update: adminProcedure.input(updateUserInput).mutation(({ ctx, input }) => updateUser(ctx.services.db, input, { type: "user", id: ctx.user.id })),
});
