import { clients, recordChanges, type Executor } from "@confirma/db";
import { sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";

/**
 * The client an order belongs to, by its E.164 phone: the one that has this number, or a new one
 * (race-safe: one client per number, however many transactions ask at once; an existing client
 * keeps its name, a nameless one takes `name`). Without a phone, a new client of its own, known by
 * name until a person finds the number. Used by store deliveries and by a person correcting an
 * order's phone, so both land on the same client.
 */
export async function clientForPhone(tx: Executor, phone: string | null, name: string | null): Promise<string> {
  if (phone) {
    // Our own id: when it comes back, the row is new (the live feed says "created", not "updated").
    const id = uuidv7();
    const [client] = await tx
      .insert(clients)
      .values({ id, phoneNumber: phone, name })
      .onConflictDoUpdate({ target: clients.phoneNumber, set: { name: sql`coalesce(${clients.name}, excluded.name)`, updatedAt: sql`now()` } })
      .returning({ id: clients.id });
    await recordChanges(tx, [{ entity: "client", entityId: client!.id, action: client!.id === id ? "created" : "updated", clientId: client!.id }]);
    return client!.id;
  }
  const [client] = await tx.insert(clients).values({ name }).returning({ id: clients.id });
  await recordChanges(tx, [{ entity: "client", entityId: client!.id, action: "created", clientId: client!.id }]);
  return client!.id;
}
