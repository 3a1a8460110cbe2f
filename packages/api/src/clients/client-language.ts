import { languageOfCountry, languageOfLocale, type MessageLanguage } from "@confirma/domain";
import { clients, type Executor, messages } from "@confirma/db";
import { countryOfPhone, messageLanguage } from "@confirma/whatsapp";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { loadConfirmationSettings } from "../confirmation/confirmation-settings.ts";
import type { Services } from "../context.ts";

/** How many of the customer's latest messages are read for their language. */
const RECENT_MESSAGES = 5;

export type LanguageSource = "client" | "replies" | "country" | "shop";

/** What the choice of a customer's language reads: their row, their latest messages (newest first), the order's country. */
interface LanguageFacts {
  known: MessageLanguage | null;
  phone: string | null;
  recentBodies: readonly string[];
  shippingCountry: string | null | undefined;
  shopLanguage: MessageLanguage;
}

/** The rule, in one place: known for sure, else the latest messages', else the country's, else the shop's. */
function chooseLanguage({ known, phone, recentBodies, shippingCountry, shopLanguage }: LanguageFacts): { language: MessageLanguage; source: LanguageSource } {
  if (known) return { language: known, source: "client" };
  for (const body of recentBodies) {
    const language = body ? messageLanguage(body) : null;
    if (language) return { language, source: "replies" };
  }
  const byCountry = languageOfCountry(shippingCountry) ?? (phone ? languageOfCountry(countryOfPhone(phone)) : null);
  if (byCountry) return { language: byCountry, source: "country" };
  return { language: shopLanguage, source: "shop" };
}

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
  const recent = client?.language
    ? []
    : await db
        .select({ body: messages.body })
        .from(messages)
        .where(and(eq(messages.clientId, clientId), eq(messages.direction, "in")))
        .orderBy(desc(messages.id))
        .limit(RECENT_MESSAGES);
  return chooseLanguage({
    known: client?.language ?? null,
    phone: client?.phone ?? null,
    recentBodies: recent.map((row) => row.body),
    shippingCountry,
    shopLanguage,
  });
}

/**
 * `customerLanguage` for many orders at once (a queue page), in two queries: each order's
 * customer language, by the order's shipping country when its customer has no known language.
 */
export async function customerLanguages(
  db: Executor,
  subjects: readonly { clientId: string; shippingCountry?: string | null }[],
  shopLanguage: MessageLanguage,
): Promise<MessageLanguage[]> {
  if (subjects.length === 0) return [];
  const clientIds = [...new Set(subjects.map((subject) => subject.clientId))];
  const rows = await db.select({ id: clients.id, language: clients.language, phone: clients.phoneNumber }).from(clients).where(inArray(clients.id, clientIds));
  const clientById = new Map(rows.map((row) => [row.id, row]));
  const unknown = rows.filter((row) => !row.language).map((row) => row.id);
  // Each customer's latest messages through the (client_id, id) index: a few rows per customer, however long their thread.
  const latest = db
    .select({ id: messages.id, body: messages.body })
    .from(messages)
    .where(and(sql`${messages.clientId} = ${clients.id}`, eq(messages.direction, "in")))
    .orderBy(desc(messages.id))
    .limit(RECENT_MESSAGES)
    .as("latest");
  const recent = unknown.length
    ? await db
        .select({ clientId: clients.id, body: latest.body })
        .from(clients)
        .innerJoinLateral(latest, sql`true`)
        .where(inArray(clients.id, unknown))
        .orderBy(clients.id, desc(latest.id))
    : [];
  const bodiesOf = Map.groupBy(recent, (row) => row.clientId);
  return subjects.map(({ clientId, shippingCountry }) => {
    const client = clientById.get(clientId);
    return chooseLanguage({
      known: client?.language ?? null,
      phone: client?.phone ?? null,
      recentBodies: (bodiesOf.get(clientId) ?? []).map((row) => row.body),
      shippingCountry,
      shopLanguage,
    }).language;
  });
}

/**
 * The language each order's customer is written to in (`customerLanguages`), the shop's own read
 * from the confirmation settings in force: what a queue card offers canned replies in first.
 */
export async function orderLanguages(
  services: Services,
  orders: readonly { clientId: string; shippingAddress: { country?: string | null } | null }[],
): Promise<MessageLanguage[]> {
  if (orders.length === 0) return [];
  const { language: shopLanguage } = await loadConfirmationSettings(services.db, services.settings.confirmation);
  return customerLanguages(
    services.db,
    orders.map((order) => ({ clientId: order.clientId, shippingCountry: order.shippingAddress?.country ?? null })),
    shopLanguage,
  );
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
