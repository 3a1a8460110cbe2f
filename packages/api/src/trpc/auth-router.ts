import { TRPCError } from "@trpc/server";
import { logout, login } from "../accounts/session-service.ts";
import { loginInput } from "../accounts/user-schemas.ts";
import { protectedProcedure, publicProcedure, router } from "./init.ts";

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const { token, expiresAt, user } = await login(ctx.services.db, ctx.loginThrottle, {
      email: input.email,
      password: input.password,
      ip: ctx.session.ip,
      userAgent: ctx.session.userAgent,
    });
    // A fresh token at every sign-in: a session id planted before login is never promoted.
    if (ctx.session.token) await logout(ctx.services.db, ctx.session.token);
    ctx.session.set(token, expiresAt);
    return { user };
  }),
  logout: protectedProcedure.mutation(async ({ ctx }) => {
    if (ctx.session.token) await logout(ctx.services.db, ctx.session.token);
    ctx.session.clear();
    return { ok: true };
  }),
  me: protectedProcedure.query(({ ctx }) => {
    if (!ctx.user && ctx.actor.type !== "api_key") throw new TRPCError({ code: "UNAUTHORIZED" });
    return { user: ctx.user, via: ctx.user ? ("session" as const) : ("key" as const) };
  }),
});
