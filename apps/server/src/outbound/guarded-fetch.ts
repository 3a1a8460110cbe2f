import { OutboundRefusedError, type StoreFetch } from "@confirma/stores";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Addresses an outbound request (store APIs, outbound webhooks) must not reach unless
 * OUTBOUND_ALLOW_PRIVATE_NETWORKS is set: this host, the private networks behind it, link-local
 * (cloud metadata at 169.254.169.254), and ranges that are not the public internet.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
  // The same ranges written as IPv4-mapped IPv6 (::ffff:10.0.0.1).
  NOT_PUBLIC.addSubnet(`::ffff:${network}`, 96 + prefix, "ipv6");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
}

export interface GuardedFetchOptions {
  /** OUTBOUND_ALLOW_PRIVATE_NETWORKS: reach loopback and private addresses too (self-hosted stores, tests). */
  allowPrivateNetworks: boolean;
  /** How long one request may take, answer included. */
  timeoutMs?: number;
  /** Name resolution; the system's by default. */
  resolve?: (host: string) => Promise<string[]>;
}

const systemResolve = async (host: string) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Throws `OutboundRefusedError` for a URL an outbound request must not reach: not http(s), or —
 * unless private networks are allowed — a host that is, or resolves to, an address that is not
 * public. A name that does not resolve throws a plain error (it may resolve later).
 */
export async function checkOutboundUrl(
  url: string | URL,
  { allowPrivateNetworks, resolve = systemResolve }: Omit<GuardedFetchOptions, "timeoutMs">,
): Promise<URL> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new OutboundRefusedError("not a valid URL");
  }
  if (target.protocol !== "https:" && target.protocol !== "http:")
    throw new OutboundRefusedError(`only http and https URLs are allowed, not ${target.protocol}`);
  if (allowPrivateNetworks) return target;
  const host = target.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      // A name that does not resolve now may later: not a refusal.
      throw new Error(`${host} does not resolve`);
    }
  }
  const blocked = addresses.find((address) => !isPublicAddress(address));
  if (blocked !== undefined || addresses.length === 0) {
    throw new OutboundRefusedError(
      `${host} is a private, loopback or link-local address${blocked && blocked !== host ? ` (${blocked})` : ""}; set OUTBOUND_ALLOW_PRIVATE_NETWORKS=true to allow it`,
    );
  }
  return target;
}

/**
 * `fetch` for addresses that admins type (store API URLs, outbound webhook endpoints): http(s)
 * only, no redirect followed (a 3xx comes back as the answer), a time limit, and — unless private
 * networks are allowed — every address the host resolves to must be public (`checkOutboundUrl`).
 * The check is made on the resolved addresses just before the request; a host whose DNS answer
 * changes between the two (rebinding) is outside what this guards.
 */
export function createGuardedFetch({ allowPrivateNetworks, timeoutMs = 15_000, resolve = systemResolve }: GuardedFetchOptions): StoreFetch {
  return async (url, init) => {
    const target = await checkOutboundUrl(url, { allowPrivateNetworks, resolve });
    return fetch(target, { ...init, redirect: "manual", signal: init.signal ?? AbortSignal.timeout(timeoutMs) });
  };
}
