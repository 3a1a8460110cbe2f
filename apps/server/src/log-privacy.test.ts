import { afterAll, beforeAll, expect, test } from "bun:test";
import { ensureFirstAdmin } from "@confirma/api";
import { sql } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

/**
 * Whatever fails, the log keeps the error's class, SQLSTATE and constraint, never the values a
 * query carried: password hashes, e-mails, phone numbers, names, message text.
 */
const logLines: string[] = [];
const t = await openTestApp({}, { log: (line) => logLines.push(line) });
afterAll(() => t.close());

const ADMIN = { email: "admin.private@example.com", password: "correct horse battery staple" };
const REFUSED_NAME = "Refusé Parle-Pas";
/** Everything personal a request below sends: none of it may reach the log. */
const PRIVATE = [
  ADMIN.email,
  ADMIN.password,
  "nul.person@example.com",
  "Nul Person",
  "nul.login@example.com",
  "refused.person@example.com",
  "refused person password",
  REFUSED_NAME,
  "33655443322",
  "33677889900",
  "33611223344",
  "99 88 77",
  "Clémence",
];
const LEAKS = [...PRIVATE, "$argon2", "params", "Failed query", "insert into", "select "];

let adminCookie = "";
beforeAll(async () => {
  await ensureFirstAdmin(t.db, ADMIN);
  const login = await t.call("POST", "/trpc/auth.login", ADMIN, { key: null });
  adminCookie = login.headers.get("set-cookie")!.split(";")[0]!;
  expect((await t.call("POST", "/api/clients", { phoneNumber: "+33611223344", name: "Clémence Dupont" })).status).toBe(201);
  // A rule the input validation does not know about: the database refuses these rows itself.
  await t.db.execute(sql.raw(`alter table users add constraint users_name_refused check (name is distinct from '${REFUSED_NAME}')`));
  await t.db.execute(sql.raw(`alter table clients add constraint clients_name_refused check (name is distinct from '${REFUSED_NAME}')`));
});

const asAdmin = () => ({ key: null, headers: { cookie: adminCookie } });

const cases: [string, () => Promise<{ status: number }>][] = [
  [
    "a NUL in a new user's name (admin users.create)",
    () => t.call("POST", "/trpc/users.create", { email: "nul.person@example.com", name: "Nul\u0000 Person", password: "nul person password" }, asAdmin()),
  ],
  [
    "a NUL in the e-mail of a sign-in (auth.login, no session)",
    () => t.call("POST", "/trpc/auth.login", { email: "nul.login\u0000@example.com", password: "nul login password" }, { key: null }),
  ],
  ["a NUL in a client name (REST)", () => t.call("POST", "/api/clients", { phoneNumber: "+33655443322", name: "Nul\u0000 Person" })],
  ["a NUL in a search (REST)", () => t.call("GET", "/api/clients?search=Cl%C3%A9mence%00")],
  ["a NUL in a client id (REST path)", () => t.call("GET", "/api/clients/01a22%00")],
  [
    "a user the database refuses (tRPC, constraint)",
    () => t.call("POST", "/trpc/users.create", { email: "refused.person@example.com", name: REFUSED_NAME, password: "refused person password" }, asAdmin()),
  ],
  ["a client the database refuses (REST, constraint)", () => t.call("POST", "/api/clients", { phoneNumber: "+33677889900", name: REFUSED_NAME })],
  ["a phone number that is not one (REST)", () => t.call("POST", "/api/clients", { phoneNumber: "+33 6 99 88 77" })],
  [
    "a phone number taken by another client (REST)",
    async () => {
      const other = await t.call("POST", "/api/clients", { phoneNumber: "+33655443322" });
      return t.call("PUT", `/api/clients/${other.body.id}`, { phoneNumber: "+33611223344" });
    },
  ],
];

for (const [name, send] of cases) {
  test(`${name}: the log carries no personal data, no hash, no query parameters`, async () => {
    logLines.length = 0;
    const { status } = await send();
    expect(status).toBeGreaterThanOrEqual(400);
    const log = logLines.join("\n");
    expect(log).toContain('"msg":"request"');
    for (const leak of LEAKS) expect({ leak, found: log.includes(leak) }).toEqual({ leak, found: false });
  });
}

test("a database failure is still logged with what an operator needs: class, SQLSTATE, constraint, where", async () => {
  for (const send of [
    () => t.call("POST", "/trpc/users.create", { email: "refused.person@example.com", name: REFUSED_NAME, password: "refused person password" }, asAdmin()),
    () => t.call("POST", "/api/clients", { phoneNumber: "+33677889900", name: REFUSED_NAME }),
  ]) {
    logLines.length = 0;
    expect((await send()).status).toBe(500);
    const failure = logLines.map((line) => JSON.parse(line)).find((entry) => entry.level === "error" && entry.msg !== "request");
    expect(failure).toBeDefined();
    expect(JSON.stringify(failure.err)).toContain('"code":"23514"');
    expect(JSON.stringify(failure.err)).toMatch(/"constraint":"(users|clients)_name_refused"/);
    expect(JSON.stringify(failure.err)).toMatch(/"at [^"]+"/);
  }
});
