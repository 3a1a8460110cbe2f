import { encodeButtonPayload, type OutboundMessage } from "@confirma/whatsapp";
import type { OrderView } from "../orders/order-view.ts";
import { textsFor, type ConfirmationSettings, type MessageLanguage } from "./confirmation-settings.ts";

const LOCALES: Record<MessageLanguage, string> = { fr: "fr-FR", en: "en-GB", es: "es-ES", ar: "ar-MA" };

/** Replaces `{name}`, `{order}`, `{items}`, `{total}` in a text; unknown placeholders stay as written. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The placeholder values of an order, formatted for the language. */
export function orderPlaceholders(order: OrderView, customerName: string | null, language: MessageLanguage): Record<string, string> {
  const money = new Intl.NumberFormat(LOCALES[language], { style: "currency", currency: order.currency });
  return {
    name: customerName?.trim() || "",
    order: `#${order.id.slice(-6).toUpperCase()}`,
    items: order.products.map((product) => `${product.quantity} × ${product.name}`).join(", "),
    total: money.format(order.total),
  };
}

/**
 * The confirmation request or a reminder for an order: a Meta template when the sender needs
 * one (outside the 24-hour window), else text with two buttons. Both buttons carry payloads
 * bound to this exact order.
 */
export function renderConfirmationMessage(
  order: OrderView,
  customerName: string | null,
  settings: ConfirmationSettings,
  { step, useTemplate }: { step: number; useTemplate: boolean },
): OutboundMessage {
  const language = settings.language;
  const texts = textsFor(settings, language);
  const values = orderPlaceholders(order, customerName, language);
  const text = fillPlaceholders(step === 0 ? texts.confirmation : texts.reminder, values).replace(/ +([,.])/g, "$1").replace(/ {2,}/g, " ");
  const buttons = [
    { title: texts.confirmButton, payload: encodeButtonPayload({ intent: "confirm", orderId: order.id }) },
    { title: texts.cancelButton, payload: encodeButtonPayload({ intent: "cancel", orderId: order.id }) },
  ];
  if (!useTemplate) return { kind: "text", text, buttons };
  return {
    kind: "template",
    name: step === 0 ? settings.templates.confirmation : settings.templates.reminder,
    language,
    bodyParameters: [values.name || "-", values.order!, values.items!, values.total!],
    buttons,
    text,
  };
}
