import { appRouter, ERROR_CODES, resolveSession, type Actor, type ErrorCode, type SessionUser, type TrpcContext } from "@confirma/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { serialize } from "hono/utils/cookie";
import { authenticateKey } from "../auth/authenticate-key.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { forwarding } from "../http/client-ip.ts";
import { publicBaseUrl } from "../http/public-base-url.ts";
import { describeError } from "../logging/describe-error.ts";
import { publicRequestUrl } from "../webhook/webhook-request.ts";

export const SESSION_COOKIE = "confirma_session";

/** The most calls one `/trpc` request may carry; the dashboard's batch link sends at most as many. */
export const MAX_BATCH_CALLS = 20;

/** How many calls a `/trpc` request carries, split the way tRPC splits them (commas, even encoded). */
function callsIn(request: Request): number {
  const url = new URL(request.url);
  if (url.searchParams.get("batch") !== "1") return 1;
  try {
    return decodeURIComponent(url.pathname.replace(/^\/trpc\/?/, "")).split(",").length;
  } catch {
    return 1; // a malformed path: tRPC refuses it itself
  }
}

/** A batch over the cap, refused whole before any call runs, in tRPC's error envelope. */
function batchTooLarge(c: Context<AppEnv>, calls: number): Response {
  const message = `a batch may carry at most ${MAX_BATCH_CALLS} calls (this one has ${calls}); split it`;
  const errorCode = "batch_too_large" satisfies ErrorCode;
  const status = ERROR_CODES[errorCode];
  const data = { code: "BAD_REQUEST", httpStatus: status, errorCode, requestId: c.get("requestId") };
  return c.json({ error: { message, code: TRPC_ERROR_CODES_BY_KEY.BAD_REQUEST, data } }, status);
}

/** Serves `/trpc/*` with a typed context (called directly, so the context type is kept). */
export function trpcHandler(deps: AppDeps) {
  const trustedOrigins = new Set(deps.config.CORS_ORIGINS);
  return (c: Context<AppEnv>) => {
    const calls = callsIn(c.req.raw);
    if (calls > MAX_BATCH_CALLS) return batchTooLarge(c, calls);
    const { client, proxies } = forwarding(c, deps.config.TRUST_PROXY);
    const publicUrl = new URL(publicRequestUrl(c.req.raw, { publicUrl: deps.config.PUBLIC_URL, proxies }));
    const secure = publicUrl.protocol === "https:";
    return fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      // The check above answers first with a clearer code; this holds if the two ever disagree.
      maxBatchSize: MAX_BATCH_CALLS,
      createContext: async ({ resHeaders, info }): Promise<TrpcContext> => {
        const token = getCookie(c, SESSION_COOKIE) ?? null;
        let actor: Actor | null = authenticateKey(c.req.raw.headers, deps.integrationKey);
        let user: SessionUser | null = null;
        // A cookie rides along on cross-site requests too: honour it only from our own pages.
        const origin = c.req.header("origin");
        const sameSite = !origin || origin === publicUrl.origin || trustedOrigins.has(origin);
        if (token && sameSite) {
          const row = await resolveSession(deps.services.db, token);
          if (row) {
            user = { id: row.id, email: row.email, name: row.name, role: row.role };
            actor ??= { type: "user", id: row.id };
          }
        }
        const cookie = (value: string, maxAge: number) => serialize(SESSION_COOKIE, value, { path: "/", httpOnly: true, sameSite: "Lax", secure, maxAge });
        return {
          services: deps.services,
          actor,
          user,
          requestId: c.get("requestId"),
          loginThrottle: deps.loginThrottle,
          batchSize: info.calls.length,
          changeFeed: deps.changeFeed,
          recentRejects: () => deps.recentRejects.list(),
          outbound: { provider: deps.outboundProvider },
          integration: {
            webhookUrl: `${publicUrl.origin}${new URL(deps.config.PUBLIC_URL ?? publicUrl.origin).pathname.replace(/\/$/, "")}/api/webhook/whatsapp`,
            apiKey: deps.integrationKey,
            baseUrl: publicBaseUrl(c.req.raw, c.get("peerAddress"), deps.config),
          },
          session: {
            token,
            ip: client,
            userAgent: c.req.header("user-agent"),
            set: (value, expiresAt) => resHeaders.append("set-cookie", cookie(value, Math.floor((expiresAt.getTime() - Date.now()) / 1000))),
            clear: () => resHeaders.append("set-cookie", cookie("", 0)),
          },
        };
      },
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          deps.logger.error("trpc procedure failed", { requestId: c.get("requestId"), path, err: describeError(error) });
        }
      },
    });
  };
}
