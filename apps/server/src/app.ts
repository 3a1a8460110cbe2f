import { DomainError, UNSTORABLE_TEXT_MESSAGE } from "@confirma/api";
import { isDatabaseUnavailable, isUnstorableText } from "@confirma/db";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps, AppEnv } from "./app-env.ts";
import { domainErrorResponse, errorResponse } from "./http/error-response.ts";
import { peerAddress } from "./http/client-ip.ts";
import { floodGuard } from "./http/flood-guard.ts";
import { refuseMalformedUrl } from "./http/malformed-url.ts";
import { MAX_BODY_BYTES, readRawBody } from "./http/read-body.ts";
import { describeError } from "./logging/describe-error.ts";
import { serveDashboard } from "./dashboard/serve-dashboard.ts";
import { clientsRoutes } from "./rest/clients-routes.ts";
import { messagesRoutes } from "./rest/messages-routes.ts";
import { ordersRoutes } from "./rest/orders-routes.ts";
import { trpcHandler } from "./trpc/trpc-handler.ts";
import { webhookRoutes } from "./webhook/webhook-routes.ts";

/** The whole HTTP surface, as a Hono app: testable with `app.request()`, served by Bun in `main.ts`. */
export function createApp(deps: AppDeps) {
  const { logger } = deps;
  const allowedOrigins = new Set(deps.config.CORS_ORIGINS);

  const app = new Hono<AppEnv>();

  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(async (c, next) => {
    const started = performance.now();
    c.set("peerAddress", peerAddress(c));
    c.set("logFields", {});
    await next();
    const fields = c.get("logFields");
    const status = c.res.status;
    logger[status >= 500 ? "error" : fields.webhook && status >= 400 ? "warn" : "info"]("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...fields,
    });
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "same-origin",
    }),
  );
  app.use(
    "*",
    cors({
      origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
      allowHeaders: ["content-type", "x-api-key", "authorization", "x-request-id", "trpc-accept", "last-event-id"],
      credentials: true,
      maxAge: 600,
    }),
  );

  app.use(refuseMalformedUrl());

  const guard = floodGuard({ perIpPerSecond: deps.config.RATE_LIMIT_PER_IP, trustProxy: deps.config.TRUST_PROXY });
  app.use("/api/*", guard);
  app.use("/trpc/*", guard);

  app.onError((error, c) => {
    if (error instanceof DomainError) {
      c.get("logFields").error = describeError(error);
      return domainErrorResponse(c, error);
    }
    if (isUnstorableText(error)) {
      c.get("logFields").error = describeError(error);
      return errorResponse(c, "invalid_input", UNSTORABLE_TEXT_MESSAGE);
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn("database unavailable", { requestId: c.get("requestId"), path: c.req.path, err: describeError(error) });
      c.header("Retry-After", "5");
      return errorResponse(c, "unavailable", "the database is not reachable right now; retry shortly (a retried delivery is stored once)");
    }
    logger.error("unhandled error", { requestId: c.get("requestId"), path: c.req.path, err: describeError(error) });
    return errorResponse(c, "internal", `internal error (request ${c.get("requestId")})`);
  });
  app.notFound((c) => errorResponse(c, "not_found", `no route ${c.req.method} ${c.req.path}`));

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await deps.database.ping();
      return c.json({ status: "ready" });
    } catch {
      return errorResponse(c, "unavailable", "the database is not reachable");
    }
  });

  const trpc = trpcHandler(deps);
  app.on(["GET", "POST"], "/trpc/*", async (c) => {
    if (c.req.method === "POST") {
      // Bounded like every other route, whether the body declares its length or streams it.
      const body = await readRawBody(c.req.raw, MAX_BODY_BYTES);
      c.req.raw = new Request(c.req.raw, { body: new Uint8Array(body) });
    }
    return trpc(c);
  });

  const dashboard = serveDashboard(deps.dashboardDir);
  if (dashboard) app.use("*", dashboard);

  app.route("/api/webhook/whatsapp", webhookRoutes(deps));
  app.route("/api/clients", messagesRoutes(deps));
  app.route("/api/clients", clientsRoutes(deps));
  app.route("/api/orders", ordersRoutes(deps));

  return app;
}

