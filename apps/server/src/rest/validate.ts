import { domainErrorFromZod } from "@confirma/api";
import type { z } from "zod";
import { readJsonBody } from "../http/read-body.ts";

/** Validates a value with a zod schema at the edge; failures become product errors. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw domainErrorFromZod(result.error);
  return result.data;
}

/** Reads the JSON body and validates it. */
export async function validBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  return validate(schema, await readJsonBody(request));
}
