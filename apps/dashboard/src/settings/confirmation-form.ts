import {
  CONFIRMATION_LIMITS as LIMITS,
  MESSAGE_LANGUAGES,
  MESSAGE_PLACEHOLDERS,
  MESSAGE_TEXT_FIELDS,
  TIME_OF_DAY,
  type MessagePlaceholder,
  type MessageTextField,
} from "@confirma/domain";
import type { ConfirmationSettings, MessageLanguage, MessageTexts } from "../api/types.ts";
import type { Locale, MessageKey, MessageParams } from "../i18n/translate.ts";
import { formatHumanDuration, parseHumanDuration } from "./duration-field.ts";

const DAY = 86_400_000;

/** The form as the person edits it: durations and texts as typed; an empty text means "the built-in one". */
export interface ConfirmationDraft {
  enabled: boolean;
  sendDelay: string;
  reminders: string[];
  timeout: string;
  autoCancelOn: boolean;
  autoCancel: string;
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  language: MessageLanguage;
  templateConfirmation: string;
  templateReminder: string;
  texts: Record<MessageLanguage, Record<MessageTextField, string>>;
}

/** A field of the form: `sendDelay`, `reminders.0`, `texts.fr.confirmButton`… (also the input's `name`). */
export type FieldName = string;
export interface FieldError {
  key: MessageKey;
  params?: MessageParams;
}
export type FieldErrors = Record<FieldName, FieldError>;

export function toDraft(settings: ConfirmationSettings, defaults: Record<MessageLanguage, MessageTexts>, locale: Locale): ConfirmationDraft {
  const duration = (ms: number) => formatHumanDuration(ms, locale);
  const texts = {} as ConfirmationDraft["texts"];
  for (const language of MESSAGE_LANGUAGES) {
    const saved = settings.texts[language];
    texts[language] = { confirmation: "", reminder: "", confirmButton: "", cancelButton: "" };
    // A saved text equal to the built-in one is shown as "built-in" (empty, the default as placeholder).
    for (const field of MESSAGE_TEXT_FIELDS) if (saved && saved[field] !== defaults[language][field]) texts[language][field] = saved[field];
  }
  return {
    enabled: settings.enabled,
    sendDelay: duration(settings.sendDelayMs),
    reminders: settings.remindersMs.map(duration),
    timeout: duration(settings.timeoutMs),
    autoCancelOn: settings.autoCancelAfterMs !== null,
    autoCancel: duration(settings.autoCancelAfterMs ?? 3 * DAY),
    quietOn: settings.quietHours !== null,
    quietStart: settings.quietHours?.start ?? "21:00",
    quietEnd: settings.quietHours?.end ?? "09:00",
    timeZone: settings.timeZone,
    language: settings.language,
    templateConfirmation: settings.templates.confirmation,
    templateReminder: settings.templates.reminder,
    texts,
  };
}

export function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Placeholders in a text that Confirma does not fill (`{nom}` instead of `{name}`). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{([^{}\s]*)\}/g)].map((match) => match[1]!).filter((name) => !(MESSAGE_PLACEHOLDERS as readonly string[]).includes(name));
}

/**
 * Checks the draft and builds what `settings.updateConfirmation` takes, or says what is wrong,
 * field by field. A language whose texts are all empty keeps the built-in ones; a partly
 * edited language takes the built-in text for the fields left empty.
 */
export function fromDraft(
  draft: ConfirmationDraft,
  defaults: Record<MessageLanguage, MessageTexts>,
  locale: Locale,
): { ok: true; value: ConfirmationSettings } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const human = (ms: number) => formatHumanDuration(ms, locale);
  const duration = (field: FieldName, text: string, limits: { min: number; max: number }): number => {
    const ms = parseHumanDuration(text);
    if (ms === null) errors[field] = { key: "settings.error.duration" };
    else if (ms < limits.min || ms > limits.max) errors[field] = { key: "settings.error.range", params: { min: human(limits.min), max: human(limits.max) } };
    return ms ?? 0;
  };

  const sendDelayMs = duration("sendDelay", draft.sendDelay, LIMITS.sendDelayMs);
  const timeoutMs = duration("timeout", draft.timeout, LIMITS.timeoutMs);
  const remindersMs = draft.reminders.map((text, index) => duration(`reminders.${index}`, text, LIMITS.reminderMs));
  if (draft.reminders.length > LIMITS.reminders) errors.reminders = { key: "settings.error.tooManyReminders", params: { max: LIMITS.reminders } };
  if (!errors.timeout) {
    remindersMs.forEach((ms, index) => {
      if (!errors[`reminders.${index}`] && ms >= timeoutMs)
        errors[`reminders.${index}`] = { key: "settings.error.reminderAfterTimeout", params: { timeout: human(timeoutMs) } };
    });
  }
  const autoCancelAfterMs = draft.autoCancelOn ? duration("autoCancel", draft.autoCancel, LIMITS.autoCancelAfterMs) : null;

  if (draft.quietOn) {
    if (!TIME_OF_DAY.test(draft.quietStart)) errors.quietStart = { key: "settings.error.time" };
    if (!TIME_OF_DAY.test(draft.quietEnd)) errors.quietEnd = { key: "settings.error.time" };
    if (!errors.quietStart && !errors.quietEnd && draft.quietStart === draft.quietEnd) errors.quietEnd = { key: "settings.error.quietSame" };
  }
  const timeZone = draft.timeZone.trim();
  if (!isTimeZone(timeZone)) errors.timeZone = { key: "settings.error.timeZone" };

  const templates = { confirmation: draft.templateConfirmation.trim(), reminder: draft.templateReminder.trim() };
  for (const [field, value] of [
    ["templates.confirmation", templates.confirmation],
    ["templates.reminder", templates.reminder],
  ] as const) {
    if (!value) errors[field] = { key: "settings.error.required" };
    else if (value.length > LIMITS.templateLength) errors[field] = { key: "settings.error.tooLong", params: { max: LIMITS.templateLength } };
  }

  const texts: ConfirmationSettings["texts"] = {};
  for (const language of MESSAGE_LANGUAGES) {
    const edited = draft.texts[language];
    if (MESSAGE_TEXT_FIELDS.every((field) => edited[field].trim() === "")) continue;
    const full = {} as MessageTexts;
    for (const field of MESSAGE_TEXT_FIELDS) {
      const value = edited[field].trim() || defaults[language][field];
      const name = `texts.${language}.${field}`;
      const max = field === "confirmButton" || field === "cancelButton" ? LIMITS.buttonLength : LIMITS.textLength;
      const unknown = unknownPlaceholders(value);
      if (value.length > max) errors[name] = { key: "settings.error.tooLong", params: { max } };
      else if (unknown.length) errors[name] = { key: "settings.error.placeholder", params: { placeholder: `{${unknown[0]}}` } };
      full[field] = value;
    }
    texts[language] = full;
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      enabled: draft.enabled,
      sendDelayMs,
      remindersMs,
      timeoutMs,
      autoCancelAfterMs,
      quietHours: draft.quietOn ? { start: draft.quietStart, end: draft.quietEnd } : null,
      timeZone,
      language: draft.language,
      templates,
      texts,
    },
  };
}

/** The form field a server-side `invalid_input` path names (`remindersMs.0` → `reminders.0`). */
export function fieldOfServerPath(path: string): FieldName | null {
  const [head, ...rest] = path.split(".");
  switch (head) {
    case "sendDelayMs":
      return "sendDelay";
    case "remindersMs":
      return rest.length ? `reminders.${rest[0]}` : "reminders";
    case "timeoutMs":
      return "timeout";
    case "autoCancelAfterMs":
      return "autoCancel";
    case "quietHours":
      return rest[0] === "end" ? "quietEnd" : "quietStart";
    case "timeZone":
      return "timeZone";
    case "language":
      return "language";
    case "templates":
      return rest[0] === "reminder" ? "templates.reminder" : "templates.confirmation";
    case "texts":
      return rest.length >= 2 ? `texts.${rest[0]}.${rest[1]}` : null;
    default:
      return null;
  }
}

const PREVIEW_LOCALES: Record<MessageLanguage, string> = { fr: "fr-FR", en: "en-GB", es: "es-ES", ar: "ar-MA" };
const PREVIEW_NAMES: Record<MessageLanguage, string> = { fr: "Amina", en: "Amina", es: "Amina", ar: "أمينة" };

/** Example values for the live preview, formatted as the message language formats them. */
export function sampleValues(language: MessageLanguage): Record<MessagePlaceholder, string> {
  const money = new Intl.NumberFormat(PREVIEW_LOCALES[language], { style: "currency", currency: "EUR" });
  return { name: PREVIEW_NAMES[language], order: "#4F2A9C", items: "2 × Produit A, 1 × Produit B", total: money.format(109.97) };
}

/** Fills `{name}`, `{order}`, `{items}`, `{total}` as the server does (unknown ones stay as written). */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text
    .replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
    .replace(/\s+([,.:])/g, "$1")
    .replace(/ {2,}/g, " ");
}
