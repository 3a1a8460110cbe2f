import { fromMinorUnits } from "@confirma/domain";
import { createEffect, createSignal, For, onCleanup, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { api } from "../api/client.ts";
import { errorMessageKey } from "../api/errors.ts";
import { createQuery } from "../api/query.ts";
import type { Order } from "../api/types.ts";
import { formatMoney } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";
import { draftTotalMinor, emptyLine, toProductsInput, type DraftLine } from "./order-draft.ts";
import { newClientFrom, shippingAddressInput } from "./order-entry.ts";
import { OrderLinesFields } from "./order-lines-fields.tsx";
import "./order-form.css";

/** Currencies offered first; any ISO 4217 code the server knows is accepted. */
const CURRENCIES = ["EUR", "MAD", "XOF", "XAF", "TND", "DZD", "GNF", "USD", "GBP", "CHF", "CAD"] as const;
const CURRENCY_KEY = "confirma.currency";

/** The currency this person chose last time in this browser, if any. */
function rememberedCurrency(): string | null {
  try {
    return localStorage.getItem(CURRENCY_KEY);
  } catch {
    return null;
  }
}

interface PickedClient {
  id: string;
  label: string;
}

/** Finds a client by name or number, or creates the one typed, for an order started from the orders page. */
function ClientPicker(props: { onPick: (client: PickedClient) => void }) {
  const [text, setText] = createSignal("");
  const [search, setSearch] = createSignal("");
  const [draft, setDraft] = createSignal<{ phoneNumber: string; name: string } | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const results = createQuery(
    () => search(),
    (term) => api.clients.list.query({ search: term || undefined, limit: 6 }),
  );
  const create = createAction(
    async (input: { phoneNumber: string; name: string }) => {
      const { client } = await api.clients.create.mutate({ phoneNumber: input.phoneNumber, name: input.name.trim() || undefined });
      props.onPick({ id: client.id, label: [client.name, client.phoneNumber].filter(Boolean).join(" · ") || client.id });
    },
    { describe: (failure) => t(errorMessageKey(failure)) },
  );
  return (
    <div class="picker">
      <label class="field">
        <span class="field__label">{t("orderForm.clientSearch")}</span>
        <input
          type="search"
          name="clientSearch"
          autocomplete="off"
          value={text()}
          onInput={(event) => {
            const value = event.currentTarget.value;
            setText(value);
            setDraft(null);
            clearTimeout(timer);
            timer = setTimeout(() => setSearch(value.trim()), 200);
          }}
        />
      </label>
      <Show when={results.data()}>
        {(page) => (
          <Show when={page().items.length > 0} fallback={<p class="muted small">{t("orderForm.clientNone")}</p>}>
            <ul class="picker__list">
              <For each={page().items}>
                {(client) => (
                  <li>
                    <button
                      type="button"
                      class="picker__option"
                      onClick={() => props.onPick({ id: client.id, label: [client.name, client.phoneNumber].filter(Boolean).join(" · ") || client.id })}
                    >
                      <span class="link--strong">{client.name ?? t("common.noName")}</span>
                      <span class="muted">{client.phoneNumber ?? ""}</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <Show
        when={draft()}
        fallback={
          <Show when={text().trim()}>
            <button type="button" class="button button--small" onClick={() => setDraft(newClientFrom(text()))}>
              + {t("orderForm.clientCreate")}
            </button>
          </Show>
        }
      >
        {(fields) => (
          <fieldset class="new-client" aria-label={t("orderForm.clientCreate")}>
            <Show when={create.error()}>
              <p class="form-error" role="alert">
                {create.error()}
              </p>
            </Show>
            <label class="field">
              <span class="field__label">{t("clientForm.phone")}</span>
              <input
                type="tel"
                name="newClient.phoneNumber"
                value={fields().phoneNumber}
                onInput={(event) => setDraft({ ...fields(), phoneNumber: event.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span class="field__label">{t("clientForm.name")}</span>
              <input type="text" name="newClient.name" value={fields().name} onInput={(event) => setDraft({ ...fields(), name: event.currentTarget.value })} />
            </label>
            <button type="button" class="button button--small button--primary" disabled={create.busy()} onClick={() => void create.run(fields())}>
              {t("orderForm.clientCreateSubmit")}
            </button>
          </fieldset>
        )}
      </Show>
    </div>
  );
}

/**
 * A new order with product lines: add and remove lines, prices with a comma or a dot, a live
 * total computed exactly in minor units. The server computes the real total.
 */
export function OrderForm(props: { client?: PickedClient; onDone: (order: Order) => void; onCancel: () => void }) {
  const [client, setClient] = createSignal<PickedClient | undefined>(props.client);
  const remembered = rememberedCurrency();
  const [currency, setCurrency] = createSignal(remembered ?? "EUR");
  // Without a remembered choice, the shop's currency (DEFAULT_CURRENCY on the server).
  const integration = createQuery(
    () => !remembered && "integration",
    () => api.settings.integration.query(),
  );
  let touched = false;
  createEffect(() => {
    const fallback = integration.data()?.defaultCurrency;
    if (fallback && !touched) setCurrency(fallback);
  });
  const currencies = () => ((CURRENCIES as readonly string[]).includes(currency()) ? CURRENCIES : [currency(), ...CURRENCIES]);
  const [lines, setLines] = createStore<DraftLine[]>([emptyLine()]);
  const [address, setAddress] = createStore({ address1: "", city: "" });
  const [showErrors, setShowErrors] = createSignal(false);
  /** What stops the form before it is sent (no client, a line to fix); the server's refusal is `create.error()`. */
  const [invalid, setInvalid] = createSignal<string | null>(null);
  const create = createAction(
    async (input: Parameters<typeof api.orders.create.mutate>[0]) => {
      const order = await api.orders.create.mutate(input);
      try {
        localStorage.setItem(CURRENCY_KEY, currency());
      } catch {
        // Not remembered: fine.
      }
      props.onDone(order);
    },
    { describe: (failure) => t(errorMessageKey(failure)) },
  );
  const error = () => invalid() ?? create.error();
  const busy = create.busy;

  const total = () => fromMinorUnits(draftTotalMinor(lines, currency()), currency());

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setInvalid(null);
    const chosen = client();
    if (!chosen) {
      setInvalid(t("orderForm.clientRequired"));
      return;
    }
    const products = toProductsInput(lines, currency());
    if (!products) {
      setShowErrors(true);
      setInvalid(t("orderForm.fixErrors"));
      return;
    }
    const shippingAddress = shippingAddressInput(address);
    await create.run({ clientId: chosen.id, products, currency: currency(), ...(shippingAddress ? { shippingAddress } : {}) });
  }

  return (
    <form class="form order-form" onSubmit={submit} novalidate>
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <fieldset class="fieldset">
        <legend>{t("orderForm.client")}</legend>
        <Show when={client()} fallback={<ClientPicker onPick={setClient} />}>
          {(chosen) => (
            <div class="picked">
              <span class="link--strong" data-testid="picked-client">
                {chosen().label}
              </span>
              <Show when={!props.client}>
                <button type="button" class="button button--small" onClick={() => setClient(undefined)}>
                  {t("orderForm.clientChange")}
                </button>
              </Show>
            </div>
          )}
        </Show>
      </fieldset>

      <fieldset class="fieldset">
        <legend>{t("orderForm.lines")}</legend>
        <OrderLinesFields lines={lines} setLines={setLines} currency={currency()} showErrors={showErrors()} />
      </fieldset>

      <fieldset class="fieldset">
        <legend>{t("order.shippingAddress")}</legend>
        <div class="order-form__address">
          <label class="field">
            <span class="field__label">{t("orders.filter.address")}</span>
            <input
              type="text"
              name="address1"
              autocomplete="off"
              value={address.address1}
              onInput={(event) => setAddress("address1", event.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span class="field__label">{t("orders.filter.city")}</span>
            <input type="text" name="city" autocomplete="off" value={address.city} onInput={(event) => setAddress("city", event.currentTarget.value)} />
          </label>
        </div>
      </fieldset>

      <div class="order-form__footer">
        <label class="field field--inline">
          <span class="field__label">{t("orderForm.currency")}</span>
          <select
            name="currency"
            value={currency()}
            onChange={(event) => {
              touched = true;
              setCurrency(event.currentTarget.value);
            }}
          >
            <For each={currencies()}>{(code) => <option value={code}>{code}</option>}</For>
          </select>
        </label>
        <p class="order-form__total">
          <span class="order-form__total-label">{t("orderForm.total")}</span>{" "}
          <output data-testid="order-total" aria-live="polite">
            {formatMoney(total(), currency(), locale())}
          </output>
        </p>
      </div>

      <div class="form__actions">
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={busy()}>
          {busy() ? t("common.creating") : t("orderForm.submit")}
        </button>
      </div>
    </form>
  );
}
