import { describe, expect, test } from "bun:test";
import { forwardedValue, normalizeAddress, parseTrustProxy, resolveForwarding, type TrustProxy } from "./trusted-proxy.ts";

function trust(value: string): TrustProxy {
  const parsed = parseTrustProxy(value);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed;
}

describe("parseTrustProxy", () => {
  test.each([
    ["", { kind: "none" }],
    ["false", { kind: "none" }],
    ["0", { kind: "none" }],
    ["true", { kind: "hops", hops: 1 }],
    ["TRUE", { kind: "hops", hops: 1 }],
    ["1", { kind: "hops", hops: 1 }],
    ["2", { kind: "hops", hops: 2 }],
  ])("%p", (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected as TrustProxy);
  });

  test.each(["127.0.0.1", "127.0.0.1,10.0.0.0/8", " 10.0.0.0/8 , fd00::/8 ", "::1", "0.0.0.0/0"])("%p is a list of proxies", (value) => {
    expect(parseTrustProxy(value)).toMatchObject({ kind: "addresses" });
  });

  test.each(["yes", "on", "10.0.0.0/33", "fd00::/129", "10.0.0.0/8/8", "10.0.0/8", "localhost", "10.0.0.1,nginx", "10.0.0.0/x", "99"])(
    "%p is refused with a reason naming TRUST_PROXY",
    (value) => {
      const parsed = parseTrustProxy(value);
      expect(parsed).toHaveProperty("error");
      expect((parsed as { error: string }).error).toContain("TRUST_PROXY");
    },
  );
});

describe("normalizeAddress", () => {
  test.each([
    ["203.0.113.9", "203.0.113.9"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["203.0.113.9:51234", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["::FFFF:cb00:7109", "203.0.113.9"],
    ["2001:DB8:0:0::7", "2001:db8::7"],
    ["[2001:db8::7]:443", "2001:db8::7"],
    ["[::1]", "::1"],
    ["unknown", null],
    ["203.0.113", null],
    ["", null],
  ])("%p → %p", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });
});

describe("resolveForwarding", () => {
  test.each([
    // [TRUST_PROXY, socket peer, X-Forwarded-For, client, trusted proxies]
    ["false", "127.0.0.1", "6.6.6.6, 203.0.113.9", "127.0.0.1", 0],
    ["false", "::ffff:127.0.0.1", undefined, "127.0.0.1", 0],
    ["true", "10.0.0.2", "203.0.113.9", "203.0.113.9", 1],
    ["true", "10.0.0.2", "6.6.6.6, 7.7.7.7, 203.0.113.9", "203.0.113.9", 1],
    ["true", "10.0.0.2", "6.6.6.6,203.0.113.9:4711", "203.0.113.9", 1],
    ["true", "10.0.0.2", "6.6.6.6, ::ffff:203.0.113.9", "203.0.113.9", 1],
    ["true", "10.0.0.2", "6.6.6.6, 2001:DB8::7", "2001:db8::7", 1],
    ["true", "10.0.0.2", undefined, "10.0.0.2", 1],
    ["true", "10.0.0.2", "", "10.0.0.2", 1],
    ["true", "10.0.0.2", "6.6.6.6, unknown", "10.0.0.2", 1],
    ["2", "10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9", 2],
    ["2", "10.0.0.2", "203.0.113.9", "203.0.113.9", 2],
    ["3", "10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.1, 10.0.0.2", "203.0.113.9", 3],
    ["127.0.0.1,10.0.0.0/8", "127.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9", 1],
    ["127.0.0.1,10.0.0.0/8", "::ffff:127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3, 10.0.0.1", "203.0.113.9", 3],
    ["127.0.0.1,10.0.0.0/8", "127.0.0.1", "6.6.6.6, 203.0.113.9, ::ffff:10.0.0.1", "203.0.113.9", 2],
    ["127.0.0.1,10.0.0.0/8", "127.0.0.1", "10.0.0.9, 10.0.0.1", "10.0.0.9", 3],
    ["127.0.0.1,10.0.0.0/8", "127.0.0.1", undefined, "127.0.0.1", 1],
    ["127.0.0.1,10.0.0.0/8", "203.0.113.50", "6.6.6.6, 10.0.0.1", "203.0.113.50", 0],
    ["127.0.0.1,10.0.0.0/8", "127.0.0.1", "6.6.6.6, garbage, 10.0.0.1", "10.0.0.1", 2],
    ["::1,fd00::/8", "::1", "2001:db8::1, 2001:db8::7, fd00::2", "2001:db8::7", 2],
    ["::1,fd00::/8", "::1", "203.0.113.9", "203.0.113.9", 1],
    ["::1,fd00::/8", "2001:db8::99", "203.0.113.9", "2001:db8::99", 0],
  ])("TRUST_PROXY=%p, peer %p, X-Forwarded-For %p → %p through %p proxies", (value, peer, forwardedFor, client, proxies) => {
    expect(resolveForwarding(peer, forwardedFor, trust(value))).toEqual({ client, proxies });
  });

  test("rotating the entries a client writes never changes the address behind one proxy", () => {
    const seen = new Set(Array.from({ length: 50 }, (_, index) => resolveForwarding("10.0.0.2", `${index}.${index}.0.1, 203.0.113.9`, trust("true")).client));
    expect([...seen]).toEqual(["203.0.113.9"]);
  });
});

describe("forwardedValue", () => {
  test.each([
    ["https", 0, undefined],
    ["https", 1, "https"],
    ["http, https", 1, "https"],
    ["evil.example, shop.example", 1, "shop.example"],
    ["evil.example, shop.example, internal", 2, "shop.example"],
    ["shop.example", 2, "shop.example"],
    [null, 1, undefined],
    ["", 1, undefined],
  ])("%p from %p proxies → %p", (header, proxies, expected) => {
    expect(forwardedValue(header, proxies)).toBe(expected);
  });
});
