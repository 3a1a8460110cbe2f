import type { MessagePlaceholder } from "@confirma/domain";
import { encodeButtonPayload, type OutboundMessage, type QuickReplyButton } from "@confirma/whatsapp";
import { fromMinorUnits, toMinorUnits } from "../money/money.ts";
import type { OrderView } from "../orders/order-view.ts";
import { textsFor } from "./confirmation-settings.ts";
import type { ConfirmationSettings, MessageLanguage } from "./confirmation-settings-schema.ts";

const LOCALES: Record<MessageLanguage, string> = { fr: "fr-FR", en: "en-GB", es: "es-ES", ar: "ar-MA" };

/** Replaces `{name}`, `{order}`, `{items}`, `{total}` in a text; unknown placeholders stay as written. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** How the customer knows the order: the store's number (`#1001`, from its e-mails) when it came from a store. */
const reference = (order: OrderView) =>
  order.externalNumber ? (order.externalNumber.startsWith("#") ? order.externalNumber : `#${order.externalNumber}`) : `#${order.id.slice(-6).toUpperCase()}`;
const money = (amount: number, currency: string, language: MessageLanguage) =>
  new Intl.NumberFormat(LOCALES[language], { style: "currency", currency }).format(amount);

/** The placeholder values of an order, formatted for the language. */
export function orderPlaceholders(order: OrderView, customerName: string | null, language: MessageLanguage): Record<MessagePlaceholder, string> {
  return {
    name: customerName?.trim() || "",
    order: reference(order),
    items: order.products.map((product) => `${product.quantity} × ${product.name}`).join(", "),
    total: money(order.total, order.currency, language),
  };
}

/**
 * The words of a request about several orders at once. Built in (the texts edited in the dashboard
 * speak of one order): `{count}` orders, then one line per order, then the question.
 */
const SEVERAL: Record<MessageLanguage, { confirmation: string; reminder: string; confirmAll: string; cancelAll: string; choose: string }> = {
  fr: {
    confirmation: "Bonjour {name}, vous avez {count} commandes à confirmer :\n{list}\nConfirmez-vous ces commandes ?",
    reminder: "Bonjour {name}, vos {count} commandes attendent toujours votre confirmation :\n{list}\nLes confirmez-vous ?",
    confirmAll: "Tout confirmer",
    cancelAll: "Tout annuler",
    choose: "Répondre",
  },
  en: {
    confirmation: "Hello {name}, you have {count} orders to confirm:\n{list}\nDo you confirm these orders?",
    reminder: "Hello {name}, your {count} orders are still waiting for your confirmation:\n{list}\nDo you confirm them?",
    confirmAll: "Confirm all",
    cancelAll: "Cancel all",
    choose: "Reply",
  },
  es: {
    confirmation: "Hola {name}, tiene {count} pedidos por confirmar:\n{list}\n¿Confirma estos pedidos?",
    reminder: "Hola {name}, sus {count} pedidos siguen esperando su confirmación:\n{list}\n¿Los confirma?",
    confirmAll: "Confirmar todo",
    cancelAll: "Cancelar todo",
    choose: "Responder",
  },
  ar: {
    confirmation: "مرحبا {name}، لديك {count} طلبات للتأكيد:\n{list}\nهل تؤكد هذه الطلبات؟",
    reminder: "مرحبا {name}، طلباتك ({count}) ما زالت تنتظر تأكيدك:\n{list}\nهل تؤكدها؟",
    confirmAll: "تأكيد الكل",
    cancelAll: "إلغاء الكل",
    choose: "الرد",
  },
};

/** A list message has 10 rows: "all" twice, then confirm and cancel for up to 4 orders. */
const MAX_ORDERS_WITH_OWN_CHOICES = 4;
const ROW_TITLE_LENGTH = 24;

const tidy = (text: string) => text.replace(/ +([,.])/g, "$1").replace(/ {2,}/g, " ");

/** Sum per currency, exact (minor units): "54,90 €" or "54,90 € + 120,00 MAD". */
function totals(orders: readonly OrderView[], language: MessageLanguage): string {
  const byCurrency = new Map<string, number>();
  for (const order of orders) byCurrency.set(order.currency, (byCurrency.get(order.currency) ?? 0) + toMinorUnits(order.total, order.currency));
  return [...byCurrency].map(([currency, minor]) => money(fromMinorUnits(minor, currency), currency, language)).join(" + ");
}

/**
 * The confirmation request or a reminder. One order: the dashboard's texts, two buttons bound to
 * that order. Several orders (every order of the customer awaiting a reply): one summary, buttons
 * "Tout confirmer" / "Tout annuler" bound to the request message `requestId` (so to exactly the
 * orders it lists), and, in free-form messages, a list with a confirm and a cancel row per order
 * (up to 4 orders: a list has 10 rows). A Meta template (outside the 24-hour window) has fixed
 * buttons: its two buttons then carry the "all" payloads, and `{{2}}`, `{{3}}`, `{{4}}` list the
 * orders, their items and the total.
 */
export function renderConfirmationMessage(
  orders: OrderView | readonly OrderView[],
  customerName: string | null,
  settings: ConfirmationSettings,
  {
    step,
    useTemplate,
    requestId,
    language: customerLanguage = settings.language,
  }: { step: number; useTemplate: boolean; requestId?: string; language?: MessageLanguage },
): OutboundMessage {
  const asked: readonly OrderView[] = Array.isArray(orders) ? orders : [orders as OrderView];
  // A Meta template goes out only in the languages it was approved in (the shop's own, and
  // `settings.templateLanguages`); a free-form message in the customer's language always.
  const language =
    !useTemplate || customerLanguage === settings.language || settings.templateLanguages?.includes(customerLanguage) ? customerLanguage : settings.language;
  const texts = textsFor(settings, language);
  const only = asked.length === 1 ? asked[0] : undefined;
  if (only === undefined && requestId === undefined) throw new RangeError("a request about several orders needs its message id");

  let text: string;
  let values: Record<string, string>;
  let buttons: QuickReplyButton[];
  let list: { label: string; rows: QuickReplyButton[] } | undefined;
  if (only !== undefined) {
    values = orderPlaceholders(only, customerName, language);
    text = tidy(fillPlaceholders(step === 0 ? texts.confirmation : texts.reminder, values));
    buttons = [
      { title: texts.confirmButton, payload: encodeButtonPayload({ intent: "confirm", orderId: only.id }) },
      { title: texts.cancelButton, payload: encodeButtonPayload({ intent: "cancel", orderId: only.id }) },
    ];
  } else {
    const words = SEVERAL[language];
    const lines = asked.map((order) => {
      const line = orderPlaceholders(order, null, language);
      return `${line.order} : ${line.items} — ${line.total}`;
    });
    values = {
      name: customerName?.trim() || "",
      order: asked.map(reference).join(", "),
      items: lines.join(" ; "),
      total: totals(asked, language),
    };
    text = tidy(
      fillPlaceholders(step === 0 ? words.confirmation : words.reminder, {
        ...values,
        count: String(asked.length),
        list: lines.map((line) => `• ${line}`).join("\n"),
      }),
    );
    buttons = [
      { title: words.confirmAll, payload: encodeButtonPayload({ intent: "confirm", requestId: requestId! }) },
      { title: words.cancelAll, payload: encodeButtonPayload({ intent: "cancel", requestId: requestId! }) },
    ];
    if (asked.length <= MAX_ORDERS_WITH_OWN_CHOICES) {
      const row = (title: string, order: OrderView) => `${title.slice(0, ROW_TITLE_LENGTH - reference(order).length - 1).trim()} ${reference(order)}`;
      list = {
        label: words.choose,
        rows: [
          ...buttons,
          ...asked.flatMap((order) => [
            { title: row(texts.confirmButton, order), payload: encodeButtonPayload({ intent: "confirm", orderId: order.id }) },
            { title: row(texts.cancelButton, order), payload: encodeButtonPayload({ intent: "cancel", orderId: order.id }) },
          ]),
        ],
      };
    }
  }
  if (!useTemplate) return { kind: "text", text, buttons, ...(list ? { list } : {}) };
  return {
    kind: "template",
    name: step === 0 ? settings.templates.confirmation : settings.templates.reminder,
    language,
    bodyParameters: [values.name || "-", values.order!, values.items!, values.total!],
    buttons,
    text,
  };
}
