import { settings as settingsTable, type Executor } from "@confirma/db";
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { confirmationSettingsSchema, type ConfirmationSettings, type MessageLanguage, type MessageTexts } from "./confirmation-settings-schema.ts";

export const DEFAULT_TEXTS: Record<MessageLanguage, MessageTexts> = {
  fr: {
    confirmation: "Bonjour {name}, merci pour votre commande {order} : {items}. Total : {total}. Confirmez-vous la commande ?",
    reminder: "Bonjour {name}, votre commande {order} ({total}) attend toujours votre confirmation. La confirmez-vous ?",
    confirmButton: "Confirmer",
    cancelButton: "Annuler",
  },
  en: {
    confirmation: "Hello {name}, thank you for your order {order}: {items}. Total: {total}. Do you confirm the order?",
    reminder: "Hello {name}, your order {order} ({total}) is still waiting for your confirmation. Do you confirm it?",
    confirmButton: "Confirm",
    cancelButton: "Cancel",
  },
  es: {
    confirmation: "Hola {name}, gracias por su pedido {order}: {items}. Total: {total}. ¿Confirma el pedido?",
    reminder: "Hola {name}, su pedido {order} ({total}) sigue esperando su confirmación. ¿Lo confirma?",
    confirmButton: "Confirmar",
    cancelButton: "Cancelar",
  },
  ar: {
    confirmation: "مرحبا {name}، شكرا على طلبك {order}: {items}. المجموع: {total}. هل تؤكد الطلب؟",
    reminder: "مرحبا {name}، طلبك {order} ({total}) ما زال ينتظر تأكيدك. هل تؤكده؟",
    confirmButton: "تأكيد",
    cancelButton: "إلغاء",
  },
};

export const BUILT_IN_CONFIRMATION: ConfirmationSettings = {
  enabled: true,
  sendDelayMs: 0,
  remindersMs: [2 * 3_600_000, 24 * 3_600_000],
  timeoutMs: 48 * 3_600_000,
  autoCancelAfterMs: null,
  quietHours: null,
  timeZone: "Europe/Paris",
  language: "fr",
  templates: { confirmation: "order_confirmation", reminder: "order_confirmation_reminder" },
  texts: {},
};

const SETTINGS_KEY = "confirmation";

/** The settings in force: the environment's defaults with the dashboard's changes on top. */
export async function loadConfirmationSettings(tx: Executor, defaults: ConfirmationSettings): Promise<ConfirmationSettings> {
  const [row] = await tx.select({ value: settingsTable.value }).from(settingsTable).where(eq(settingsTable.key, SETTINGS_KEY));
  if (!row) return defaults;
  const merged = confirmationSettingsSchema.safeParse({ ...defaults, ...(row.value as object) });
  return merged.success ? merged.data : defaults;
}

/** Saves the dashboard's changes (only what differs from nothing: the whole object is stored). */
export async function saveConfirmationSettings(tx: Executor, value: ConfirmationSettings, userId: string): Promise<void> {
  await tx
    .insert(settingsTable)
    .values({ key: SETTINGS_KEY, value, updatedBy: userId })
    .onConflictDoUpdate({ target: settingsTable.key, set: { value, updatedBy: userId, updatedAt: sql`now()` } });
  await recordAudit(tx, { type: "user", id: userId }, "settings.updated", SETTINGS_KEY, value);
}

/** The texts for a language: the dashboard's version, else the built-in one. */
export function textsFor(settings: ConfirmationSettings, language: MessageLanguage = settings.language): MessageTexts {
  return settings.texts[language] ?? DEFAULT_TEXTS[language];
}
