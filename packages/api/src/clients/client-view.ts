import type { Client } from "@confirma/db";

/** The client as the API shows it. */
export interface ClientView {
  id: string;
  phoneNumber: string | null;
  name: string | null;
  status: Client["status"];
  lastContact: string | null;
  /** The language the customer is written to in, when known for sure (store locale, an agent); null = read from replies, country, or the shop's. */
  language: Client["language"];
  createdAt: string;
  updatedAt: string;
}

export function toClientView(row: Client): ClientView {
  return {
    id: row.id,
    phoneNumber: row.phoneNumber,
    name: row.name,
    status: row.status,
    lastContact: row.lastContact?.toISOString() ?? null,
    language: row.language,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
