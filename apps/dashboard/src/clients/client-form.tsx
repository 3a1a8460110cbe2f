import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorMessageKey } from "../api/errors.ts";
import type { Client, ClientStatus } from "../api/types.ts";
import { t } from "../i18n/locale.ts";
import { CLIENT_STATUSES } from "@confirma/domain";
import { createAction } from "../ui/action.ts";

/** Creates a client from a phone number (an existing number returns that client). */
export function ClientForm(props: { onDone: (client: Client, created: boolean) => void; onCancel: () => void }) {
  const [phone, setPhone] = createSignal("");
  const [name, setName] = createSignal("");
  const [status, setStatus] = createSignal<ClientStatus>("pending");
  const create = createAction(
    async () => {
      const result = await api.clients.create.mutate({ phoneNumber: phone().trim(), name: name().trim() || null, status: status() });
      props.onDone(result.client, result.created);
    },
    { describe: (failure) => t(errorMessageKey(failure)) },
  );

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void create.run();
  }

  return (
    <form class="form" onSubmit={submit}>
      <Show when={create.error()}>
        <p class="form-error" role="alert">
          {create.error()}
        </p>
      </Show>
      <label class="field">
        <span class="field__label">{t("clientForm.phone")}</span>
        <input
          type="tel"
          name="phoneNumber"
          required
          autocomplete="off"
          inputmode="tel"
          aria-describedby="client-phone-help"
          value={phone()}
          onInput={(event) => setPhone(event.currentTarget.value)}
        />
        <span id="client-phone-help" class="field__help">
          {t("clientForm.phoneHelp")}
        </span>
      </label>
      <label class="field">
        <span class="field__label">
          {t("clientForm.name")} <span class="muted">({t("common.optional")})</span>
        </span>
        <input type="text" name="name" autocomplete="off" maxLength={200} value={name()} onInput={(event) => setName(event.currentTarget.value)} />
      </label>
      <label class="field">
        <span class="field__label">{t("clientForm.status")}</span>
        <select name="status" value={status()} onChange={(event) => setStatus(event.currentTarget.value as ClientStatus)}>
          <For each={CLIENT_STATUSES}>{(value) => <option value={value}>{t(`status.client.${value}`)}</option>}</For>
        </select>
      </label>
      <div class="form__actions">
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={create.busy()}>
          {create.busy() ? t("common.creating") : t("clientForm.submit")}
        </button>
      </div>
    </form>
  );
}
