import { clientIdentities, clients, identityLockKey, messages, orders, recordChanges, type Client, type Executor } from "@confirma/db";
import type { Sender } from "@confirma/whatsapp";
import { eq, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import { DomainError } from "../errors/domain-error.ts";

export interface ResolvedSender {
  client: Client;
  created: boolean;
}

/**
 * Finds or creates the client behind a message sender, race-safe, and moves `lastContact`
 * forward to `at`. A phone number is the client's key (one upsert on the unique index); an
 * opaque id (`meta:…`, `lid:…`) is an identity linked to the client, and a phone-less client
 * known only by that id is merged into the phone's client when both show up together.
 */
export async function resolveSender(tx: Executor, sender: Sender, at: Date): Promise<ResolvedSender> {
  if (sender.phone) {
    const resolved = await upsertByPhone(tx, sender.phone, sender.name, at);
    if (sender.userId) await linkIdentity(tx, sender.userId, resolved.client);
    return resolved;
  }
  if (sender.userId) return upsertByIdentity(tx, sender.userId, sender.name, at);
  throw new DomainError("invalid_payload", "a message without a sender");
}

async function upsertByPhone(tx: Executor, phoneNumber: string, name: string | undefined, at: Date): Promise<ResolvedSender> {
  const id = uuidv7();
  const [client] = await tx
    .insert(clients)
    .values({ id, phoneNumber, name: name ?? null, lastContact: at })
    .onConflictDoUpdate({
      target: clients.phoneNumber,
      set: {
        lastContact: sql`greatest(${clients.lastContact}, excluded.last_contact)`,
        name: sql`coalesce(${clients.name}, excluded.name)`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  if (!client) throw new Error("client upsert returned nothing");
  return { client, created: client.id === id };
}

async function upsertByIdentity(tx: Executor, identity: string, name: string | undefined, at: Date): Promise<ResolvedSender> {
  // Serialises first contacts of one identity across connections until this transaction ends.
  await tx.execute(sql`select pg_advisory_xact_lock(${identityLockKey(identity)})`);
  const [linked] = await tx.select({ clientId: clientIdentities.clientId }).from(clientIdentities).where(eq(clientIdentities.identity, identity));
  if (linked) {
    const [client] = await tx
      .update(clients)
      .set({
        lastContact: sql`greatest(${clients.lastContact}, ${at.toISOString()}::timestamptz)`,
        name: sql`coalesce(${clients.name}, ${name ?? null})`,
        updatedAt: sql`now()`,
      })
      .where(eq(clients.id, linked.clientId))
      .returning();
    if (client) return { client, created: false };
  }
  const [client] = await tx
    .insert(clients)
    .values({ name: name ?? null, lastContact: at })
    .returning();
  if (!client) throw new Error("client insert returned nothing");
  await tx.insert(clientIdentities).values({ identity, clientId: client.id });
  return { client, created: true };
}

/** Links an opaque identity to a phone client, merging a phone-less client that only had that identity. */
async function linkIdentity(tx: Executor, identity: string, client: Client): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${identityLockKey(identity)})`);
  const [linked] = await tx.select({ clientId: clientIdentities.clientId }).from(clientIdentities).where(eq(clientIdentities.identity, identity));
  if (!linked) {
    await tx.insert(clientIdentities).values({ identity, clientId: client.id }).onConflictDoNothing();
    return;
  }
  if (linked.clientId === client.id) return;
  const [previous] = await tx.select().from(clients).where(eq(clients.id, linked.clientId)).for("update");
  if (previous && previous.phoneNumber === null) {
    await tx.update(messages).set({ clientId: client.id }).where(eq(messages.clientId, previous.id));
    await tx.update(orders).set({ clientId: client.id }).where(eq(orders.clientId, previous.id));
    await tx.update(clientIdentities).set({ clientId: client.id }).where(eq(clientIdentities.clientId, previous.id));
    await tx.delete(clients).where(eq(clients.id, previous.id));
    await recordChanges(tx, [{ entity: "client", entityId: previous.id, action: "deleted", clientId: previous.id }]);
    return;
  }
  // The identity now speaks from another number: it follows the number.
  await tx.update(clientIdentities).set({ clientId: client.id }).where(eq(clientIdentities.identity, identity));
}
