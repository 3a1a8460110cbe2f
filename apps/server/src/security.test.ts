import { afterAll, expect, test } from "bun:test";
import { ensureFirstAdmin } from "@confirma/api";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

const t = await openTestApp({ CORS_ORIGINS: "https://shop.example" });
afterAll(() => t.close());
const ADMIN = { email: "admin@example.com", password: "correct horse battery" };
await ensureFirstAdmin(t.db, ADMIN);

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

const DEV_ORIGIN = "http://localhost:5173";
/** What `bun run dev` adds for the server it starts. */
const development = t.appWith({ CORS_ORIGINS: `https://shop.example,${DEV_ORIGIN}` });

const corsAllowance = async (app: typeof t.app, origin: string) =>
  (await app.request("/trpc/clients.list", { method: "OPTIONS", headers: { origin, "access-control-request-method": "GET" } })).headers.get("access-control-allow-origin");

/** Who a session cookie sent from a page at `origin` is taken for. */
async function sessionFrom(app: typeof t.app, origin: string) {
  const login = await app.request("/trpc/auth.login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) });
  expect(login.status).toBe(200);
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const me = await app.request("/trpc/auth.me", { headers: { cookie, origin } });
  return ((await me.json()) as { result: { data: { via: string | null } } }).result.data.via;
}

test("CORS answers only the configured origins", async () => {
  expect(await corsAllowance(t.app, "https://shop.example")).toBe("https://shop.example");
  expect(await corsAllowance(t.app, DEV_ORIGIN)).toBeNull();
  expect(await corsAllowance(t.app, "https://evil.example")).toBeNull();
});

test("the dashboard's development origin is trusted only when configured (as `bun run dev` does)", async () => {
  expect(await sessionFrom(t.app, DEV_ORIGIN)).toBeNull();
  expect(await sessionFrom(t.app, "https://shop.example")).toBe("session");
  expect(await corsAllowance(development.app, DEV_ORIGIN)).toBe(DEV_ORIGIN);
  expect(await sessionFrom(development.app, DEV_ORIGIN)).toBe("session");
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
