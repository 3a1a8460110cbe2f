import { DomainError, exportOrders, exportOrdersInput, resolveSession, type Actor } from "@confirma/api";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { authenticateKey } from "../auth/authenticate-key.ts";
import { ordersExportResponse } from "../rest/orders-export-response.ts";
import { validate } from "../rest/validate.ts";
import { SESSION_COOKIE } from "../trpc/trpc-handler.ts";

export const DOWNLOADS_PATH = "/downloads";

/**
 * Files the dashboard downloads with a plain link, so the browser streams them to disk:
 * `GET /downloads/orders?format=xlsx&…` (the same query as `GET /api/orders/export`). A link
 * carries the session cookie but no key header, so these routes take the session — only from
 * our own pages (`Sec-Fetch-Site: same-origin`, or a browser that does not send it) — or the key.
 */
export function downloadRoutes(deps: AppDeps) {
  const caller = async (request: Request, cookie: string | undefined): Promise<Actor> => {
    const keyActor = authenticateKey(request.headers, deps.integrationKey);
    if (keyActor) return keyActor;
    const site = request.headers.get("sec-fetch-site");
    if (cookie && (!site || site === "same-origin" || site === "none")) {
      const user = await resolveSession(deps.services.db, cookie);
      if (user) return { type: "user", id: user.id };
    }
    throw new DomainError("unauthorized", "sign in to the dashboard (or send the integration key) to download");
  };
  return new Hono<AppEnv>().get("/orders", async (c) => {
    await caller(c.req.raw, getCookie(c, SESSION_COOKIE));
    return ordersExportResponse(exportOrders(deps.services, validate(exportOrdersInput, c.req.query())));
  });
}
