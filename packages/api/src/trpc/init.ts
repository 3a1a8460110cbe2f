import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { databaseUnavailability, isDatabaseUnavailable, isUnstorableText, UNAVAILABLE_MESSAGES, type UserRole } from "@confirma/db";
import type { LoginThrottle } from "../accounts/login-throttle.ts";
import type { Actor } from "../actor.ts";
import type { Services } from "../context.ts";
import type { ChangeFeed } from "../events/change-feed.ts";
import { DomainError, UNSTORABLE_TEXT_MESSAGE, type ErrorCode } from "../errors/domain-error.ts";
import { domainErrorFromZod } from "../errors/zod-error.ts";

/** The signed-in dashboard user, when the call came with a session. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
}

/** The HTTP session as procedures may touch it: the cookie is the server's business. */
export interface SessionControl {
  token: string | null;
  /** Sets the session cookie. */
  set(token: string, expiresAt: Date): void;
  /** Clears the session cookie. */
  clear(): void;
  ip: string;
  userAgent?: string;
}

/** What every procedure sees: the services, who is calling (null when nobody proved it), the request id. */
export interface TrpcContext {
  services: Services;
  actor: Actor | null;
  user: SessionUser | null;
  requestId: string;
  session: SessionControl;
  loginThrottle: LoginThrottle;
  /** How many calls share this HTTP request (a tRPC batch); one when absent. */
  batchSize?: number;
  changeFeed: ChangeFeed;
  /** The last refused webhook deliveries of this instance, newest first (no secrets, no bodies). */
  recentRejects: () => { at: string; requestId: string; provider: string | null; code: string; message: string; ip: string }[];
  /** The outbound sender in use: its provider name, stored with each message we send. */
  outbound: { provider: string };
  /** What to paste into a WhatsApp provider: shown to admins on the settings page. */
  integration: {
    webhookUrl: string;
    apiKey: string /** The public base URL (PUBLIC_URL, else the request's): store webhook URLs are built on it. */;
    baseUrl: string;
  };
}

const TRPC_CODE_BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
};

/** The product error code of any error a procedure raised. */
function errorCodeOf(error: TRPCError): ErrorCode {
  const cause = error.cause;
  if (cause instanceof DomainError) return cause.code;
  if (isDatabaseUnavailable(cause)) return "unavailable";
  if (cause instanceof ZodError) return domainErrorFromZod(cause).code;
  switch (error.code) {
    case "UNAUTHORIZED":
      return "unauthorized";
    case "FORBIDDEN":
      return "forbidden";
    case "NOT_FOUND":
      return "not_found";
    case "PARSE_ERROR":
      return "invalid_json";
    case "BAD_REQUEST":
      return "invalid_input";
    case "METHOD_NOT_SUPPORTED":
      return "method_not_allowed";
    case "CONFLICT":
      return "conflict";
    case "PAYLOAD_TOO_LARGE":
      return "payload_too_large";
    case "UNSUPPORTED_MEDIA_TYPE":
      return "unsupported_media_type";
    case "TOO_MANY_REQUESTS":
      return "rate_limited";
    default:
      return "internal";
  }
}

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error, ctx }) {
    const errorCode = errorCodeOf(error);
    const message =
      errorCode === "internal"
        ? `internal error (request ${ctx?.requestId ?? "unknown"})`
        : errorCode === "unavailable"
          ? UNAVAILABLE_MESSAGES[databaseUnavailability(error.cause) ?? "unreachable"]
          : error.cause instanceof ZodError
            ? domainErrorFromZod(error.cause).message
            : shape.message;
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        errorCode,
        requestId: ctx?.requestId,
        // Domain details are ours (allowed transitions, who holds a claim, which fields are wrong): never secrets.
        details:
          error.cause instanceof DomainError ? error.cause.details : error.cause instanceof ZodError ? domainErrorFromZod(error.cause).details : undefined,
      },
    };
  },
  sse: {
    ping: { enabled: true, intervalMs: 5_000 },
    client: { reconnectAfterInactivityMs: 12_000 },
  },
});

/** The tRPC error carrying a domain failure's product code (also for errors raised while a subscription streams). */
export function trpcErrorOf(cause: DomainError): TRPCError {
  return new TRPCError({ code: TRPC_CODE_BY_STATUS[cause.status] ?? "INTERNAL_SERVER_ERROR", message: cause.message, cause });
}

/** Turns domain failures into tRPC errors carrying the same product code. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) throw trpcErrorOf(result.error.cause);
  if (!result.ok && isUnstorableText(result.error.cause)) throw trpcErrorOf(new DomainError("invalid_input", UNSTORABLE_TEXT_MESSAGE));
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "the database is not reachable right now", cause: result.error.cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Only for signing in. */
export const publicProcedure = t.procedure.use(domainErrors);

/** Every other procedure needs a session or the integration key. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in or send the integration key" });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** Work that records who did it: a signed-in dashboard user. */
export const userProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "FORBIDDEN", message: "sign in to the dashboard to do this" });
  return next({ ctx: { ...ctx, user: ctx.user, actor: { type: "user" as const, id: ctx.user.id } } });
});

/** Users and settings: a signed-in admin only (the integration key is not enough). */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user?.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "admins only" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});
