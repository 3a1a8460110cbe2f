import { CONFIRMATION_LIMITS, MESSAGE_LANGUAGES, MESSAGE_PLACEHOLDERS, MESSAGE_TEXT_FIELDS, type MessageTextField } from "@confirma/domain";
import { createMemo, createSignal, For, Index, Show, type JSX } from "solid-js";
import { createStore, produce, reconcile, type SetStoreFunction } from "solid-js/store";
import { api } from "../api/client.ts";
import { errorMessageKey, invalidFieldOf } from "../api/errors.ts";
import { createQuery } from "../api/query.ts";
import type { ConfirmationSettingsView, MessageLanguage } from "../api/types.ts";
import { isAdmin } from "../auth/session.ts";
import { locale, t } from "../i18n/locale.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { notify } from "../ui/toasts.tsx";
import { fieldOfServerPath, fillPlaceholders, fromDraft, sampleValues, toDraft, type ConfirmationDraft, type FieldErrors, type FieldName } from "./confirmation-form.ts";
import { formatHumanDuration, parseHumanDuration } from "./duration-field.ts";

const idOf = (name: FieldName) => `cf-${name.replace(/\./g, "-")}`;

/** The message under a field when it is wrong (and the link from the input to it). */
function FieldMessage(props: { name: FieldName; errors: FieldErrors }) {
  const error = () => props.errors[props.name];
  return (
    <Show when={error()}>
      {(value) => (
        <p class="field__error" id={`${idOf(props.name)}-error`}>
          {t(value().key, value().params)}
        </p>
      )}
    </Show>
  );
}

/** `aria-invalid` and `aria-describedby` for an input: its help, and its error when it has one. */
function fieldAria(name: FieldName, errors: FieldErrors, help?: boolean): { "aria-invalid": boolean; "aria-describedby"?: string } {
  const ids = [help ? `${idOf(name)}-help` : null, errors[name] ? `${idOf(name)}-error` : null].filter(Boolean);
  return { "aria-invalid": Boolean(errors[name]), ...(ids.length ? { "aria-describedby": ids.join(" ") } : {}) };
}

/** A duration typed as words ("2 h", "30 min"), tidied to the canonical spelling when the field is left. */
function DurationInput(props: { name: FieldName; value: string; errors: FieldErrors; onChange: (value: string) => void; help?: boolean; label?: string }) {
  return (
    <input
      type="text"
      class="duration-input"
      id={idOf(props.name)}
      name={props.name}
      autocomplete="off"
      spellcheck={false}
      value={props.value}
      aria-label={props.label}
      {...fieldAria(props.name, props.errors, props.help)}
      onInput={(event) => props.onChange(event.currentTarget.value)}
      onBlur={(event) => {
        const ms = parseHumanDuration(event.currentTarget.value);
        if (ms !== null) props.onChange(formatHumanDuration(ms, locale()));
      }}
    />
  );
}

function Section(props: { title: string; children: JSX.Element; help?: string }) {
  return (
    <fieldset class="settings-section">
      <legend>{props.title}</legend>
      <Show when={props.help}>
        <p class="muted small">{props.help}</p>
      </Show>
      {props.children}
    </fieldset>
  );
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

function ConfirmationForm(props: { view: ConfirmationSettingsView; onSaved: (view: ConfirmationSettingsView["settings"]) => void }) {
  const defaults = props.view.defaultTexts;
  const [draft, setDraft] = createStore<ConfirmationDraft>(toDraft(props.view.settings, defaults, locale()));
  const [submitted, setSubmitted] = createSignal(false);
  const [serverErrors, setServerErrors] = createSignal<FieldErrors>({});
  const [serverError, setServerError] = createSignal<string | null>(null);
  /** What the bar says: the server's refusal, or "fix the fields" while the checked form still has errors. */
  const formError = () => serverError() ?? (submitted() && !check().ok ? t("settings.error.fix") : null);
  const [busy, setBusy] = createSignal(false);
  const [textLanguage, setTextLanguage] = createSignal<MessageLanguage>(props.view.settings.language);
  const readOnly = () => !isAdmin();
  const timeZones = (() => {
    try {
      return Intl.supportedValuesOf("timeZone");
    } catch {
      return [];
    }
  })();

  const check = createMemo(() => fromDraft(draft, defaults, locale()));
  const errors = (): FieldErrors => ({ ...(submitted() && !check().ok ? (check() as { errors: FieldErrors }).errors : {}), ...serverErrors() });
  /** Every edit clears what the server said about the last save. */
  const set = ((...args: unknown[]) => {
    setServerErrors({});
    setServerError(null);
    (setDraft as (...rest: unknown[]) => void)(...args);
  }) as SetStoreFunction<ConfirmationDraft>;
  const customized = (language: MessageLanguage) => MESSAGE_TEXT_FIELDS.some((field) => draft.texts[language][field].trim() !== "");

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSubmitted(true);
    setServerError(null);
    const result = check();
    if (!result.ok) {
      const first = Object.keys(result.errors)[0]!;
      const language = /^texts\.(\w+)\./.exec(first)?.[1];
      if (language) setTextLanguage(language as MessageLanguage);
      queueMicrotask(() => document.getElementById(idOf(first))?.focus());
      return;
    }
    setBusy(true);
    try {
      const saved = await api.settings.updateConfirmation.mutate(result.value);
      setDraft(reconcile(toDraft(saved, defaults, locale())));
      setSubmitted(false);
      notify(t("settings.confirmation.saved"));
      props.onSaved(saved);
    } catch (failure) {
      const field = invalidFieldOf(failure);
      const name = field && fieldOfServerPath(field.path);
      if (name) {
        setServerErrors({ [name]: { key: "settings.error.server", params: { message: field.message } } });
        queueMicrotask(() => document.getElementById(idOf(name))?.focus());
      }
      setServerError(t(errorMessageKey(failure)));
    } finally {
      setBusy(false);
    }
  }

  const reset = () => {
    setDraft(reconcile(toDraft(props.view.settings, defaults, locale())));
    setSubmitted(false);
    setServerErrors({});
    setServerError(null);
  };

  return (
    <form class="form confirmation-form" onSubmit={submit} novalidate data-testid="confirmation-form">
      <Show when={readOnly()}>
        <p class="muted small">{t("settings.confirmation.adminOnly")}</p>
      </Show>
      <fieldset class="confirmation-form__body" disabled={readOnly()}>
        <Section title={t("settings.confirmation.sending")}>
          <label class="switch">
            <input type="checkbox" name="enabled" role="switch" checked={draft.enabled} onChange={(event) => set("enabled", event.currentTarget.checked)} />
            <span class="switch__track" aria-hidden="true" />
            <span>{t("settings.confirmation.enabled")}</span>
          </label>
          <div class="field">
            <label class="field__label" for={idOf("sendDelay")}>
              {t("settings.confirmation.sendDelay")}
            </label>
            <DurationInput name="sendDelay" value={draft.sendDelay} errors={errors()} help onChange={(value) => set("sendDelay", value)} />
            <span class="field__help" id={`${idOf("sendDelay")}-help`}>
              {t("settings.confirmation.sendDelayHelp")}
            </span>
            <FieldMessage name="sendDelay" errors={errors()} />
          </div>
        </Section>

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
          <div class="field">
            <label class="field__label" for={idOf("timeout")}>
              {t("settings.confirmation.timeout")}
            </label>
            <DurationInput name="timeout" value={draft.timeout} errors={errors()} help onChange={(value) => set("timeout", value)} />
            <span class="field__help" id={`${idOf("timeout")}-help`}>
              {t("settings.confirmation.timeoutHelp")}
            </span>
            <FieldMessage name="timeout" errors={errors()} />
          </div>
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

        <Section title={t("settings.confirmation.quietHours")}>
          <label class="checkbox">
            <input type="checkbox" name="quietOn" checked={draft.quietOn} onChange={(event) => set("quietOn", event.currentTarget.checked)} />
            <span>{t("settings.confirmation.quietOn")}</span>
          </label>
          <Show when={draft.quietOn}>
            <div class="field-row">
              <div class="field">
                <label class="field__label" for={idOf("quietStart")}>
                  {t("settings.confirmation.quietStart")}
                </label>
                <input type="time" id={idOf("quietStart")} name="quietStart" value={draft.quietStart} {...fieldAria("quietStart", errors())} onInput={(event) => set("quietStart", event.currentTarget.value)} />
                <FieldMessage name="quietStart" errors={errors()} />
              </div>
              <div class="field">
                <label class="field__label" for={idOf("quietEnd")}>
                  {t("settings.confirmation.quietEnd")}
                </label>
                <input type="time" id={idOf("quietEnd")} name="quietEnd" value={draft.quietEnd} {...fieldAria("quietEnd", errors())} onInput={(event) => set("quietEnd", event.currentTarget.value)} />
                <FieldMessage name="quietEnd" errors={errors()} />
              </div>
            </div>
            <p class="muted small">{t("settings.confirmation.quietHelp")}</p>
          </Show>
          <div class="field">
            <label class="field__label" for={idOf("timeZone")}>
              {t("settings.confirmation.timeZone")}
            </label>
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
            <span class="field__help" id={`${idOf("timeZone")}-help`}>
              {t("settings.confirmation.timeZoneHelp")}
            </span>
            <FieldMessage name="timeZone" errors={errors()} />
          </div>
        </Section>

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
            <div class="field">
              <label class="field__label" for={idOf("templates.confirmation")}>
                {t("settings.confirmation.templateConfirmation")}
              </label>
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
              <FieldMessage name="templates.confirmation" errors={errors()} />
            </div>
            <div class="field">
              <label class="field__label" for={idOf("templates.reminder")}>
                {t("settings.confirmation.templateReminder")}
              </label>
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
              <FieldMessage name="templates.reminder" errors={errors()} />
            </div>
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
      </fieldset>

      <Show when={!readOnly()}>
        <div class="form__actions form__actions--sticky">
          <Show when={formError()}>
            <p class="form-error form__error-inline" role="alert">
              {formError()}
            </p>
          </Show>
          <button type="button" class="button" disabled={busy()} onClick={reset}>
            {t("settings.confirmation.reset")}
          </button>
          <button type="submit" class="button button--primary" disabled={busy()}>
            {busy() ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </Show>
    </form>
  );
}

/** How the confirmation flow runs: timings, quiet hours, template names, message texts (admins edit, agents read). */
export function ConfirmationSettingsCard() {
  const view = createQuery(
    () => "confirmation-settings",
    () => api.settings.confirmation.query(),
  );
  return (
    <section class="card" aria-labelledby="confirmation-title">
      <h2 id="confirmation-title" class="card__title">
        {t("settings.confirmation.title")}
      </h2>
      <p class="muted">{t("settings.confirmation.intro")}</p>
      <Show when={view.data()} fallback={view.error() ? <ErrorState error={view.error()} retry={view.refetch} /> : <Loading />}>
        {(data) => <ConfirmationForm view={data()} onSaved={() => void view.refetch()} />}
      </Show>
    </section>
  );
}
