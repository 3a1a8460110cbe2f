import { afterAll, expect, test } from "bun:test";
import { OutboundRefusedError } from "@confirma/stores";
import { createGuardedFetch, isPublicAddress } from "./guarded-fetch.ts";

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch: (request) => (new URL(request.url).pathname === "/redirect" ? Response.redirect("http://127.0.0.1:1/elsewhere", 302) : new Response("ok")),
});
afterAll(() => server.stop(true));
const base = `http://127.0.0.1:${server.port}`;

test("private, loopback and link-local addresses are not public; public ones are", () => {
  for (const address of [
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
  ]) {
    expect(isPublicAddress(address)).toBe(false);
  }
  for (const address of ["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888", "172.32.0.1"]) expect(isPublicAddress(address)).toBe(true);
});

test("a loopback URL is refused without the override, and reached with it", async () => {
  const guarded = createGuardedFetch({ allowPrivateNetworks: false });
  await expect(guarded(`${base}/`, {})).rejects.toBeInstanceOf(OutboundRefusedError);
  await expect(guarded(`http://[::1]:${server.port}/`, {})).rejects.toBeInstanceOf(OutboundRefusedError);
  const allowed = createGuardedFetch({ allowPrivateNetworks: true });
  expect(await (await allowed(`${base}/`, {})).text()).toBe("ok");
});

test("a name resolving to a private address is refused; a public one is let through to the network", async () => {
  const toPrivate = createGuardedFetch({ allowPrivateNetworks: false, resolve: async () => ["93.184.215.14", "10.0.0.7"] });
  const refusal = await toPrivate("https://shop.example/", {}).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(OutboundRefusedError);
  expect(String(refusal)).toContain("10.0.0.7");
  expect(String(refusal)).toContain("OUTBOUND_ALLOW_PRIVATE_NETWORKS");
});

test("other schemes are refused; redirects come back as the answer, never followed", async () => {
  const allowed = createGuardedFetch({ allowPrivateNetworks: true });
  await expect(allowed("file:///etc/passwd", {})).rejects.toBeInstanceOf(OutboundRefusedError);
  const response = await allowed(`${base}/redirect`, {});
  expect(response.status).toBe(302);
});
