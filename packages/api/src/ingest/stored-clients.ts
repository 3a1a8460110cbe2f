import { messages, type Database } from "@confirma/db";
import type { InboundMessage } from "@confirma/whatsapp";
import { and, eq, inArray } from "drizzle-orm";

/** The key a message goes by in `clientsOfStoredMessages`' answer. */
export const providerKey = (message: Pick<InboundMessage, "provider" | "messageId">) => `${message.provider}\u0000${message.messageId}`;

/**
 * The client each already-stored message belongs to, read after the fact (they may have
 * committed after the statement's snapshot), by `providerKey`. For the one-statement paths'
 * duplicates, which answer with the client the first copy went to.
 */
export async function clientsOfStoredMessages(
  db: Database,
  stored: readonly (Pick<InboundMessage, "provider"> & { messageId: string })[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const providers = new Set(stored.map((message) => message.provider));
  for (const provider of providers) {
    const ids = stored.filter((message) => message.provider === provider).map((message) => message.messageId);
    const rows = await db
      .select({ id: messages.providerMessageId, clientId: messages.clientId })
      .from(messages)
      .where(and(eq(messages.provider, provider), inArray(messages.providerMessageId, ids)));
    for (const row of rows) found.set(providerKey({ provider, messageId: row.id ?? "" }), row.clientId);
  }
  return found;
}
