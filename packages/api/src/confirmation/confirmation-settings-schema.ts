import { z } from "zod";
import { safeText } from "../input/safe-text.ts";
import { isTimeZone } from "../time/time-zone.ts";

// The shape of the confirmation settings, apart from where they are stored: the root `Services`
// type (context.ts) holds them, so this module depends on no feature.

export const MESSAGE_LANGUAGES = ["fr", "en", "es", "ar"] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "use HH:MM" });
const timeZone = z.string().refine(isTimeZone, "unknown time zone");

export const messageTextsSchema = z.strictObject({
  confirmation: safeText({ multiline: true }).min(1).max(1024),
  reminder: safeText({ multiline: true }).min(1).max(1024),
  confirmButton: safeText().min(1).max(20),
  cancelButton: safeText().min(1).max(20),
});
export type MessageTexts = z.infer<typeof messageTextsSchema>;

/** How the confirmation flow behaves; environment gives the defaults, the dashboard overrides. */
export const confirmationSettingsSchema = z.strictObject({
  /** Send the confirmation request automatically when an order is created. */
  enabled: z.boolean(),
  sendDelayMs: z.number().int().min(0).max(7 * 86_400_000),
  /** Reminders, as delays after the request. */
  remindersMs: z.array(z.number().int().min(60_000).max(30 * 86_400_000)).max(5),
  /** After this long without an answer the order becomes `no_answer` and goes to the call queue. */
  timeoutMs: z.number().int().min(60_000).max(60 * 86_400_000),
  /** Cancel a `no_answer` order after this long; null = never (the default). */
  autoCancelAfterMs: z.number().int().min(60_000).max(60 * 86_400_000).nullable(),
  /** No message is sent between `start` and `end` (local time); sends wait for `end`. */
  quietHours: z.strictObject({ start: hhmm, end: hhmm }).nullable(),
  timeZone,
  language: z.enum(MESSAGE_LANGUAGES),
  /** Approved Meta templates: body parameters {{1}} name, {{2}} order, {{3}} items, {{4}} total; buttons Confirm, Cancel. */
  templates: z.strictObject({ confirmation: safeText().min(1).max(512), reminder: safeText().min(1).max(512) }),
  texts: z.partialRecord(z.enum(MESSAGE_LANGUAGES), messageTextsSchema),
});
export type ConfirmationSettings = z.infer<typeof confirmationSettingsSchema>;
