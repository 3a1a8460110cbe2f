import { expect, test } from "bun:test";
import { DomainError, domainErrorFromZod } from "@confirma/api";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { describeError } from "./describe-error.ts";

const parseError = (() => {
  try {
    JSON.parse('{"email": secret.person@example.com}');
  } catch (error) {
    return error;
  }
})();

test.each([
  ["a programming error keeps its message", new TypeError("undefined is not an object"), { name: "TypeError", message: "undefined is not an object" }],
  ["quoted input in a message is blanked", parseError, { name: "SyntaxError", message: expect.not.stringContaining("secret") }],
  ["e-mails and phone numbers in a message are blanked", new Error("no user jeanne@example.com for +33 6 12 34 56 78"), { message: "no user …@… for …" }],
  ["query parameters are cut", new Error("Failed query: select 1\nparams: jeanne@example.com"), {}],
  [
    "a product error keeps its code, not its message",
    new DomainError("phone_taken", "+33612345678 already belongs to client `x`"),
    { name: "DomainError", code: "phone_taken" },
  ],
  [
    "validation issues are kept",
    domainErrorFromZod(z.strictObject({ name: z.string().max(2) }).safeParse({ name: "Jeanne" }).error!),
    { code: "invalid_input", issues: [expect.stringMatching(/^name: /)] },
  ],
  ["a thrown string is blanked like a message", 'secret "Jeanne"', { thrown: "string", message: 'secret "…"' }],
] as const)("%s", (_, error, expected) => {
  const described = describeError(error);
  expect(described).toMatchObject(expected);
  expect(JSON.stringify(described)).not.toMatch(/jeanne|secret\.person|\+33 ?6|params|Jeanne/i);
});

test("a wrapped failure is described down its causes, with the stack frames but not the message lines", () => {
  const query = Object.assign(new Error("Failed query: insert into users values ($1)\nparams: $argon2id$v=19$hash,jeanne@example.com\nat Jeanne (x:1:2)"), {
    query: "insert into users values ($1)",
    params: ["$argon2id$v=19$hash", "jeanne@example.com"],
    cause: Object.assign(new Error('new row for relation "users" violates check constraint "users_name"'), {
      name: "PostgresError",
      code: "23514",
      severity: "ERROR",
      detail: "Failing row contains (jeanne@example.com, $argon2id$v=19$hash).",
      constraint_name: "users_name",
      table_name: "users",
    }),
  });
  const wrapped = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: query });
  wrapped.stack = query.stack;
  const described = describeError(wrapped);
  expect(described).toMatchObject({
    name: "TRPCError",
    code: "INTERNAL_SERVER_ERROR",
    cause: { cause: { name: "PostgresError", code: "23514", constraint: "users_name", table: "users" } },
  });
  expect((described.stack as string[]).length).toBeGreaterThan(0);
  expect(JSON.stringify(described)).not.toMatch(/jeanne|argon2|params|Failing row|insert into/i);
});
