import { Hono } from "hono";
import { secretsEqual } from "../auth/authenticate-key.ts";
import { errorResponse } from "../http/error-response.ts";
import type { ServerMetrics } from "./server-metrics.ts";

/**
 * `GET /metrics` in Prometheus' text format, for a scraper that sends `Authorization: Bearer
 * <METRICS_TOKEN>` (compared in constant time); without the token, or a wrong one, 401. With no
 * METRICS_TOKEN configured the metrics are off (404), never open.
 */
export function metricsRoutes({ metrics, token }: { metrics: ServerMetrics | undefined; token: string | undefined }) {
  return new Hono().get("/metrics", async (c) => {
    if (!metrics || !token) return errorResponse(c, "not_found", "metrics are off: set METRICS_TOKEN to enable GET /metrics");
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization")?.trim() ?? "");
    if (!match || !secretsEqual(match[1]!.trim(), token)) {
      c.header("WWW-Authenticate", 'Bearer realm="metrics"');
      return errorResponse(c, "unauthorized", "send METRICS_TOKEN as Authorization: Bearer <token>");
    }
    const { body, contentType } = await metrics.text();
    return c.body(body, 200, { "content-type": contentType, "cache-control": "no-store" });
  });
}
