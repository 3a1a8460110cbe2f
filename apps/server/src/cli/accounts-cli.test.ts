import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auditEvents, openDatabase, sessions, users, type DatabaseHandle } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { eq } from "drizzle-orm";
import { runCli } from "./testing/cli-test-kit.ts";

/** `confirma create-admin` and `confirma reset-password`, on the embedded database and on PostgreSQL. */
const dataDir = mkdtempSync(join(tmpdir(), "confirma-cli-accounts-"));
const postgres = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
const env = { DATA_DIR: dataDir, ...(postgres?.url ? { DATABASE_URL: postgres.url } : {}) };
afterAll(async () => {
  await postgres?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Looks into the database between commands (the embedded one is opened only while no command runs). */
async function inspect<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  if (postgres) return work(postgres);
  const database = await openDatabase({ dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const passwordIn = (stdout: string) => /\(shown this once[^)]*\):? (\S+)/.exec(stdout)?.[1];

test("create-admin adds an admin with a password shown once, recorded in the audit trail", async () => {
  const created = await runCli(["create-admin", "--email", "Ops@Shop.example", "--name", "Ops"], { env });
  expect(created.stderr).toBe("");
  expect(created.code).toBe(0);
  const password = passwordIn(created.stdout);
  expect(password).toHaveLength(20);

  await inspect(async ({ db }) => {
    const [user] = await db.select().from(users).where(eq(users.email, "ops@shop.example"));
    expect(user).toMatchObject({ name: "Ops", role: "admin", disabledAt: null });
    expect(await Bun.password.verify(password!, user!.passwordHash)).toBe(true);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.target, user!.id));
    expect(audit).toMatchObject({ action: "user.created", actorType: "system" });
    expect(audit!.actorId).toStartWith("cli:");
  });
}, 180_000);

test("create-admin refuses an email already used (1) and bad arguments (2), writing nothing", async () => {
  const again = await runCli(["create-admin", "--email", "OPS@shop.example"], { env });
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("already exists");
  expect(again.stderr).toContain("confirma reset-password ops@shop.example");
  expect(again.stderr.trim().split("\n")).toHaveLength(1);

  const badEmail = await runCli(["create-admin", "--email", "not-an-email"], { env });
  expect(badEmail.code).toBe(2);
  expect(badEmail.stderr).toContain("not an email address");
  const noEmail = await runCli(["create-admin"], { env });
  expect(noEmail.code).toBe(2);
  expect(noEmail.stderr).toContain("--email is required");
  const unknownOption = await runCli(["create-admin", "--email", "a@b.example", "--admin"], { env });
  expect(unknownOption.code).toBe(2);
  expect(unknownOption.stderr).toContain("unknown option '--admin'");
  const shortPassword = await runCli(["create-admin", "--email", "short@shop.example", "--password-stdin"], { env, stdin: "abc\n" });
  expect(shortPassword.code).toBe(2);
  expect(shortPassword.stderr).toContain("at least 10 characters");

  await inspect(async ({ db }) => {
    expect((await db.select().from(users)).map((user) => user.email)).toEqual(["ops@shop.example"]);
  });
}, 180_000);

test("create-admin --password-stdin takes the password from stdin and prints none", async () => {
  const created = await runCli(["create-admin", "--email", "owner@shop.example", "--password-stdin"], { env, stdin: "correct horse battery staple\n" });
  expect(created.code).toBe(0);
  expect(created.stdout).not.toContain("correct horse");
  expect(created.stdout).not.toContain("shown this once");
  await inspect(async ({ db }) => {
    const [user] = await db.select().from(users).where(eq(users.email, "owner@shop.example"));
    expect(await Bun.password.verify("correct horse battery staple", user!.passwordHash)).toBe(true);
  });
}, 180_000);

test("reset-password gives a new password, ends the user's sessions and writes an audit entry", async () => {
  const userId = await inspect(async ({ db }) => {
    const [user] = await db.select().from(users).where(eq(users.email, "ops@shop.example"));
    await db.insert(sessions).values([
      { tokenHash: "session-a", userId: user!.id, expiresAt: new Date(Date.now() + 86_400_000) },
      { tokenHash: "session-b", userId: user!.id, expiresAt: new Date(Date.now() + 86_400_000) },
    ]);
    return user!.id;
  });

  const reset = await runCli(["reset-password", "OPS@shop.example"], { env });
  expect(reset.code).toBe(0);
  const password = passwordIn(reset.stdout);
  expect(password).toHaveLength(20);
  expect(reset.stdout).toContain("signed out everywhere");

  await inspect(async ({ db }) => {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    expect(await Bun.password.verify(password!, user!.passwordHash)).toBe(true);
    expect(await db.select().from(sessions).where(eq(sessions.userId, userId))).toEqual([]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.updated"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target: userId, actorType: "system", details: { passwordChanged: true } });
  });
}, 180_000);

test("reset-password refuses an unknown email (1) and a missing one (2)", async () => {
  const unknown = await runCli(["reset-password", "nobody@shop.example"], { env });
  expect(unknown.code).toBe(1);
  expect(unknown.stderr.trim()).toBe("confirma reset-password: no dashboard user has the email nobody@shop.example");
  const missing = await runCli(["reset-password"], { env });
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("usage: confirma reset-password <email>");
}, 180_000);
