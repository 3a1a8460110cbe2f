import { expect, test } from "bun:test";
import type { ConfirmationSettings, MessageLanguage, MessageTexts } from "../api/types.ts";
import { fieldOfServerPath, fillPlaceholders, fromDraft, sampleValues, toDraft, unknownPlaceholders, type ConfirmationDraft } from "./confirmation-form.ts";

const H = 3_600_000;
const texts = (word: string): MessageTexts => ({
  confirmation: `${word} {name}, {order}: {items}. {total}?`,
  reminder: `${word} again {name}`,
  confirmButton: "Yes",
  cancelButton: "No",
});
const DEFAULTS: Record<MessageLanguage, MessageTexts> = { fr: texts("Bonjour"), en: texts("Hello"), es: texts("Hola"), ar: texts("مرحبا") };

const SETTINGS: ConfirmationSettings = {
  enabled: true,
  sendDelayMs: 0,
  remindersMs: [2 * H, 24 * H],
  timeoutMs: 48 * H,
  autoCancelAfterMs: null,
  quietHours: null,
  timeZone: "Europe/Paris",
  language: "fr",
  templates: { confirmation: "order_confirmation", reminder: "order_confirmation_reminder" },
  texts: {},
};

const edit = (change: (draft: ConfirmationDraft) => void) => {
  const draft = toDraft(SETTINGS, DEFAULTS, "fr");
  change(draft);
  return fromDraft(draft, DEFAULTS, "fr");
};

test("durations are shown as a person reads them", () => {
  const draft = toDraft(SETTINGS, DEFAULTS, "fr");
  expect(draft.sendDelay).toBe("0 min");
  expect(draft.reminders).toEqual(["2 h", "1 j"]);
  expect(draft.timeout).toBe("2 j");
  expect(draft.autoCancelOn).toBe(false);
  expect(draft.texts.fr.confirmation).toBe("");
});

test("an untouched form saves exactly what was loaded", () => {
  expect(edit(() => {})).toEqual({ ok: true, value: SETTINGS });
});

test("edited durations, auto-cancel and quiet hours become the API's values", () => {
  const result = edit((draft) => {
    draft.reminders = ["30 min", "3 h", "1 j"];
    draft.autoCancelOn = true;
    draft.autoCancel = "3 jours";
    draft.quietOn = true;
    draft.quietStart = "21:30";
    draft.quietEnd = "08:00";
  });
  expect(result.ok && result.value).toMatchObject({
    remindersMs: [30 * 60_000, 3 * H, 24 * H],
    autoCancelAfterMs: 72 * H,
    quietHours: { start: "21:30", end: "08:00" },
  });
});

test("each wrong field gets its own message", () => {
  const result = edit((draft) => {
    draft.sendDelay = "abc";
    draft.reminders = ["30 s", "3 j"];
    draft.timeZone = "Mars/Olympus";
    draft.templateReminder = " ";
    draft.quietOn = true;
    draft.quietStart = "25:00";
  });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors.sendDelay?.key).toBe("settings.error.duration");
  expect(result.errors["reminders.0"]?.key).toBe("settings.error.range");
  expect(result.errors["reminders.1"]).toEqual({ key: "settings.error.reminderAfterTimeout", params: { timeout: "2 j" } });
  expect(result.errors.timeZone?.key).toBe("settings.error.timeZone");
  expect(result.errors["templates.reminder"]?.key).toBe("settings.error.required");
  expect(result.errors.quietStart?.key).toBe("settings.error.time");
});

test("texts: an untouched language keeps the built-in ones; a partly edited one is completed with them", () => {
  const result = edit((draft) => {
    draft.texts.en.confirmButton = "Yes please";
  });
  expect(result.ok && result.value.texts).toEqual({ en: { ...DEFAULTS.en, confirmButton: "Yes please" } });
});

test("texts: too long buttons and unknown placeholders are refused", () => {
  const result = edit((draft) => {
    draft.texts.fr.confirmButton = "Oui je confirme ma commande";
    draft.texts.fr.confirmation = "Bonjour {nom}, total {total}";
  });
  expect(!result.ok && result.errors["texts.fr.confirmButton"]).toEqual({ key: "settings.error.tooLong", params: { max: 20 } });
  expect(!result.ok && result.errors["texts.fr.confirmation"]).toEqual({ key: "settings.error.placeholder", params: { placeholder: "{nom}" } });
  expect(unknownPlaceholders("{name} {order} {items} {total} {x}")).toEqual(["x"]);
});

test("saved texts equal to the built-in ones show as built-in", () => {
  const draft = toDraft({ ...SETTINGS, texts: { fr: { ...DEFAULTS.fr, cancelButton: "Non merci" } } }, DEFAULTS, "fr");
  expect(draft.texts.fr).toEqual({ confirmation: "", reminder: "", confirmButton: "", cancelButton: "Non merci" });
});

test("the server's field paths point at the form's fields", () => {
  expect(fieldOfServerPath("remindersMs.1")).toBe("reminders.1");
  expect(fieldOfServerPath("sendDelayMs")).toBe("sendDelay");
  expect(fieldOfServerPath("quietHours.end")).toBe("quietEnd");
  expect(fieldOfServerPath("texts.es.cancelButton")).toBe("texts.es.cancelButton");
  expect(fieldOfServerPath("templates.reminder")).toBe("templates.reminder");
  expect(fieldOfServerPath("whatever")).toBeNull();
});

test("the preview fills placeholders as the server does", () => {
  const values = sampleValues("fr");
  expect(values.total.replace(/[\u00a0\u202f]/g, " ")).toBe("109,97 €");
  expect(fillPlaceholders("Bonjour {name} , commande {order} : {unknown}", values)).toBe("Bonjour Amina, commande #4F2A9C: {unknown}");
});
