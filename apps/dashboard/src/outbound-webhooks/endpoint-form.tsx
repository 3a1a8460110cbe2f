import { OUTBOUND_EVENT_TYPES, type OutboundEventType } from "@confirma/domain";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorMessageKey } from "../api/errors.ts";
import { t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";
import { CopyButton } from "../ui/copy-button.tsx";
import { eventLabel, type CreatedOutboundWebhook } from "./outbound-webhook-types.ts";

/**
 * Registers an endpoint, then shows its signing secret: the one time the server ever sends it,
 * so the form stays open on it until the admin says it is copied.
 */
export function EndpointForm(props: { onCreated: () => void; onClose: () => void }) {
  const [url, setUrl] = createSignal("");
  const [events, setEvents] = createSignal<OutboundEventType[]>([]);
  const create = createAction(
    async () => {
      const created = await api.outboundWebhooks.create.mutate({ url: url().trim(), events: events() });
      props.onCreated();
      return created;
    },
    { describe: (failure) => t(errorMessageKey(failure)) },
  );

  function toggle(type: OutboundEventType, on: boolean) {
    setEvents((chosen) => (on ? [...chosen, type] : chosen.filter((item) => item !== type)));
  }

  return (
    <Show
      when={create.result()}
      fallback={
        <form
          class="form"
          onSubmit={(event) => {
            event.preventDefault();
            void create.run();
          }}
        >
          <Show when={create.error()}>
            <p class="form-error" role="alert">
              {create.error()}
            </p>
          </Show>
          <label class="field">
            <span class="field__label">{t("webhooks.url")}</span>
            <input
              type="url"
              name="url"
              required
              maxLength={500}
              autocomplete="off"
              placeholder="https://"
              aria-describedby="webhook-url-help"
              value={url()}
              onInput={(event) => setUrl(event.currentTarget.value)}
            />
            <span id="webhook-url-help" class="field__help">
              {t("webhooks.urlHelp")}
            </span>
          </label>
          <fieldset class="fieldset">
            <legend class="field__label">{t("webhooks.events")}</legend>
            <For each={OUTBOUND_EVENT_TYPES}>
              {(type) => (
                <label class="checkbox">
                  <input
                    type="checkbox"
                    name="events"
                    value={type}
                    checked={events().includes(type)}
                    onChange={(event) => toggle(type, event.currentTarget.checked)}
                  />
                  <span>
                    {eventLabel(type)} <span class="muted mono small">{type}</span>
                  </span>
                </label>
              )}
            </For>
            <span class="field__help">{t("webhooks.eventsHelp")}</span>
          </fieldset>
          <div class="form__actions">
            <button type="button" class="button" onClick={() => props.onClose()}>
              {t("common.cancel")}
            </button>
            <button type="submit" class="button button--primary" disabled={create.busy()}>
              {create.busy() ? t("common.creating") : t("webhooks.submit")}
            </button>
          </div>
        </form>
      }
    >
      {(created) => <SecretOnce endpoint={created()} onClose={props.onClose} />}
    </Show>
  );
}

function SecretOnce(props: { endpoint: CreatedOutboundWebhook; onClose: () => void }) {
  return (
    <div class="form" data-testid="webhook-secret">
      <p>
        <strong>{t("webhooks.created")}</strong> <span class="mono small">{props.endpoint.url}</span>
      </p>
      <div class="field">
        <label class="field__label" for="webhook-secret">
          {t("webhooks.secret")}
        </label>
        <div class="copy-row">
          <input id="webhook-secret" type="text" readOnly value={props.endpoint.secret} class="mono" onFocus={(event) => event.currentTarget.select()} />
          <CopyButton text={props.endpoint.secret} label={t("webhooks.secret")} />
        </div>
        <span class="field__help">{t("webhooks.secretOnce")}</span>
      </div>
      <div class="form__actions">
        <button type="button" class="button button--primary" onClick={() => props.onClose()}>
          {t("webhooks.secretDone")}
        </button>
      </div>
    </div>
  );
}
