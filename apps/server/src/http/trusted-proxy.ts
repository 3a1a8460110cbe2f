import { BlockList, isIP } from "node:net";

/**
 * Which reverse proxies may speak for the client through X-Forwarded-* headers (`TRUST_PROXY`):
 * none; a number of proxies every request passes through; or the proxies' own addresses.
 */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; proxies: BlockList };

const MAX_HOPS = 32;

/**
 * Reads `TRUST_PROXY`: `false`/`0`/empty (none), `true` (one proxy), a number of proxies (`2`),
 * or a comma-separated list of proxy addresses and CIDR ranges (`127.0.0.1,10.0.0.0/8,fd00::/8`).
 * Returns a one-line reason when the value is none of these.
 */
export function parseTrustProxy(value: string): TrustProxy | { error: string } {
  const text = value.trim().toLowerCase();
  if (text === "" || text === "false") return { kind: "none" };
  if (text === "true") return { kind: "hops", hops: 1 };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) return { error: `TRUST_PROXY counts proxies in front of the server: at most ${MAX_HOPS}, not ${text}` };
    return hops === 0 ? { kind: "none" } : { kind: "hops", hops };
  }
  const proxies = new BlockList();
  for (const entry of text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const length = prefix === undefined ? bits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
    if (family === 0 || extra !== undefined || length < 0 || length > bits) {
      return {
        error: `TRUST_PROXY must be true, false, a number of proxies such as 2, or proxy addresses and CIDR ranges such as 127.0.0.1,10.0.0.0/8 (\`${entry}\` is none of these)`,
      };
    }
    proxies.addSubnet(address, length, family === 4 ? "ipv4" : "ipv6");
  }
  return { kind: "addresses", proxies };
}

/**
 * An address in one spelling, so one client is one key for the limits: IPv4-mapped IPv6 as IPv4,
 * IPv6 compressed and lower-case, a port or brackets dropped. `null` when it is not an address.
 */
export function normalizeAddress(raw: string): string | null {
  const trimmed = raw.trim();
  const unwrapped = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(trimmed)?.[1] ?? trimmed;
  const family = isIP(unwrapped);
  if (family === 4) return unwrapped;
  if (family !== 6) return null;
  let canonical: string;
  try {
    canonical = new URL(`http://[${unwrapped}]`).hostname.slice(1, -1);
  } catch {
    return unwrapped.toLowerCase(); // a zone id (fe80::1%eth0): valid, but no URL host
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const high = Number.parseInt(mapped[1]!, 16);
  const low = Number.parseInt(mapped[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

function isProxyAddress(address: string, proxies: BlockList): boolean {
  return proxies.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

export interface Forwarding {
  /** The address of the client as the outermost trusted proxy saw it (the socket's peer when none is trusted). */
  client: string;
  /** How many trusted proxies the request came through (0: forwarding headers are not to be believed). */
  proxies: number;
}

/**
 * Where a request came from. Each proxy appends the address it received the request from to
 * X-Forwarded-For, so only the right-most entries were written by proxies we run; everything to
 * their left is whatever the client sent. Walks from the right past the trusted proxies:
 *
 * - `hops: n`: the n-th entry from the right (the left-most when there are fewer);
 * - `addresses`: nothing when the socket's peer is not a listed proxy, else the first entry from
 *   the right that is not one.
 *
 * An entry that is not an address ends the walk: the last trusted hop is then the client.
 */
export function resolveForwarding(peer: string, forwardedFor: string | null | undefined, trust: TrustProxy): Forwarding {
  let client = normalizeAddress(peer) ?? peer;
  if (trust.kind === "none") return { client, proxies: 0 };
  if (trust.kind === "addresses" && !isProxyAddress(client, trust.proxies)) return { client, proxies: 0 };
  const entries = (forwardedFor ?? "")
    .split(",")
    .filter((entry) => entry.trim() !== "")
    .reverse();
  let proxies = 1;
  for (const entry of entries) {
    const address = normalizeAddress(entry);
    if (address === null) break;
    client = address;
    if (trust.kind === "hops" ? proxies >= trust.hops : !isProxyAddress(address, trust.proxies)) break;
    proxies++;
  }
  return { client, proxies: trust.kind === "hops" ? trust.hops : proxies };
}

/**
 * The value of a comma-separated X-Forwarded-* header that our own `proxies` wrote: the
 * `proxies`-th from the right (proxies that replace the header leave one value, the left-most).
 */
export function forwardedValue(header: string | null | undefined, proxies: number): string | undefined {
  if (proxies < 1 || !header) return undefined;
  const values = header
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean);
  return values[Math.max(0, values.length - proxies)];
}
