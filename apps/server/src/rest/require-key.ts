import type { Actor } from "@confirma/api";
import { DomainError } from "@confirma/api";
import type { Context } from "hono";
import { authenticateKey } from "../auth/integration-key.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";

/** The caller of a REST route: the integration key, or `unauthorized`. */
export function requireActor(c: Context<AppEnv>, deps: AppDeps): Actor {
  const actor = authenticateKey(c.req.raw.headers, deps.integrationKey);
  if (!actor) throw new DomainError("unauthorized", "send the integration key in the x-api-key header (or Authorization: Bearer)");
  return actor;
}
