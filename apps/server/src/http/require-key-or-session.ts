import { DomainError, resolveSession } from "@confirma/api";
import type { Database } from "@confirma/db";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { authenticateKey } from "../auth/authenticate-key.ts";
import type { IntegrationKeys } from "../config/integration-key-file.ts";
import { SESSION_COOKIE } from "../trpc/trpc-handler.ts";
import type { KeyedEnv } from "./require-integration-key.ts";

/**
 * For what the dashboard loads by URL (`<img>`, `<audio>`: no header can be added): the
 * integration key, or a signed-in user's session cookie (a `Lax` cookie, so another site's page
 * cannot embed these). Otherwise `unauthorized`.
 */
export function requireKeyOrSession(keys: IntegrationKeys, db: Database) {
  return createMiddleware<KeyedEnv>(async (c, next) => {
    const keyActor = authenticateKey(c.req.raw.headers, keys);
    if (keyActor) c.set("actor", keyActor);
    else {
      const token = getCookie(c, SESSION_COOKIE);
      const user = token ? await resolveSession(db, token) : null;
      if (!user) throw new DomainError("unauthorized", "sign in, or send the integration key in the x-api-key header (or Authorization: Bearer)");
      c.set("actor", { type: "user", id: user.id });
    }
    await next();
  });
}
