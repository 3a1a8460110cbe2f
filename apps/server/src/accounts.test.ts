import { afterAll, beforeAll, expect, test } from "bun:test";
import { ensureFirstAdmin } from "@confirma/api";
import { createUser } from "@confirma/api/testing";
import type { AppRouter } from "@confirma/api";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

const t = await openTestApp();
const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (request, bun) => t.app.fetch(request, { server: bun }) });
const base = `http://127.0.0.1:${server.port}`;
afterAll(async () => {
  await server.stop(true);
  await t.close();
});

/** A browser-like client: keeps the session cookie it is given. */
function browser() {
  let cookie = "";
  const api = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/trpc`,
        headers: () => (cookie ? { cookie } : {}),
        fetch: async (url, init) => {
          const response = await fetch(url, init as RequestInit);
          const set = response.headers.get("set-cookie");
          if (set) cookie = set.split(";")[0]!.endsWith("=") ? "" : set.split(";")[0]!;
          return response;
        },
      }),
    ],
  });
  return { api, cookie: () => cookie, setCookie: (value: string) => (cookie = value) };
}

beforeAll(async () => {
  const first = await ensureFirstAdmin(t.db, { email: "admin@example.com", password: "correct horse battery" });
  expect(first).toEqual({ email: "admin@example.com" });
  expect(await ensureFirstAdmin(t.db, {})).toBeNull();
  await createUser(t.db, { email: "agent@example.com", password: "agent password 1", role: "agent", name: "Agent" });
});

test("a first admin is generated with a password when none is configured", async () => {
  const other = await openTestApp();
  try {
    const first = await ensureFirstAdmin(other.db, {});
    expect(first?.email).toBe("admin@confirma.local");
    expect(first?.generatedPassword?.length).toBeGreaterThanOrEqual(12);
  } finally {
    await other.close();
  }
});

test("log in, see who I am, log out; the old cookie is then worthless", async () => {
  const { api, cookie, setCookie } = browser();
  const { user } = await api.auth.login.mutate({ email: "Admin@Example.com", password: "correct horse battery" });
  expect(user).toMatchObject({ email: "admin@example.com", role: "admin" });
  expect(cookie()).toMatch(/^confirma_session=/);
  const stolen = cookie();
  expect((await api.auth.me.query()).user?.email).toBe("admin@example.com");
  await api.auth.logout.mutate();
  setCookie(stolen);
  expect(await api.auth.me.query()).toEqual({ user: null, via: null });
  const failure = await api.clients.list.query().catch((error) => error);
  expect(failure.data?.httpStatus).toBe(401);
});

test("the session cookie is HttpOnly and SameSite=Lax", async () => {
  const response = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "agent@example.com", password: "agent password 1" }),
  });
  const cookie = response.headers.get("set-cookie")!;
  expect(cookie).toContain("HttpOnly");
  expect(cookie).toContain("SameSite=Lax");
  expect(cookie).toContain("Path=/");
});

test("a wrong password is refused, the same way as an unknown email", async () => {
  const { api } = browser();
  const wrong = await api.auth.login.mutate({ email: "admin@example.com", password: "wrong password!" }).catch((error) => error);
  const unknown = await api.auth.login.mutate({ email: "nobody@example.com", password: "wrong password!" }).catch((error) => error);
  expect(wrong).toBeInstanceOf(TRPCClientError);
  expect(wrong.data).toMatchObject({ httpStatus: 401, errorCode: "unauthorized" });
  expect(unknown.message).toBe(wrong.message);
});

test("repeated failures are slowed down", async () => {
  const { api } = browser();
  const results = [];
  for (let attempt = 0; attempt < 7; attempt++) {
    results.push(await api.auth.login.mutate({ email: "target@example.com", password: `guess number ${attempt}` }).catch((error) => error.data.errorCode));
  }
  expect(results.slice(0, 5)).toEqual(Array(5).fill("unauthorized"));
  expect(results.slice(5)).toContain("rate_limited");
});

test("an agent cannot manage users; an admin can", async () => {
  const agent = browser();
  await agent.api.auth.login.mutate({ email: "agent@example.com", password: "agent password 1" });
  const refused = await agent.api.users.list.query().catch((error) => error);
  expect(refused.data).toMatchObject({ httpStatus: 403, errorCode: "forbidden" });
  expect((await agent.api.clients.list.query()).items).toBeArray();

  const admin = browser();
  await admin.api.auth.login.mutate({ email: "admin@example.com", password: "correct horse battery" });
  const created = await admin.api.users.create.mutate({ email: "new@example.com", password: "a long password", role: "agent" });
  expect(created).toMatchObject({ email: "new@example.com", role: "agent", disabled: false });
  expect((await admin.api.users.list.query()).map((user) => user.email)).toContain("new@example.com");
  const duplicate = await admin.api.users.create.mutate({ email: "NEW@example.com", password: "a long password" }).catch((error) => error);
  expect(duplicate.data.errorCode).toBe("conflict");
  const { apiKey, webhookUrl } = await admin.api.settings.integrationKey.query();
  expect(apiKey).toBe(TEST_KEY);
  expect(webhookUrl).toBe(`${base}/api/webhook/whatsapp`);
});

test("disabling a user ends their sessions; the last admin stays an admin", async () => {
  const admin = browser();
  const { user: me } = await admin.api.auth.login.mutate({ email: "admin@example.com", password: "correct horse battery" });
  const victim = browser();
  const { user } = await victim.api.auth.login.mutate({ email: "agent@example.com", password: "agent password 1" });
  await admin.api.users.update.mutate({ id: user.id, disabled: true });
  expect((await victim.api.clients.list.query().catch((error) => error)).data.httpStatus).toBe(401);
  const lastAdmin = await admin.api.users.update.mutate({ id: me.id, role: "agent" }).catch((error) => error);
  expect(lastAdmin.data.errorCode).toBe("conflict");
  await admin.api.users.update.mutate({ id: user.id, disabled: false });
});

test("a session cookie sent from another site is ignored", async () => {
  const { api, cookie } = browser();
  await api.auth.login.mutate({ email: "admin@example.com", password: "correct horse battery" });
  const response = await fetch(`${base}/trpc/clients.create`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: cookie(), origin: "https://evil.example" },
    body: JSON.stringify({ phoneNumber: "+33645000099" }),
  });
  expect(response.status).toBe(401);
});

test("the integration key works for data but not for users", async () => {
  const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${base}/trpc`, headers: { "x-api-key": TEST_KEY } })] });
  expect((await api.auth.me.query()).via).toBe("key");
  expect((await api.users.list.query().catch((error) => error)).data.httpStatus).toBe(403);
});

test("user and settings changes are in the admin audit trail, with who made them", async () => {
  const admin = browser();
  const { user: me } = await admin.api.auth.login.mutate({ email: "admin@example.com", password: "correct horse battery" });
  const created = await admin.api.users.create.mutate({ email: "audited@example.com", password: "a long password", role: "agent" });
  await admin.api.users.update.mutate({ id: created.id, role: "admin" });
  const { settings } = await admin.api.settings.confirmation.query();
  await admin.api.settings.updateConfirmation.mutate({ ...settings, quietHours: { start: "21:00", end: "09:00" } });
  const { items } = await admin.api.audit.events.query();
  const mine = items.filter((item) => item.actorId === me.id).map((item) => [item.action, item.target]);
  expect(mine).toContainEqual(["user.created", created.id]);
  expect(mine).toContainEqual(["user.updated", created.id]);
  expect(mine).toContainEqual(["settings.updated", "confirmation"]);
  const signIn = items.find((item) => item.action === "session.created" && item.actorId === me.id);
  expect(signIn?.details).toEqual({ ip: "127.0.0.1" });
  expect(JSON.stringify(items)).not.toContain("a long password");
  expect((await admin.api.settings.confirmation.query()).settings.quietHours).toEqual({ start: "21:00", end: "09:00" });

  const agent = browser();
  await agent.api.auth.login.mutate({ email: "agent@example.com", password: "agent password 1" });
  expect((await agent.api.audit.events.query().catch((error) => error)).data.httpStatus).toBe(403);
});
