import { afterAll, expect, test } from "bun:test";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

const t = await openTestApp({ CORS_ORIGINS: "https://shop.example" });
afterAll(() => t.close());

test("responses carry security headers and a content security policy", async () => {
  const response = await t.app.request("/healthz");
  const policy = response.headers.get("content-security-policy") ?? "";
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  expect(response.headers.get("referrer-policy")).toBe("same-origin");
});

test("CORS answers only the configured origins and the dashboard's development origin", async () => {
  const allowed = async (origin: string) =>
    (await t.app.request("/trpc/clients.list", { method: "OPTIONS", headers: { origin, "access-control-request-method": "GET" } })).headers.get("access-control-allow-origin");
  expect(await allowed("https://shop.example")).toBe("https://shop.example");
  expect(await allowed("http://localhost:5173")).toBe("http://localhost:5173");
  expect(await allowed("https://evil.example")).toBeNull();
});

test("a streamed tRPC body over 1 MiB is refused with 413", async () => {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let index = 0; index < 20; index++) controller.enqueue(chunk);
      controller.close();
    },
  });
  const response = await t.app.request("/trpc/clients.create", { method: "POST", headers: { "content-type": "application/json", "x-api-key": TEST_KEY }, body, duplex: "half" } as RequestInit);
  expect(response.status).toBe(413);
});
