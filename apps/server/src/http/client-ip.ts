import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { resolveForwarding, type Forwarding, type TrustProxy } from "./trusted-proxy.ts";

/** The socket's peer address, read from the request Bun received (before any middleware replaces it). */
export function peerAddress(c: Context<AppEnv>): string {
  const server = (c.env as { server?: { requestIP(request: Request): { address: string } | null } } | undefined)?.server;
  return server?.requestIP(c.req.raw)?.address ?? "unknown";
}

/** The client's address and how many of our proxies the request came through (see `resolveForwarding`). */
export function forwarding(c: Context<AppEnv>, trustProxy: TrustProxy): Forwarding {
  return resolveForwarding(c.get("peerAddress") ?? peerAddress(c), c.req.header("x-forwarded-for"), trustProxy);
}

/**
 * The caller's address: the socket's peer, or, behind the reverse proxies `trustProxy` names,
 * the address the outermost of them saw. Never the client's own X-Forwarded-For entries.
 */
export function clientIp(c: Context<AppEnv>, trustProxy: TrustProxy): string {
  return forwarding(c, trustProxy).client;
}
