import { USER_ROLES } from "@confirma/domain";
import { z } from "zod";
import { safeText } from "../input/safe-text.ts";
import { idInput } from "../input/common-schemas.ts";

export const email = safeText({ trim: true })
  .toLowerCase()
  .pipe(z.email({ error: "not an email address" }))
  .pipe(z.string().max(254));
/** Long passphrases welcome; 10 characters at least. */
export const password = z.string().min(10, { error: "the password needs at least 10 characters" }).max(200);
export const userRole = z.enum(USER_ROLES);

export const loginInput = z.strictObject({ email: safeText({ trim: true }).toLowerCase().max(254), password: z.string().max(200) });

export const createUserInput = z.strictObject({
  email,
  name: safeText({ trim: true }).min(1).max(200).nullish(),
  password,
  role: userRole.default("agent"),
});

export const updateUserInput = z.strictObject({
  id: idInput,
  name: safeText({ trim: true }).min(1).max(200).nullable().optional(),
  role: userRole.optional(),
  password: password.optional(),
  disabled: z.boolean().optional(),
});

export type CreateUserInput = z.output<typeof createUserInput>;
export type UpdateUserInput = z.output<typeof updateUserInput>;
