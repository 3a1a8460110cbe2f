import { afterAll, beforeAll, expect, test } from "bun:test";
import { users } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { and, eq, isNull } from "drizzle-orm";
import { DomainError } from "../errors/domain-error.ts";
import { createUser, updateUser } from "./user-service.ts";

let handle: Awaited<ReturnType<typeof openTestDatabase>>;
let first: string;
let second: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  first = (await createUser(handle.db, { email: "first@example.com", password: "first admin password", role: "admin" })).id;
  second = (await createUser(handle.db, { email: "second@example.com", password: "second admin password", role: "admin" })).id;
});
afterAll(async () => handle.close());

async function activeAdmins(): Promise<number> {
  return (
    await handle.db
      .select()
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
  ).length;
}

test("two admins removing each other at the same moment leave one admin, round after round", async () => {
  const rounds = [
    [{ role: "agent" as const }, { role: "agent" as const }],
    [{ disabled: true }, { disabled: true }],
    [{ role: "agent" as const }, { disabled: true }],
  ];
  for (let round = 0; round < 12; round++) {
    const [change, other] = rounds[round % rounds.length]!;
    const outcomes = await Promise.allSettled([
      updateUser(handle.db, { id: second, ...change }, { type: "user", id: first }),
      updateUser(handle.db, { id: first, ...other }, { type: "user", id: second }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect(refused.reason.code).toBe("conflict");
    expect(await activeAdmins()).toBe(1);
    // Both admins again for the next round.
    for (const id of [first, second]) await updateUser(handle.db, { id, role: "admin", disabled: false }, { type: "system", id: "test" });
    expect(await activeAdmins()).toBe(2);
  }
});
