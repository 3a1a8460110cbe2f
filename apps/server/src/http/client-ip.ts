import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";

/** The caller's address as Bun saw it (behind a proxy: the first X-Forwarded-For hop). */
export function clientIp(c: Context<AppEnv>): string {
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded;
  const server = (c.env as { server?: { requestIP(request: Request): { address: string } | null } } | undefined)?.server;
  return server?.requestIP(c.req.raw)?.address ?? "unknown";
}
