import { DomainError, UNSTORABLE_TEXT_MESSAGE } from "@confirma/api";
import { databaseUnavailability, isUnstorableText, UNAVAILABLE_MESSAGES } from "@confirma/db";
import { Hono } from "hono";
import { except } from "hono/combine";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { mediaSettings, minFreeSpace } from "./config/config.ts";
import type { AppDeps, AppEnv } from "./app-env.ts";
import { domainErrorResponse, errorResponse } from "./http/error-response.ts";
import { peerAddress } from "./http/client-ip.ts";
import { floodGuard } from "./http/flood-guard.ts";
import { refuseMalformedUrl } from "./http/malformed-url.ts";
import { requestDeadline } from "./http/request-deadline.ts";
import { DOWNLOADS_PATH, downloadRoutes } from "./http/download-routes.ts";
import { requireIntegrationKey } from "./http/require-integration-key.ts";
import { refuseWritesWhenDiskLow } from "./http/disk-guard.ts";
import { DiskSpace } from "./process/disk-space.ts";
import { MAX_BODY_BYTES, readRawBody } from "./http/read-body.ts";
import { describeError } from "./logging/describe-error.ts";
import { serveDashboard } from "./dashboard/serve-dashboard.ts";
import { blocklistRoutes } from "./rest/blocklist-routes.ts";
import { MEDIA_PATH, mediaRoutes } from "./media/media-routes.ts";
import { MediaStore } from "./media/media-store.ts";
import { cannedRepliesRoutes } from "./rest/canned-replies-routes.ts";
import { metricsRoutes } from "./metrics/metrics-routes.ts";
import { clientsRoutes } from "./rest/clients-routes.ts";
import { messagesRoutes } from "./rest/messages-routes.ts";
import { ordersRoutes } from "./rest/orders-routes.ts";
import { outboundWebhooksRoutes } from "./rest/outbound-webhooks-routes.ts";
import { productsRoutes } from "./rest/products-routes.ts";
import { statsRoutes } from "./rest/stats-routes.ts";
import { storesRoutes } from "./rest/stores-routes.ts";
import { trpcHandler } from "./trpc/trpc-handler.ts";
import { storeWebhookRoutes } from "./webhook/store-webhook-routes.ts";
import { webhookRoutes } from "./webhook/webhook-routes.ts";

/** Where providers deliver: the one `/api` path that authenticates by itself (integration key or provider signature). */
const WEBHOOK_PATH = "/api/webhook/whatsapp";
/** Where stores deliver their orders, one address per store, authenticated by the store's signature. */
const STORE_WEBHOOK_PATH = "/api/webhook/stores";

/** How long /readyz says not ready after the database reported a full disk. */
const DISK_FULL_NOT_READY_MS = 30_000;

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
  app.use(async (c, next) => {
    deps.requestStarted?.();
    await next();
    // Shutting down: a client must not send another request on this connection.
    if (deps.draining?.()) c.header("Connection", "close");
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
  app.use(`${DOWNLOADS_PATH}/*`, guard);
  const diskSpace = deps.diskSpace ?? new DiskSpace({ dir: deps.config.DATA_DIR, minFreeBytes: minFreeSpace(deps.config) });
  const diskGuard = refuseWritesWhenDiskLow(diskSpace);
  app.use("/api/*", diskGuard);
  app.use("/trpc/*", diskGuard);
  const deadline = requestDeadline({ timeoutMs: deps.config.REQUEST_TIMEOUT });
  app.use("/api/*", deadline);
  app.use("/trpc/*", deadline);
  app.use(`${DOWNLOADS_PATH}/*`, deadline);
  // Every /api route but the webhooks is behind the integration key, whether or not its handler asks.
  // Media has its own guard (the key or a session: the dashboard loads files by URL).
  app.use("/api/*", except([`${WEBHOOK_PATH}/*`, `${STORE_WEBHOOK_PATH}/*`, `${MEDIA_PATH}/*`], requireIntegrationKey(deps.integrationKey)));

  /** When the database last refused a write for a full disk: not ready for a while after. */
  let diskFullAt = -Infinity;
  app.onError((error, c) => {
    if (error instanceof DomainError) {
      c.get("logFields").error = describeError(error);
      return domainErrorResponse(c, error);
    }
    if (isUnstorableText(error)) {
      c.get("logFields").error = describeError(error);
      return errorResponse(c, "invalid_input", UNSTORABLE_TEXT_MESSAGE);
    }
    const unavailability = databaseUnavailability(error);
    deps.metrics?.queryErrors.inc({ reason: unavailability ?? "internal" });
    if (unavailability === "disk_full") diskFullAt = performance.now();
    if (unavailability) {
      logger.warn("database unavailable", { requestId: c.get("requestId"), path: c.req.path, reason: unavailability, err: describeError(error) });
      c.header("Retry-After", "5");
      return errorResponse(c, "unavailable", UNAVAILABLE_MESSAGES[unavailability]);
    }
    logger.error("unhandled error", { requestId: c.get("requestId"), path: c.req.path, err: describeError(error) });
    return errorResponse(c, "internal", `internal error (request ${c.get("requestId")})`);
  });
  app.notFound((c) => errorResponse(c, "not_found", `no route ${c.req.method} ${c.req.path}`));

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  // With METRICS_PORT, the metrics are served there (localhost only) and not on the public port.
  if (deps.config.METRICS_PORT === undefined) app.route("/", metricsRoutes({ metrics: deps.metrics, token: deps.config.METRICS_TOKEN }));
  else app.get("/metrics", (c) => errorResponse(c, "not_found", "the metrics are served on METRICS_PORT, from this machine only"));
  app.get("/readyz", async (c) => {
    if (deps.draining?.()) return errorResponse(c, "unavailable", "shutting down");
    const shortage = diskSpace.shortage();
    if (shortage) return errorResponse(c, "unavailable", shortage);
    if (performance.now() - diskFullAt < DISK_FULL_NOT_READY_MS) return errorResponse(c, "unavailable", "the database's disk was full moments ago");
    try {
      await withTimeout(deps.database.ping(), deps.config.REQUEST_TIMEOUT);
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

  app.route(WEBHOOK_PATH, webhookRoutes(deps));
  app.route("/api/clients", messagesRoutes(deps));
  app.route("/api/clients", clientsRoutes(deps));
  app.route("/api/orders", ordersRoutes(deps));
  app.route(DOWNLOADS_PATH, downloadRoutes(deps));
  app.route(STORE_WEBHOOK_PATH, storeWebhookRoutes(deps));
  app.route("/api/stores", storesRoutes(deps));
  app.route("/api/outbound-webhooks", outboundWebhooksRoutes(deps));
  app.route("/api/blocklist", blocklistRoutes(deps));
  app.route(MEDIA_PATH, mediaRoutes({ ...deps, mediaStore: deps.mediaStore ?? new MediaStore(mediaSettings(deps.config).dir) }));
  app.route("/api/canned-replies", cannedRepliesRoutes(deps));
  app.route("/api/stats", statsRoutes(deps));
  app.route("/api/products", productsRoutes(deps));

  return app;
}

/** `promise`, or a rejection after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
