import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";

/** The socket's peer address, read from the request Bun received (before any middleware replaces it). */
export function peerAddress(c: Context<AppEnv>): string {
  const server = (c.env as { server?: { requestIP(request: Request): { address: string } | null } } | undefined)?.server;
  return server?.requestIP(c.req.raw)?.address ?? "unknown";
}

/**
 * The caller's address: the socket's peer, or, when `trustProxy` is set (behind a reverse proxy
 * you run), the first X-Forwarded-For hop. Never trust that header from the open internet.
 */
export function clientIp(c: Context<AppEnv>, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.get("peerAddress") ?? peerAddress(c);
}
