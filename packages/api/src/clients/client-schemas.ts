import { CLIENT_STATUSES, MESSAGE_LANGUAGES } from "@confirma/domain";
import { z } from "zod";
import { listLimit } from "../input/common-schemas.ts";
import { safeText } from "../input/safe-text.ts";

const name = safeText({ trim: true }).min(1).max(200);
const phoneNumber = z.string().min(1).max(64);

export const clientStatusSchema = z.enum(CLIENT_STATUSES);

export const createClientInput = z.strictObject({
  phoneNumber,
  name: name.nullish(),
  status: clientStatusSchema.optional(),
});

export const updateClientInput = z
  .strictObject({
    name: name.nullable().optional(),
    status: clientStatusSchema.optional(),
    phoneNumber: phoneNumber.optional(),
    /** The language to write to the customer in; null = from their replies, country, or the shop's. */
    language: z.enum(MESSAGE_LANGUAGES).nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: "give at least one of name, status, phoneNumber, language" });

export const listClientsInput = z.strictObject({
  search: safeText({ trim: true }).max(100).optional(),
  status: clientStatusSchema.optional(),
  limit: listLimit,
  cursor: safeText().max(200).optional(),
});

export type CreateClientInput = z.infer<typeof createClientInput>;
export type UpdateClientInput = z.infer<typeof updateClientInput>;
export type ListClientsInput = z.output<typeof listClientsInput>;
