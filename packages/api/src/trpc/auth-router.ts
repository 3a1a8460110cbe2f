import { logout, login } from "../accounts/session-service.ts";
import { loginInput } from "../accounts/user-schemas.ts";
import { DomainError } from "../errors/domain-error.ts";
import { protectedProcedure, publicProcedure, router } from "./init.ts";

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    // One password per request: a batch would let one request carry many guesses.
    if ((ctx.batchSize ?? 1) > 1) throw new DomainError("batch_not_allowed", "send auth.login in a request of its own, not in a batch");
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
  /** Who is calling: a signed-in user, the integration key, or nobody (`via: null`; not an error, so a login page is quiet). */
  me: publicProcedure.query(({ ctx }) => ({
    user: ctx.user,
    via: ctx.user ? ("session" as const) : ctx.actor?.type === "api_key" ? ("key" as const) : null,
  })),
});
