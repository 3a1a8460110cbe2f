import { appRouter, type TrpcContext } from "@confirma/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Context } from "hono";
import { authenticateKey } from "../auth/integration-key.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";

/** Serves `/trpc/*` with a typed context (called directly, so the context type is kept). */
export function trpcHandler(deps: AppDeps) {
  return (c: Context<AppEnv>) =>
    fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      createContext: (): TrpcContext => ({
        services: deps.services,
        actor: authenticateKey(c.req.raw.headers, deps.integrationKey),
        requestId: c.get("requestId"),
      }),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          deps.logger.error("trpc procedure failed", { requestId: c.get("requestId"), path, err: String(error.cause ?? error) });
        }
      },
    });
}
