import { languageOfCountry, languageOfLocale, type MessageLanguage } from "@confirma/domain";
import { clients, type Executor, messages } from "@confirma/db";
import { countryOfPhone, messageLanguage } from "@confirma/whatsapp";
import { and, desc, eq, sql } from "drizzle-orm";

/** How many of the customer's latest messages are read for their language. */
const RECENT_MESSAGES = 5;

export type LanguageSource = "client" | "replies" | "country" | "shop";

/**
 * The language a customer is written to in, and why: the one known for sure (their store
 * order's locale, or an agent's choice: `clients.language`), else the language of their latest
 * messages, else their country's (the order's shipping country, else their number's), else the
 * shop's own (`settings.language`).
 */
export async function customerLanguage(
  db: Executor,
  clientId: string,
  { shippingCountry, shopLanguage }: { shippingCountry?: string | null; shopLanguage: MessageLanguage },
): Promise<{ language: MessageLanguage; source: LanguageSource }> {
  const [client] = await db.select({ language: clients.language, phone: clients.phoneNumber }).from(clients).where(eq(clients.id, clientId));
  if (client?.language) return { language: client.language, source: "client" };
  const recent = await db
    .select({ body: messages.body })
    .from(messages)
    .where(and(eq(messages.clientId, clientId), eq(messages.direction, "in")))
    .orderBy(desc(messages.id))
    .limit(RECENT_MESSAGES);
  for (const { body } of recent) {
    const language = body ? messageLanguage(body) : null;
    if (language) return { language, source: "replies" };
  }
  const byCountry = languageOfCountry(shippingCountry) ?? (client?.phone ? languageOfCountry(countryOfPhone(client.phone)) : null);
  if (byCountry) return { language: byCountry, source: "country" };
  return { language: shopLanguage, source: "shop" };
}

/** Records the language a store order names (its locale), when messages exist in it. */
export async function rememberStoreLocale(tx: Executor, clientId: string, locale: string | null | undefined): Promise<void> {
  const language = languageOfLocale(locale);
  if (!language) return;
  await tx
    .update(clients)
    .set({ language, updatedAt: sql`now()` })
    .where(and(eq(clients.id, clientId), sql`${clients.language} is distinct from ${language}`));
}
