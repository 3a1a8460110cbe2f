import { afterAll, beforeAll, expect, spyOn, test } from "bun:test";
import { ensureFirstAdmin } from "@confirma/api";
import { createUser } from "@confirma/api/testing";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

/**
 * Guessing secrets: a sign-in password (batched, in parallel) or Meta's verify token. Each test
 * speaks real HTTP to a server that sees its caller at an address of the test's own, so the
 * per-address limits of one test do not spill into the next.
 */
// 200 parallel sign-ins (20 of them argon2 checks) can outlast the default REQUEST_TIMEOUT on a
// busy machine; this file is about the throttle's counts, not deadlines.
const t = await openTestApp({ WHATSAPP_VERIFY_TOKEN: "the-right-verify-token", REQUEST_TIMEOUT: "120s" });
const servers: ReturnType<typeof Bun.serve>[] = [];
const verifications = spyOn(Bun.password, "verify");
afterAll(async () => {
  verifications.mockRestore();
  for (const server of servers) await server.stop(true);
  await t.close();
});

const EMAIL = "owner@example.com";
const PASSWORD = "the right passphrase";

/** A user of its own for the parallel test, so no earlier test's failures count against it. */
const TARGET = { email: "target@example.com", password: "target's right passphrase" };

beforeAll(async () => {
  expect(await ensureFirstAdmin(t.db, { email: EMAIL, password: PASSWORD })).toEqual({ email: EMAIL });
  await createUser(t.db, { ...TARGET, role: "agent" });
});

/** The base URL of a server whose every caller appears to come from `address`. */
function serverFor(address: string): string {
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request) => t.app.fetch(request, { server: { requestIP: () => ({ address }) } }),
  });
  servers.push(server);
  return `http://127.0.0.1:${server.port}`;
}

async function signIn(base: string, email: string, password: string) {
  const response = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { error?: { data: { errorCode: string } } };
  return { status: response.status, code: body.error?.data.errorCode ?? null, cookie: response.headers.get("set-cookie") };
}

test("one batch of 300 sign-ins, the right password last, tries no password and signs nobody in", async () => {
  const base = serverFor("198.51.100.1");
  const before = verifications.mock.calls.length;
  const inputs = Object.fromEntries(
    Array.from({ length: 300 }, (_, index) => [index, { email: EMAIL, password: index === 299 ? PASSWORD : `guess number ${index}` }]),
  );
  const response = await fetch(`${base}/trpc/${Array(300).fill("auth.login").join(",")}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(inputs),
  });
  expect(response.status).toBe(400);
  expect(response.headers.get("set-cookie")).toBeNull();
  const body = (await response.json()) as { error: { data: { errorCode: string } } };
  expect(body.error.data.errorCode).toBe("batch_too_large");
  expect(verifications.mock.calls.length - before).toBe(0);
  // The refusal spent nothing: the right password alone still signs in.
  expect((await signIn(base, EMAIL, PASSWORD)).cookie).toMatch(/^confirma_session=/);
});

test("a sign-in inside a batch small enough to run is refused for that call, nothing tried", async () => {
  const base = serverFor("198.51.100.2");
  const before = verifications.mock.calls.length;
  // The other call of the batch runs (it needs the integration key).
  const response = await fetch(`${base}/trpc/auth.logout,auth.login,auth.login?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: JSON.stringify({ 1: { email: EMAIL, password: "a wrong guess" }, 2: { email: EMAIL, password: PASSWORD } }),
  });
  // No session is opened (logging out only clears the cookie).
  expect(response.headers.get("set-cookie")).toBe("confirma_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
  const [logout, wrong, right] = (await response.json()) as { result?: { data: unknown }; error?: { data: { errorCode: string; httpStatus: number } } }[];
  expect(logout?.result?.data).toEqual({ ok: true });
  for (const login of [wrong, right]) expect(login?.error?.data).toMatchObject({ errorCode: "batch_not_allowed", httpStatus: 400 });
  expect(verifications.mock.calls.length - before).toBe(0);
  // A batch of one is a single call (the tRPC batch link sends those): it still signs in.
  const alone = await fetch(`${base}/trpc/auth.login?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ 0: { email: EMAIL, password: PASSWORD } }),
  });
  expect(alone.status).toBe(200);
  expect(alone.headers.get("set-cookie")).toMatch(/^confirma_session=/);
});

test("200 parallel wrong sign-ins for one email verify only the free tries; the right password is then refused", async () => {
  // Time stands still for the throttle: however slow the machine, no wait runs out mid-test.
  t.clock.set(new Date());
  const base = serverFor("198.51.100.3");
  const before = verifications.mock.calls.length;
  const results = await Promise.all(Array.from({ length: 200 }, (_, index) => signIn(base, TARGET.email, `parallel guess ${index}`)));
  const verified = verifications.mock.calls.length - before;
  expect(verified).toBe(5);
  expect(results.filter((result) => result.code === "unauthorized")).toHaveLength(5);
  expect(results.filter((result) => result.code === "rate_limited")).toHaveLength(195);
  const right = await signIn(base, TARGET.email, TARGET.password);
  expect(right).toMatchObject({ status: 429, code: "rate_limited", cookie: null });
  expect(verifications.mock.calls.length - before).toBe(5);
});

test("200 parallel wrong sign-ins for different emails from one address verify only the address's free tries", async () => {
  const base = serverFor("198.51.100.4");
  const before = verifications.mock.calls.length;
  const results = await Promise.all(Array.from({ length: 200 }, (_, index) => signIn(base, `someone${index}@example.com`, "a wrong guess")));
  expect(verifications.mock.calls.length - before).toBe(20);
  expect(results.filter((result) => result.code === "unauthorized")).toHaveLength(20);
  expect(results.filter((result) => result.code === "rate_limited")).toHaveLength(180);
});

test("guessing Meta's verify token is answered 429 after the failed authentications an address is allowed", async () => {
  const base = serverFor("198.51.100.5");
  const handshake = (token: string) => fetch(`${base}/api/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
  const statuses = [];
  for (let index = 0; index < 35; index++) statuses.push((await handshake(`guess-${index}`)).status);
  expect(statuses.slice(0, 30)).toEqual(Array(30).fill(403));
  expect(statuses.slice(30)).toEqual(Array(5).fill(429));
  const right = await handshake("the-right-verify-token");
  expect(right.status).toBe(429);
  expect(Number(right.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  // Another address is not affected.
  const elsewhere = await fetch(
    `${serverFor("198.51.100.6")}/api/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=the-right-verify-token&hub.challenge=42`,
  );
  expect(await elsewhere.text()).toBe("42");
});
