import type { Context, Next } from "hono";
import type { AppEnv } from "../app-env.ts";
import { clientIp } from "./client-ip.ts";
import { errorResponse } from "./error-response.ts";
import { RateLimiter } from "./rate-limiter.ts";
import type { TrustProxy } from "./trusted-proxy.ts";

export interface FloodGuardOptions {
  /** Requests per second per address on the API (0 = no limit); bursts of 5× are allowed. */
  perIpPerSecond: number;
  /** Refused authentications tolerated per address per 10 minutes before it is made to wait. */
  failedAuthPer10Minutes?: number;
  /** Which proxies may name the client's address (`TRUST_PROXY`). */
  trustProxy: TrustProxy;
}

/**
 * Answers 429 (`rate_limited`, with Retry-After) to an address that floods the API, and to one
 * that keeps failing authentication (key guessing, forged signatures, Meta verify-token guessing).
 */
export function floodGuard({ perIpPerSecond, failedAuthPer10Minutes = 30, trustProxy }: FloodGuardOptions) {
  const requests = perIpPerSecond > 0 ? new RateLimiter(perIpPerSecond, perIpPerSecond * 5) : null;
  const failures = new RateLimiter(failedAuthPer10Minutes / 600, failedAuthPer10Minutes);
  return async (c: Context<AppEnv>, next: Next) => {
    const ip = clientIp(c, trustProxy);
    // Providers deliver webhooks from few addresses at high rates (a gateway, Meta's relays):
    // their volume is not limited per address, only their failed authentications are.
    const counted = !c.req.path.startsWith("/api/webhook/");
    const wait = Math.max(failures.peek(ip), counted ? (requests?.take(ip) ?? 0) : 0);
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      return errorResponse(c, "rate_limited", `too many requests from this address; retry in ${wait} s`);
    }
    await next();
    // Key guessing and forged signatures: the integration routes only (the dashboard's own
    // sign-in is slowed per email by the login throttle, and an expired session is no attack);
    // a refused Meta handshake (GET on the webhook, 403) is verify-token guessing.
    const refusedHandshake = c.res.status === 403 && c.req.method === "GET" && c.req.path.startsWith("/api/webhook/");
    if ((c.res.status === 401 && c.req.path.startsWith("/api/")) || refusedHandshake) failures.take(ip);
  };
}
