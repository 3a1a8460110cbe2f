import { afterAll, describe, expect, test } from "bun:test";
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
  (await app.request("/trpc/clients.list", { method: "OPTIONS", headers: { origin, "access-control-request-method": "GET" } })).headers.get(
    "access-control-allow-origin",
  );

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
  const response = await t.app.request("/trpc/clients.create", {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body,
    duplex: "half",
  } as RequestInit);
  expect(response.status).toBe(413);
});

/** Every REST route the app serves, but the webhook (it authenticates by key or provider signature itself). */
const keyedRoutes = (app: typeof t.app) => [
  ...new Set(
    app.routes
      .filter((route) => route.method !== "ALL" && route.path.startsWith("/api/") && !route.path.startsWith("/api/webhook/"))
      .map((route) => `${route.method} ${route.path}`),
  ),
];

test("the table below is read from the app's routes, so a new REST route joins it by itself", () => {
  expect(keyedRoutes(t.app).length).toBeGreaterThanOrEqual(10);
});

describe("every /api route but the webhook refuses a request without the integration key with 401 unauthorized", () => {
  test.each(keyedRoutes(t.app))("%s", async (route) => {
    const [method, pattern] = route.split(" ") as [string, string];
    const path = pattern.replace(/:[a-zA-Z]+/g, "0190a000-0000-7000-8000-000000000000");
    const refused: Record<string, string>[] = [{}, { "x-api-key": "wrong-key-0123456789" }, { authorization: "Bearer nope" }];
    // An app of its own per route: three refusals per route for every route would reach the
    // failed-authentication limit of one address (429), which is not what this test is about.
    const { app } = t.appWith({});
    for (const headers of refused) {
      const body = method === "GET" || method === "DELETE" ? undefined : "{}";
      const response = await app.request(path, { method, headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers }, body });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });
});

test("a REST route added with no check of its own is still behind the integration key", async () => {
  const { app } = t.appWith({});
  app.get("/api/added-later", (c) => c.json({ reached: true }));
  const without = await app.request("/api/added-later");
  expect(without.status).toBe(401);
  expect(((await without.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  const withKey = await app.request("/api/added-later", { headers: { "x-api-key": TEST_KEY } });
  expect(withKey.status).toBe(200);
});
