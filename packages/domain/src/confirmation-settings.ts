/**
 * The rules of the confirmation settings: the server builds its input schema from them and the
 * dashboard checks them next to each field before saving.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Languages the customer messages are written in. */
export const MESSAGE_LANGUAGES = ["fr", "en", "es", "ar"] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/** The editable texts of one language. */
export const MESSAGE_TEXT_FIELDS = ["confirmation", "reminder", "confirmButton", "cancelButton"] as const;
export type MessageTextField = (typeof MESSAGE_TEXT_FIELDS)[number];

/** What `{…}` in a message text is filled with. */
export const MESSAGE_PLACEHOLDERS = ["name", "order", "items", "total"] as const;
export type MessagePlaceholder = (typeof MESSAGE_PLACEHOLDERS)[number];

/** Durations in milliseconds (inclusive bounds), counts and lengths in characters. */
export const CONFIRMATION_LIMITS = {
  sendDelayMs: { min: 0, max: 7 * DAY },
  reminderMs: { min: MINUTE, max: 30 * DAY },
  reminders: 5,
  timeoutMs: { min: MINUTE, max: 60 * DAY },
  autoCancelAfterMs: { min: MINUTE, max: 60 * DAY },
  textLength: 1024,
  buttonLength: 20,
  templateLength: 512,
} as const;

/** A time of day for quiet hours, `HH:MM` (24 h). */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
