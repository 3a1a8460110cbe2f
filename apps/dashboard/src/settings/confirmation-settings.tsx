import { MESSAGE_TEXT_FIELDS } from "@confirma/domain";
import { createMemo, createSignal, Show } from "solid-js";
import { createStore, reconcile, type SetStoreFunction } from "solid-js/store";
import { api } from "../api/client.ts";
import { errorMessageKey, invalidFieldOf } from "../api/errors.ts";
import { createQuery } from "../api/query.ts";
import type { ConfirmationSettingsView, MessageLanguage } from "../api/types.ts";
import { isAdmin } from "../auth/session.ts";
import { locale, t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { notify } from "../ui/toasts.tsx";
import { idOf } from "./confirmation-fields.tsx";
import { fieldOfServerPath, fromDraft, toDraft, type ConfirmationDraft, type FieldErrors } from "./confirmation-form.ts";
import { FollowUpSection, MessagesSection, QuietHoursSection, SendingSection, type ConfirmationFormState } from "./confirmation-sections.tsx";

function ConfirmationForm(props: { view: ConfirmationSettingsView; onSaved: (view: ConfirmationSettingsView["settings"]) => void }) {
  const defaults = props.view.defaultTexts;
  const [draft, setDraft] = createStore<ConfirmationDraft>(toDraft(props.view.settings, defaults, locale()));
  const [submitted, setSubmitted] = createSignal(false);
  const [serverErrors, setServerErrors] = createSignal<FieldErrors>({});
  const [serverError, setServerError] = createSignal<string | null>(null);
  /** What the bar says: the server's refusal, or "fix the fields" while the checked form still has errors. */
  const formError = () => serverError() ?? (submitted() && !check().ok ? t("settings.error.fix") : null);
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
  const form: ConfirmationFormState = { draft, set, errors, defaults, timeZones, textLanguage, setTextLanguage, customized };

  const save = createAction(async (settings: Parameters<typeof api.settings.updateConfirmation.mutate>[0]) => {
    const saved = await api.settings.updateConfirmation.mutate(settings);
    setDraft(reconcile(toDraft(saved, defaults, locale())));
    setSubmitted(false);
    notify(t("settings.confirmation.saved"));
    props.onSaved(saved);
  });
  const busy = save.busy;

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
    await save.run(result.value);
    const failure = save.error();
    if (failure === undefined) return;
    const field = invalidFieldOf(failure);
    const name = field && fieldOfServerPath(field.path);
    if (name) {
      setServerErrors({ [name]: { key: "settings.error.server", params: { message: field.message } } });
      queueMicrotask(() => document.getElementById(idOf(name))?.focus());
    }
    setServerError(t(errorMessageKey(failure)));
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
        <SendingSection form={form} />

        <FollowUpSection form={form} />

        <QuietHoursSection form={form} />

        <MessagesSection form={form} />
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
