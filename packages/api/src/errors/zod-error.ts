import type { z } from "zod";
import { DomainError } from "./domain-error.ts";

/** Turns a zod failure into the product's error: unknown keys, missing fields, or invalid input. */
export function domainErrorFromZod(error: z.ZodError): DomainError {
  const issue = error.issues[0];
  const path = issue?.path.join(".") ?? "";
  const where = path ? `\`${path}\`: ` : "";
  const details = error.issues.map((item) => ({ path: item.path.join("."), message: item.message }));
  if (issue?.code === "unrecognized_keys") {
    return new DomainError("unknown_field", `${where}unknown field(s) ${issue.keys.map((key) => `\`${key}\``).join(", ")}`, details);
  }
  if (issue?.code === "invalid_type" && /received undefined/.test(issue.message)) {
    return new DomainError("missing_field", `\`${path}\` is required`, details);
  }
  return new DomainError("invalid_input", `${where}${issue?.message ?? "invalid input"}`, details);
}
