import { createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { api } from "../api/client.ts";
import { errorCodeOf, errorMessageKey } from "../api/errors.ts";
import type { Order } from "../api/types.ts";
import { t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";
import { notify } from "../ui/toasts.tsx";
import { ADDRESS_FIELDS, detailsChanges, detailsDraft } from "./order-details.ts";

/**
 * Corrects the customer's phone and the shipping address while on the phone with them. Only what
 * changed is sent; the server records it in the order's history.
 */
export function OrderDetailsForm(props: { order: Order; onDone: (order: Order) => void; onCancel: () => void }) {
  const [draft, setDraft] = createStore(detailsDraft(props.order));
  const [unchanged, setUnchanged] = createSignal(false);
  const id = props.order.id;
  const save = createAction(
    async () => {
      const changes = detailsChanges(props.order, draft);
      if (!changes) return null;
      return api.orders.updateDetails.mutate({ id, ...changes });
    },
    { describe: (failure) => ({ phone: errorCodeOf(failure) === "invalid_phone", message: t(errorMessageKey(failure)) }) },
  );

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!detailsChanges(props.order, draft)) {
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    const updated = await save.run();
    if (updated) {
      notify(t("details.saved"));
      props.onDone(updated);
    } else if (save.error()?.phone) document.getElementById(`details-phone-${id}`)?.focus();
  }

  return (
    <form class="form" onSubmit={submit} novalidate data-testid="details-form">
      <Show when={save.error()}>
        {(error) => (
          <p class="form-error" role="alert">
            {error().message}
          </p>
        )}
      </Show>
      <div class="field">
        <label class="field__label" for={`details-phone-${id}`}>
          {t("details.phone")}
        </label>
        <input
          id={`details-phone-${id}`}
          type="tel"
          name="phone"
          autocomplete="off"
          value={draft.phone}
          aria-invalid={save.error()?.phone === true}
          aria-describedby={`details-phone-help-${id}`}
          onInput={(event) => setDraft("phone", event.currentTarget.value)}
        />
        <span id={`details-phone-help-${id}`} class="field__help">
          {t("details.phoneHelp")}
        </span>
      </div>
      <fieldset class="fieldset">
        <legend>{t("details.address")}</legend>
        <div class="field-row">
          <For each={ADDRESS_FIELDS}>
            {(field) => (
              <label class="field" classList={{ "field--wide": field === "address1" || field === "address2" }}>
                <span class="field__label">{t(`details.address.${field}`)}</span>
                <input
                  type="text"
                  name={`address.${field}`}
                  autocomplete="off"
                  value={draft.address[field]}
                  onInput={(event) => setDraft("address", field, event.currentTarget.value)}
                />
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <Show when={unchanged()}>
        <p class="muted small" role="status">
          {t("details.nothingChanged")}
        </p>
      </Show>
      <div class="form__actions">
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={save.busy()}>
          {save.busy() ? t("common.saving") : t("details.save")}
        </button>
      </div>
    </form>
  );
}
