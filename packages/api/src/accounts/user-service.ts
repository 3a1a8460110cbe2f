import { randomBytes } from "node:crypto";
import { ADVISORY_LOCKS, sessions, users, type Database, type User, type UserRole } from "@confirma/db";
import { and, asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import type { Actor } from "../actor.ts";
import { DomainError } from "../errors/domain-error.ts";
import type { CreateUserInput, UpdateUserInput } from "./user-schemas.ts";

/** A dashboard user as the API shows it: never the hash. */
export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  disabled: boolean;
  createdAt: string;
}

export function toUserView(row: User): UserView {
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: row.disabledAt !== null, createdAt: row.createdAt.toISOString() };
}

export function hashPassword(plain: string): Promise<string> {
  return Bun.password.hash(plain, { algorithm: "argon2id" });
}

/** Creates a dashboard user; an email already used (any case) is a `conflict`. */
export async function createUser(db: Database, input: CreateUserInput, actor: Actor = { type: "system", id: "setup" }): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name ?? null, passwordHash, role: input.role })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new DomainError("conflict", `a user with the email ${input.email} already exists`);
    await recordAudit(tx, actor, "user.created", row.id, { email: row.email, role: row.role });
    return toUserView(row);
  });
}

export async function listUsers(db: Database): Promise<UserView[]> {
  const rows = await db.select().from(users).orderBy(asc(users.createdAt));
  return rows.map(toUserView);
}

/**
 * Changes a user's name, role, password or access. Disabling a user or changing their password
 * ends their sessions. The last active admin cannot be demoted or disabled.
 */
export async function updateUser(db: Database, input: UpdateUserInput, actor: Actor): Promise<UserView> {
  return db.transaction(async (tx) => {
    // Changes that may remove an admin take turns: two admins demoting each other at once would
    // each see the other still active and both succeed. Each reads the admins only after the
    // previous one committed.
    if (input.role === "agent" || input.disabled === true) await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS.adminChanges})`);
    const [current] = await tx.select().from(users).where(eq(users.id, input.id)).for("update");
    if (!current) throw new DomainError("not_found", `no user \`${input.id}\``);
    const losesAdmin = current.role === "admin" && current.disabledAt === null && (input.role === "agent" || input.disabled === true);
    if (losesAdmin) {
      const [others] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, current.id)));
      if (!others?.n) throw new DomainError("conflict", "keep at least one active admin");
    }
    const [row] = await tx
      .update(users)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
        ...(input.disabled !== undefined ? { disabledAt: input.disabled ? (current.disabledAt ?? new Date()) : null } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, input.id))
      .returning();
    if (input.disabled === true || input.password !== undefined) await tx.delete(sessions).where(eq(sessions.userId, input.id));
    await recordAudit(tx, actor, "user.updated", input.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(input.password !== undefined ? { passwordChanged: true } : {}),
    });
    return toUserView(row!);
  });
}

/**
 * Makes sure the dashboard has an admin: when no user exists, creates one from the given
 * email and password, or with a generated password that the caller must show once.
 */
export async function ensureFirstAdmin(
  db: Database,
  { email = "admin@confirma.local", password }: { email?: string; password?: string },
): Promise<{ email: string; generatedPassword?: string } | null> {
  const [existing] = await db.select({ n: count() }).from(users);
  if (existing && existing.n > 0) return null;
  const generatedPassword = password ? undefined : randomBytes(12).toString("base64url");
  const [row] = await db
    .insert(users)
    .values({ email: email.trim().toLowerCase(), name: "Admin", passwordHash: await hashPassword(password ?? generatedPassword!), role: "admin" })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  return { email: row.email, ...(generatedPassword ? { generatedPassword } : {}) };
}
