import { CONFIRMATION_LIMITS, MESSAGE_LANGUAGES, MESSAGE_PLACEHOLDERS, MESSAGE_TEXT_FIELDS, type MessageTextField } from "@confirma/domain";
import { For, Index, Show, type Accessor, type Setter } from "solid-js";
import { produce, type SetStoreFunction } from "solid-js/store";
import type { ConfirmationSettingsView, MessageLanguage } from "../api/types.ts";
import { t } from "../i18n/locale.ts";
import { fillPlaceholders, sampleValues, type ConfirmationDraft, type FieldErrors } from "./confirmation-form.ts";
import { DurationInput, Field, FieldMessage, fieldAria, idOf, Section } from "./confirmation-fields.tsx";

/** What every section of the confirmation form reads and writes. */
export interface ConfirmationFormState {
  draft: ConfirmationDraft;
  /** Writes the draft (and clears what the server said about the last save). */
  set: SetStoreFunction<ConfirmationDraft>;
  errors: Accessor<FieldErrors>;
  defaults: ConfirmationSettingsView["defaultTexts"];
  timeZones: string[];
  /** The language whose texts are being edited. */
  textLanguage: Accessor<MessageLanguage>;
  setTextLanguage: Setter<MessageLanguage>;
  /** True when a language has texts of its own. */
  customized: (language: MessageLanguage) => boolean;
}

/** The message bubble and its two buttons, as the customer will see them (with example values). */
function Preview(props: { language: MessageLanguage; draft: ConfirmationDraft; defaults: ConfirmationSettingsView["defaultTexts"] }) {
  const text = (field: MessageTextField) => props.draft.texts[props.language][field].trim() || props.defaults[props.language][field];
  const values = () => sampleValues(props.language);
  return (
    <div class="preview" aria-live="polite" data-testid="message-preview">
      <For each={["confirmation", "reminder"] as const}>
        {(field) => (
          <figure class="preview__message">
            <figcaption class="field__label">{t(`settings.preview.${field}`)}</figcaption>
            <div class="preview__bubble" dir={props.language === "ar" ? "rtl" : "ltr"} lang={props.language}>
              <p class="bubble__body">{fillPlaceholders(text(field), values())}</p>
            </div>
            <div class="preview__buttons" dir={props.language === "ar" ? "rtl" : "ltr"} lang={props.language}>
              <span>{text("confirmButton")}</span>
              <span>{text("cancelButton")}</span>
            </div>
          </figure>
        )}
      </For>
    </div>
  );
}

/** When the first message goes. */
export function SendingSection(props: { form: ConfirmationFormState }) {
  const { draft, set, errors } = props.form;
  return (
    <Section title={t("settings.confirmation.sending")}>
      <label class="switch">
        <input type="checkbox" name="enabled" role="switch" checked={draft.enabled} onChange={(event) => set("enabled", event.currentTarget.checked)} />
        <span class="switch__track" aria-hidden="true" />
        <span>{t("settings.confirmation.enabled")}</span>
      </label>
      <Field name="sendDelay" label={t("settings.confirmation.sendDelay")} help={t("settings.confirmation.sendDelayHelp")} errors={errors()}>
        <DurationInput name="sendDelay" value={draft.sendDelay} errors={errors()} help onChange={(value) => set("sendDelay", value)} />
      </Field>
    </Section>
  );
}

/** Reminders, how long to wait for an answer, and what happens without one. */
export function FollowUpSection(props: { form: ConfirmationFormState }) {
  const { draft, set, errors } = props.form;
  return (
    <Section title={t("settings.confirmation.followUp")}>
      <div class="field" role="group" aria-labelledby="reminders-label" aria-describedby="cf-reminders-help">
        <span class="field__label" id="reminders-label">
          {t("settings.confirmation.reminders")}
        </span>
        <span class="field__help" id="cf-reminders-help">
          {t("settings.confirmation.remindersHelp")}
        </span>
        <ol class="reminder-list">
          <Index each={draft.reminders}>
            {(value, index) => (
              <li class="reminder-list__item">
                <div class="reminder-list__row">
                  <DurationInput
                    name={`reminders.${index}`}
                    value={value()}
                    errors={errors()}
                    label={t("settings.confirmation.reminderN", { index: index + 1 })}
                    onChange={(next) => set("reminders", index, next)}
                  />
                  <button
                    type="button"
                    class="button button--icon"
                    aria-label={t("settings.confirmation.removeReminder", { index: index + 1 })}
                    onClick={() => set(produce((state) => void state.reminders.splice(index, 1)))}
                  >
                    ×
                  </button>
                </div>
                <FieldMessage name={`reminders.${index}`} errors={errors()} />
              </li>
            )}
          </Index>
        </ol>
        <Show when={draft.reminders.length === 0}>
          <p class="muted small">{t("settings.confirmation.noReminders")}</p>
        </Show>
        <Show when={draft.reminders.length < CONFIRMATION_LIMITS.reminders}>
          <button
            type="button"
            class="button button--small align-start"
            onClick={() => {
              const index = draft.reminders.length;
              set("reminders", index, "");
              queueMicrotask(() => document.getElementById(idOf(`reminders.${index}`))?.focus());
            }}
          >
            + {t("settings.confirmation.addReminder")}
          </button>
        </Show>
      </div>
      <Field name="timeout" label={t("settings.confirmation.timeout")} help={t("settings.confirmation.timeoutHelp")} errors={errors()}>
        <DurationInput name="timeout" value={draft.timeout} errors={errors()} help onChange={(value) => set("timeout", value)} />
      </Field>
      <div class="field">
        <label class="checkbox">
          <input type="checkbox" name="autoCancelOn" checked={draft.autoCancelOn} onChange={(event) => set("autoCancelOn", event.currentTarget.checked)} />
          <span>{t("settings.confirmation.autoCancel")}</span>
        </label>
        <Show when={draft.autoCancelOn}>
          <div class="inline-field">
            <label class="field__label" for={idOf("autoCancel")}>
              {t("settings.confirmation.autoCancelAfter")}
            </label>
            <DurationInput name="autoCancel" value={draft.autoCancel} errors={errors()} onChange={(value) => set("autoCancel", value)} />
          </div>
          <FieldMessage name="autoCancel" errors={errors()} />
        </Show>
      </div>
    </Section>
  );
}

/** Hours without messages, in the shop's time zone. */
export function QuietHoursSection(props: { form: ConfirmationFormState }) {
  const { draft, set, errors, timeZones } = props.form;
  return (
    <Section title={t("settings.confirmation.quietHours")}>
      <label class="checkbox">
        <input type="checkbox" name="quietOn" checked={draft.quietOn} onChange={(event) => set("quietOn", event.currentTarget.checked)} />
        <span>{t("settings.confirmation.quietOn")}</span>
      </label>
      <Show when={draft.quietOn}>
        <div class="field-row">
          <Field name="quietStart" label={t("settings.confirmation.quietStart")} errors={errors()}>
            <input
              type="time"
              id={idOf("quietStart")}
              name="quietStart"
              value={draft.quietStart}
              {...fieldAria("quietStart", errors())}
              onInput={(event) => set("quietStart", event.currentTarget.value)}
            />
          </Field>
          <Field name="quietEnd" label={t("settings.confirmation.quietEnd")} errors={errors()}>
            <input
              type="time"
              id={idOf("quietEnd")}
              name="quietEnd"
              value={draft.quietEnd}
              {...fieldAria("quietEnd", errors())}
              onInput={(event) => set("quietEnd", event.currentTarget.value)}
            />
          </Field>
        </div>
        <p class="muted small">{t("settings.confirmation.quietHelp")}</p>
      </Show>
      <Field name="timeZone" label={t("settings.confirmation.timeZone")} help={t("settings.confirmation.timeZoneHelp")} errors={errors()}>
        <input
          type="text"
          id={idOf("timeZone")}
          name="timeZone"
          list="time-zones"
          autocomplete="off"
          spellcheck={false}
          value={draft.timeZone}
          {...fieldAria("timeZone", errors(), true)}
          onInput={(event) => set("timeZone", event.currentTarget.value)}
        />
        <datalist id="time-zones">
          <For each={timeZones}>{(zone) => <option value={zone} />}</For>
        </datalist>
      </Field>
    </Section>
  );
}

/** Template names and the message texts, with a preview. */
export function MessagesSection(props: { form: ConfirmationFormState }) {
  const { draft, set, errors, defaults, textLanguage, setTextLanguage, customized } = props.form;
  return (
    <Section title={t("settings.confirmation.messages")}>
      <div class="field-row">
        <div class="field">
          <label class="field__label" for={idOf("language")}>
            {t("settings.confirmation.language")}
          </label>
          <select
            id={idOf("language")}
            name="language"
            value={draft.language}
            onChange={(event) => {
              set("language", event.currentTarget.value as MessageLanguage);
              setTextLanguage(event.currentTarget.value as MessageLanguage);
            }}
          >
            <For each={MESSAGE_LANGUAGES}>{(language) => <option value={language}>{t(`messageLanguage.${language}`)}</option>}</For>
          </select>
        </div>
        <Field name="templates.confirmation" label={t("settings.confirmation.templateConfirmation")} errors={errors()}>
          <input
            type="text"
            class="mono"
            id={idOf("templates.confirmation")}
            name="templates.confirmation"
            spellcheck={false}
            value={draft.templateConfirmation}
            {...fieldAria("templates.confirmation", errors())}
            onInput={(event) => set("templateConfirmation", event.currentTarget.value)}
          />
        </Field>
        <Field name="templates.reminder" label={t("settings.confirmation.templateReminder")} errors={errors()}>
          <input
            type="text"
            class="mono"
            id={idOf("templates.reminder")}
            name="templates.reminder"
            spellcheck={false}
            value={draft.templateReminder}
            {...fieldAria("templates.reminder", errors())}
            onInput={(event) => set("templateReminder", event.currentTarget.value)}
          />
        </Field>
      </div>
      <p class="muted small">{t("settings.confirmation.templatesHelp")}</p>

      <div class="texts">
        <div class="texts__header">
          <span class="field__label" id="texts-language-label">
            {t("settings.confirmation.textsFor")}
          </span>
          <div class="segmented" role="group" aria-labelledby="texts-language-label">
            <For each={MESSAGE_LANGUAGES}>
              {(language) => (
                <button type="button" class="segmented__option" aria-pressed={textLanguage() === language} onClick={() => setTextLanguage(language)}>
                  {t(`messageLanguage.${language}`)}
                  <Show when={customized(language)}>
                    <span class="texts__dot" title={t("settings.confirmation.customized")}>
                      <span class="visually-hidden"> ({t("settings.confirmation.customized")})</span>
                    </span>
                  </Show>
                </button>
              )}
            </For>
          </div>
        </div>
        <p class="muted small" id="placeholders-help">
          {t("settings.confirmation.textsHelp")}{" "}
          <For each={MESSAGE_PLACEHOLDERS}>
            {(name) => (
              <span class="placeholder-chip">
                <code>{`{${name}}`}</code> {t(`settings.placeholder.${name}`)}
              </span>
            )}
          </For>
        </p>
        <div class="texts__grid">
          <div class="texts__fields" dir="auto">
            <For each={MESSAGE_TEXT_FIELDS}>
              {(field) => {
                const name = () => `texts.${textLanguage()}.${field}`;
                const long = field === "confirmation" || field === "reminder";
                return (
                  <div class="field" classList={{ "field--half": !long }}>
                    <label class="field__label" for={idOf(name())}>
                      {t(`settings.text.${field}`)}
                    </label>
                    <Show
                      when={long}
                      fallback={
                        <input
                          type="text"
                          id={idOf(name())}
                          name={name()}
                          maxLength={40}
                          dir="auto"
                          placeholder={defaults[textLanguage()][field]}
                          value={draft.texts[textLanguage()][field]}
                          {...fieldAria(name(), errors())}
                          onInput={(event) => set("texts", textLanguage(), field, event.currentTarget.value)}
                        />
                      }
                    >
                      <textarea
                        id={idOf(name())}
                        name={name()}
                        rows="3"
                        dir="auto"
                        placeholder={defaults[textLanguage()][field]}
                        value={draft.texts[textLanguage()][field]}
                        aria-describedby={["placeholders-help", errors()[name()] ? `${idOf(name())}-error` : null].filter(Boolean).join(" ")}
                        aria-invalid={Boolean(errors()[name()])}
                        onInput={(event) => set("texts", textLanguage(), field, event.currentTarget.value)}
                      />
                    </Show>
                    <FieldMessage name={name()} errors={errors()} />
                  </div>
                );
              }}
            </For>
            <Show when={customized(textLanguage())}>
              <button
                type="button"
                class="button button--small button--ghost align-start"
                onClick={() => set("texts", textLanguage(), { confirmation: "", reminder: "", confirmButton: "", cancelButton: "" })}
              >
                {t("settings.confirmation.useBuiltIn")}
              </button>
            </Show>
          </div>
          <div class="texts__preview">
            <span class="field__label">{t("settings.preview.title")}</span>
            <Preview language={textLanguage()} draft={draft} defaults={defaults} />
          </div>
        </div>
      </div>
    </Section>
  );
}
