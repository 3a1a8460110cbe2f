import { settings as settingsTable, type Executor } from "@confirma/db";
import { eq, sql } from "drizzle-orm";
import { CONFIRMATION_LIMITS as LIMITS, MESSAGE_LANGUAGES, TIME_OF_DAY, type MessageLanguage } from "@confirma/domain";
import { z } from "zod";
import { safeText } from "../input/safe-text.ts";
import { recordAudit } from "../audit/audit-service.ts";
import { isTimeZone } from "../time/time-zone.ts";

// Part of this package's surface (the server's configuration reads them); their home is @confirma/domain.
export { MESSAGE_LANGUAGES, type MessageLanguage };

const hhmm = z.string().regex(TIME_OF_DAY, { error: "use HH:MM" });
const timeZone = z.string().refine(isTimeZone, "unknown time zone");

export const messageTextsSchema = z.strictObject({
  confirmation: safeText({ multiline: true }).min(1).max(LIMITS.textLength),
  reminder: safeText({ multiline: true }).min(1).max(LIMITS.textLength),
  confirmButton: safeText().min(1).max(LIMITS.buttonLength),
  cancelButton: safeText().min(1).max(LIMITS.buttonLength),
});
export type MessageTexts = z.infer<typeof messageTextsSchema>;

const durationMs = (range: { min: number; max: number }) => z.number().int().min(range.min).max(range.max);

/** How the confirmation flow behaves; environment gives the defaults, the dashboard overrides. Limits: `CONFIRMATION_LIMITS`. */
export const confirmationSettingsSchema = z.strictObject({
  /** Send the confirmation request automatically when an order is created. */
  enabled: z.boolean(),
  sendDelayMs: durationMs(LIMITS.sendDelayMs),
  /** Reminders, as delays after the request. */
  remindersMs: z.array(durationMs(LIMITS.reminderMs)).max(LIMITS.reminders),
  /** After this long without an answer the order becomes `no_answer` and goes to the call queue. */
  timeoutMs: durationMs(LIMITS.timeoutMs),
  /** Cancel a `no_answer` order after this long; null = never (the default). */
  autoCancelAfterMs: durationMs(LIMITS.autoCancelAfterMs).nullable(),
  /** No message is sent between `start` and `end` (local time); sends wait for `end`. */
  quietHours: z.strictObject({ start: hhmm, end: hhmm }).nullable(),
  timeZone,
  language: z.enum(MESSAGE_LANGUAGES),
  /** Approved Meta templates: body parameters {{1}} name, {{2}} order, {{3}} items, {{4}} total; buttons Confirm, Cancel. */
  templates: z.strictObject({ confirmation: safeText().min(1).max(LIMITS.templateLength), reminder: safeText().min(1).max(LIMITS.templateLength) }),
  texts: z.partialRecord(z.enum(MESSAGE_LANGUAGES), messageTextsSchema),
});
export type ConfirmationSettings = z.infer<typeof confirmationSettingsSchema>;

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
