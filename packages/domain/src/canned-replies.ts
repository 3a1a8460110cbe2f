import { MESSAGE_LANGUAGES, type MessageLanguage } from "./confirmation-settings.ts";

/**
 * Canned replies: texts an admin writes once, an agent inserts with `/` in a reply box. One
 * renderer for both sides: the dashboard previews with it, the server renders with it when the
 * message is sent, so what the agent saw is what the customer gets.
 */

/** What `{…}` in a canned reply is filled with. */
export const CANNED_PLACEHOLDERS = ["name", "phone", "order", "total", "items", "delivery_date"] as const;
export type CannedPlaceholder = (typeof CANNED_PLACEHOLDERS)[number];

export const CANNED_REPLY_LIMITS = { titleLength: 60, bodyLength: 1024, count: 200, deliveryDateLength: 120 } as const;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names written in a text, in order, each once: `"{name} {x} {name}"` → `["name", "x"]`. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** The placeholders of a text that Confirma cannot fill (a canned reply with one is refused on save). */
export function unknownPlaceholders(text: string): string[] {
  return placeholdersIn(text).filter((name) => !(CANNED_PLACEHOLDERS as readonly string[]).includes(name));
}

/**
 * Replaces each `{placeholder}` that has a non-empty value; any other stays visible as written
 * (`"Bonjour {nom}"` stays so), which the preview shows and the server refuses to send.
 */
export function renderPlaceholders(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => {
    const value = values[key];
    return value === undefined || value === "" ? whole : value;
  });
}

/** The known placeholders still in a rendered text (their value was missing): a message must not go out with one. */
export function unfilledPlaceholders(text: string): CannedPlaceholder[] {
  return placeholdersIn(text).filter((name): name is CannedPlaceholder => (CANNED_PLACEHOLDERS as readonly string[]).includes(name));
}

const LOCALES: Record<MessageLanguage, string> = { fr: "fr-FR", en: "en-GB", es: "es-ES", ar: "ar-MA" };

/** What the placeholders are filled from: the customer, the order the reply is about, the delivery time setting. */
export interface PlaceholderSource {
  client: { name: string | null; phoneNumber: string | null } | null;
  order: {
    id: string;
    externalNumber?: string | null;
    /** Major units, exact to the currency's digits (the API's `total`). */
    total: number;
    currency: string;
    products: readonly { name: string; quantity: number }[];
  } | null;
  /** The "délai de livraison" text from the settings ("48 à 72 h"); empty when none is set. */
  deliveryDate: string | null;
  language: MessageLanguage;
}

/** How the customer knows an order: the store's number (`#1001`) when it came from a store, else `#` and the id's last 6 characters. */
export function orderReference(order: { id: string; externalNumber?: string | null }): string {
  if (order.externalNumber) return order.externalNumber.startsWith("#") ? order.externalNumber : `#${order.externalNumber}`;
  return `#${order.id.slice(-6).toUpperCase()}`;
}

/** The values of every placeholder, formatted for the language; the empty string where there is nothing to say. */
export function placeholderValues(source: PlaceholderSource): Record<CannedPlaceholder, string> {
  const { client, order, language } = source;
  return {
    name: client?.name?.trim() ?? "",
    phone: client?.phoneNumber ?? "",
    order: order ? orderReference(order) : "",
    total: order ? new Intl.NumberFormat(LOCALES[language], { style: "currency", currency: order.currency }).format(order.total) : "",
    items: order ? order.products.map((product) => `${product.quantity} × ${product.name}`).join(", ") : "",
    delivery_date: source.deliveryDate?.trim() ?? "",
  };
}

/** A canned reply's text for one customer and order. */
export function renderCannedReply(body: string, source: PlaceholderSource): string {
  return renderPlaceholders(body, placeholderValues(source));
}

/** The language to offer replies in: the customer's when known and supported, else French. */
export function replyLanguage(known: string | null | undefined): MessageLanguage {
  const short = known?.slice(0, 2).toLowerCase();
  return (MESSAGE_LANGUAGES as readonly string[]).includes(short ?? "") ? (short as MessageLanguage) : "fr";
}
