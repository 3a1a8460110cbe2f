import type { Client } from "@confirma/db";

/** The client as the API shows it. */
export interface ClientView {
  id: string;
  phoneNumber: string | null;
  name: string | null;
  status: Client["status"];
  lastContact: string | null;
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
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
