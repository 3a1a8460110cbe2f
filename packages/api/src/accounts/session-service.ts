import { createHash, randomBytes } from "node:crypto";
import { sessions, users, type Database, type User } from "@confirma/db";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { DomainError } from "../errors/domain-error.ts";
import type { LoginThrottle } from "./login-throttle.ts";
import { toUserView, type UserView } from "./user-service.ts";

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** A session's expiry slides forward at most once an hour, so reads stay reads. */
const SLIDE_AFTER_MS = 3600 * 1000;

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Verifying against this when the email is unknown keeps both paths equally slow. */
let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password and opens a session. Wrong credentials, unknown emails and
 * disabled users all give the same `unauthorized`; too many failures give `rate_limited`.
 */
export async function login(
  db: Database,
  throttle: LoginThrottle,
  { email, password, ip, userAgent }: { email: string; password: string; ip: string; userAgent?: string },
): Promise<{ token: string; expiresAt: Date; user: UserView }> {
  // The try is counted before the password is checked, so parallel or batched tries cannot
  // all slip past the limit while each waits for its own check.
  const reserved = throttle.begin(email, ip);
  if ("retryAfterSeconds" in reserved) {
    const wait = reserved.retryAfterSeconds;
    throw new DomainError("rate_limited", `too many failed sign-ins; try again in ${wait} s`, { retryAfter: wait });
  }
  const { attempt } = reserved;
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .catch((error: unknown) => {
      // No password was checked (the database is unreachable): not a failed sign-in.
      attempt.cancelled();
      throw error;
    });
  dummyHash ??= Bun.password.hash("not-a-real-password", { algorithm: "argon2id" });
  const valid = await Bun.password.verify(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !valid || user.disabledAt !== null) throw new DomainError("unauthorized", "wrong email or password");
  attempt.succeeded();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({ tokenHash: tokenHash(token), userId: user.id, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null });
  await recordAudit(db, { type: "user", id: user.id }, "session.created", user.id, { ip });
  await db.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, sql`now()`)));
  return { token, expiresAt, user: toUserView(user) };
}

/** The user behind a session token, or null for an unknown, expired or disabled one. */
export async function resolveSession(db: Database, token: string): Promise<User | null> {
  const hash = tokenHash(token);
  const [row] = await db
    .select({ user: users, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, sql`now()`), isNull(users.disabledAt)));
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > SLIDE_AFTER_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()`, expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
      .where(eq(sessions.tokenHash, hash));
  }
  return row.user;
}

/** Ends one session: the token is useless afterwards. */
export async function logout(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}
