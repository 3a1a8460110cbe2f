import type { Actor } from "@confirma/api";
import { DomainError } from "@confirma/api";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { authenticateKey } from "../auth/authenticate-key.ts";
import type { IntegrationKeys } from "../config/integration-key-file.ts";

/** Routes behind the integration key: the request's values, plus the caller the key stands for. */
export interface KeyedEnv {
  Variables: AppEnv["Variables"] & { actor: Actor };
}

/**
 * Refuses a request without the integration key (`x-api-key` or `Authorization: Bearer`) with
 * `unauthorized`; otherwise sets `actor` for the handler. Mounted once, over every `/api` route
 * but the webhook, so a new route cannot be left open by forgetting a check.
 */
export function requireIntegrationKey(keys: IntegrationKeys) {
  return createMiddleware<KeyedEnv>(async (c, next) => {
    const actor = authenticateKey(c.req.raw.headers, keys);
    if (!actor) throw new DomainError("unauthorized", "send the integration key in the x-api-key header (or Authorization: Bearer)");
    c.set("actor", actor);
    await next();
  });
}
