import { CONFIRMATION_LIMITS as LIMITS, MESSAGE_LANGUAGES, TIME_OF_DAY, type MessageLanguage } from "@confirma/domain";
import { z } from "zod";
import { safeText } from "../input/safe-text.ts";
import { isTimeZone } from "../time/time-zone.ts";

// The shape of the confirmation settings, apart from where they are stored: the root `Services`
// type (context.ts) holds them, so this module depends on no feature. The limits live in
// @confirma/domain, which the dashboard's form reads too.

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
  /**
   * Languages the Meta templates are also approved in, beside `language`: a customer writing in
   * one of them gets the template in it; otherwise templates go out in the shop's language.
   */
  templateLanguages: z.array(z.enum(MESSAGE_LANGUAGES)).max(MESSAGE_LANGUAGES.length).optional(),
  texts: z.partialRecord(z.enum(MESSAGE_LANGUAGES), messageTextsSchema),
});
export type ConfirmationSettings = z.infer<typeof confirmationSettingsSchema>;
