import type { Config } from "../config/config.ts";
import { publicRequestUrl } from "../webhook/webhook-request.ts";
import { resolveForwarding } from "./trusted-proxy.ts";

/**
 * The base URL the outside world reaches this server at: `PUBLIC_URL` (with its path), else the
 * request's own origin (from a trusted proxy, its forwarded host and scheme). Webhook URLs shown
 * to admins are built on it. `peer` is the socket's address (the `peerAddress` request variable).
 */
export function publicBaseUrl(request: Request, peer: string, config: Pick<Config, "PUBLIC_URL" | "TRUST_PROXY">): string {
  if (config.PUBLIC_URL) return `${config.PUBLIC_URL.replace(/\/+$/, "")}/`;
  const { proxies } = resolveForwarding(peer, request.headers.get("x-forwarded-for") ?? undefined, config.TRUST_PROXY);
  return `${new URL(publicRequestUrl(request, { publicUrl: undefined, proxies })).origin}/`;
}
