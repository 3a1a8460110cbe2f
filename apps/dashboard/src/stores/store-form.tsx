import { createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { api } from "../api/client.ts";
import { errorMessageKey, invalidFieldOf } from "../api/errors.ts";
import type { CreatedStore, Store, StorePlatform } from "../api/types.ts";
import { t } from "../i18n/locale.ts";
import type { MessageKey } from "../i18n/translate.ts";
import { createAction } from "../ui/action.ts";
import {
  CONFIRM_MODES,
  checkDraft,
  createInput,
  draftFromStore,
  emptyDraft,
  MAPPED_STATUSES,
  PLATFORM_FORMS,
  PLATFORMS,
  updateChanges,
  type DraftError,
  type DraftField,
  type SecretSpec,
} from "./store-form.ts";

const PROBLEMS: Record<DraftError["problem"], MessageKey> = {
  required: "settings.error.required",
  url: "stores.error.url",
  country: "stores.error.country",
  currency: "stores.error.currency",
};

/**
 * Connects a store (`store` absent) or changes one. The fields follow the platform: its id, its
 * secrets (never shown again: an edit says "set" or "not set" and a typed value replaces it), the
 * country and currency its orders are read with, which orders get the WhatsApp request, and what
 * is written back to it.
 */
export function StoreForm(props: { store?: Store; onDone: (result: { created?: CreatedStore; updated?: Store }) => void; onCancel: () => void }) {
  const editing = props.store;
  const [draft, setDraft] = createStore(editing ? draftFromStore(editing) : emptyDraft());
  const [errors, setErrors] = createSignal<DraftError[]>([]);
  const [serverField, setServerField] = createSignal<string | null>(null);
  const form = () => PLATFORM_FORMS[draft.platform];
  const mode = editing ? "edit" : "create";
  const fieldId = (field: string) => `store-${field}`;
  const errorOf = (field: DraftField) => errors().find((error) => error.field === field);

  const save = createAction(
    async () => {
      if (!editing) return { created: await api.stores.create.mutate(createInput(draft)) };
      const changes = updateChanges(draft, editing);
      return { updated: changes ? await api.stores.update.mutate({ id: editing.id, changes }) : editing };
    },
    {
      describe: (failure) => {
        const field = invalidFieldOf(failure);
        setServerField(field?.path.split(".")[0] ?? null);
        return field ? t("stores.error.server", { field: field.path, message: field.message }) : t(errorMessageKey(failure));
      },
    },
  );

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const problems = checkDraft(draft, mode);
    setErrors(problems);
    setServerField(null);
    if (problems.length > 0) {
      document.getElementById(fieldId(problems[0]!.field))?.focus();
      return;
    }
    const result = await save.run();
    if (result) props.onDone(result);
  }

  /** A text input with its label, help and error. */
  const TextField = (field: {
    name: DraftField;
    label: string;
    value: string;
    onInput: (value: string) => void;
    help?: string;
    placeholder?: string;
    type?: "text" | "password" | "url";
    required?: boolean;
  }) => {
    const problem = () => errorOf(field.name);
    const invalid = () => Boolean(problem()) || serverField() === field.name;
    return (
      <div class="field">
        <label class="field__label" for={fieldId(field.name)}>
          {field.label}
          <Show when={!field.required}>
            {" "}
            <span class="muted">({t("common.optional")})</span>
          </Show>
        </label>
        <input
          id={fieldId(field.name)}
          name={field.name}
          type={field.type ?? "text"}
          autocomplete="off"
          spellcheck={false}
          value={field.value}
          placeholder={field.placeholder}
          aria-invalid={invalid()}
          aria-describedby={[field.help ? `${fieldId(field.name)}-help` : "", problem() ? `${fieldId(field.name)}-error` : ""].join(" ").trim() || undefined}
          onInput={(event) => field.onInput(event.currentTarget.value)}
        />
        <Show when={field.help}>
          <span id={`${fieldId(field.name)}-help`} class="field__help">
            {field.help}
          </span>
        </Show>
        <Show when={problem()}>
          {(error) => (
            <p id={`${fieldId(field.name)}-error`} class="field__error">
              {t(PROBLEMS[error().problem])}
            </p>
          )}
        </Show>
      </div>
    );
  };

  const secretHelp = (secret: SecretSpec) => {
    const own = t(`stores.secret.${draft.platform}.${secret.field}.help` as MessageKey);
    if (!editing) return secret.generated ? `${own} ${t("stores.secret.generatedHelp")}` : own;
    const set = editing.credentials[secret.field];
    return `${t("stores.secret.state", { state: set ? t("stores.secret.set") : t("stores.secret.notSet") })} ${t("stores.secret.replaceHelp")}`;
  };

  return (
    <form class="form store-form" onSubmit={submit} novalidate data-testid="store-form">
      <Show when={save.error()}>
        {(message) => (
          <p class="form-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={errors().length > 0}>
        <p class="form-error" role="alert">
          {t("settings.error.fix")}
        </p>
      </Show>

      <div class="field-row">
        <label class="field">
          <span class="field__label">{t("stores.platform")}</span>
          <select
            name="platform"
            value={draft.platform}
            disabled={Boolean(editing)}
            onChange={(event) => {
              setDraft("platform", event.currentTarget.value as StorePlatform);
              setErrors([]);
            }}
          >
            <For each={PLATFORMS}>{(platform) => <option value={platform}>{t(`stores.platform.${platform}`)}</option>}</For>
          </select>
        </label>
        <TextField
          name="name"
          label={t("stores.name")}
          required
          value={draft.name}
          onInput={(value) => setDraft("name", value)}
          placeholder={t("stores.namePlaceholder")}
        />
      </div>

      <Show when={form().id}>
        {(id) => (
          <TextField
            name={id()}
            label={t(`stores.id.${id()}`)}
            help={t(`stores.id.${id()}.help`)}
            placeholder={t(`stores.id.${id()}.placeholder`)}
            type={id() === "siteUrl" ? "url" : "text"}
            required
            value={draft.ids[id()]}
            onInput={(value) => setDraft("ids", id(), value)}
          />
        )}
      </Show>

      <fieldset class="fieldset">
        <legend>{t("stores.secrets")}</legend>
        <For each={form().secrets}>
          {(secret) => (
            <TextField
              name={secret.field}
              label={
                editing
                  ? t("stores.secret.replace", { name: t(`stores.secret.${draft.platform}.${secret.field}` as MessageKey) })
                  : t(`stores.secret.${draft.platform}.${secret.field}` as MessageKey)
              }
              help={secretHelp(secret)}
              type="password"
              required={!editing && secret.required}
              value={draft.secrets[secret.field]}
              onInput={(value) => setDraft("secrets", secret.field, value)}
            />
          )}
        </For>
      </fieldset>

      <fieldset class="fieldset">
        <legend>{t("stores.orders")}</legend>
        <div class="field-row">
          <TextField
            name="defaultCountry"
            label={t("stores.defaultCountry")}
            help={t("stores.defaultCountryHelp")}
            placeholder="MA"
            value={draft.defaultCountry}
            onInput={(value) => setDraft("defaultCountry", value)}
          />
          <TextField
            name="defaultCurrency"
            label={t("stores.defaultCurrency")}
            help={t("stores.defaultCurrencyHelp")}
            placeholder="MAD"
            value={draft.defaultCurrency}
            onInput={(value) => setDraft("defaultCurrency", value)}
          />
        </div>
        <div class="field" role="radiogroup" aria-labelledby="store-confirm-label">
          <span id="store-confirm-label" class="field__label">
            {t("stores.confirm")}
          </span>
          <For each={CONFIRM_MODES}>
            {(confirmMode) => (
              <label class="checkbox">
                <input
                  type="radio"
                  name="confirm"
                  value={confirmMode}
                  checked={draft.confirm === confirmMode}
                  onChange={() => setDraft("confirm", confirmMode)}
                />
                <span>{t(`stores.confirm.${confirmMode}`)}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>

      <Show when={form().writeBack.length > 0}>
        <fieldset class="fieldset">
          <legend>{t("stores.writeBack")}</legend>
          <p class="field__help">{t(`stores.writeBack.${draft.platform}` as MessageKey)}</p>
          <Show when={form().writeBack.includes("tags")}>
            <label class="checkbox">
              <input type="checkbox" name="tags" checked={draft.tags} onChange={(event) => setDraft("tags", event.currentTarget.checked)} />
              <span>{t("stores.writeBack.tags")}</span>
            </label>
          </Show>
          <Show when={form().writeBack.includes("note")}>
            <label class="checkbox">
              <input type="checkbox" name="note" checked={draft.note} onChange={(event) => setDraft("note", event.currentTarget.checked)} />
              <span>{t("stores.writeBack.note")}</span>
            </label>
          </Show>
          <Show when={form().writeBack.includes("cancelOrder")}>
            <label class="checkbox">
              <input
                type="checkbox"
                name="cancelOrder"
                checked={draft.cancelOrder}
                aria-describedby="store-cancel-warning"
                onChange={(event) => setDraft("cancelOrder", event.currentTarget.checked)}
              />
              <span>{t("stores.writeBack.cancelOrder")}</span>
            </label>
            <p id="store-cancel-warning" class="notice notice--warn small">
              {t("stores.writeBack.cancelOrderWarning")}
            </p>
          </Show>
          <Show when={form().writeBack.includes("statusMap")}>
            <label class="checkbox">
              <input
                type="checkbox"
                name="ownStatusMap"
                checked={draft.ownStatusMap}
                onChange={(event) => setDraft("ownStatusMap", event.currentTarget.checked)}
              />
              <span>{t("stores.writeBack.ownStatusMap")}</span>
            </label>
            <p class="field__help">{t(`stores.writeBack.defaultMap.${draft.platform}` as MessageKey)}</p>
            <Show when={draft.ownStatusMap}>
              <div class="field-row">
                <For each={MAPPED_STATUSES}>
                  {(status) => (
                    <label class="field">
                      <span class="field__label">{t("stores.writeBack.statusFor", { status: t(`status.order.${status}`) })}</span>
                      <input
                        type="text"
                        name={`statusMap.${status}`}
                        autocomplete="off"
                        spellcheck={false}
                        placeholder={t("stores.writeBack.unchanged")}
                        value={draft.statusMap[status]}
                        onInput={(event) => setDraft("statusMap", status, event.currentTarget.value)}
                      />
                    </label>
                  )}
                </For>
              </div>
            </Show>
          </Show>
        </fieldset>
      </Show>

      <details class="example">
        <summary>{t("stores.advanced")}</summary>
        <TextField
          name="apiUrl"
          label={t("stores.apiUrl")}
          help={t("stores.apiUrlHelp")}
          type="url"
          value={draft.apiUrl}
          onInput={(value) => setDraft("apiUrl", value)}
        />
      </details>

      <div class="form__actions">
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={save.busy()}>
          {save.busy() ? t("common.saving") : editing ? t("common.save") : t("stores.connect")}
        </button>
      </div>
    </form>
  );
}
