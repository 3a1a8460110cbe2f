import { fromMinorUnits } from "@confirma/domain";
import { createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { api } from "../api/client.ts";
import { errorMessageKey } from "../api/errors.ts";
import type { Order } from "../api/types.ts";
import { formatMoney } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";
import { draftTotalMinor, toProductsInput } from "./order-draft.ts";
import { draftFromProducts } from "./order-entry.ts";
import { OrderLinesFields } from "./order-lines-fields.tsx";

/**
 * The items of a pending or no-answer order, changed during the call (quantities, lines added or
 * removed, an upsell): the server replaces them, recomputes the total and records the change.
 */
export function OrderLinesForm(props: { order: Order; onDone: (order: Order) => void; onCancel: () => void }) {
  const currency = () => props.order.currency;
  const [lines, setLines] = createStore(draftFromProducts(props.order.products, props.order.currency));
  const [showErrors, setShowErrors] = createSignal(false);
  const [invalid, setInvalid] = createSignal<string | null>(null);
  const save = createAction(
    async (products: NonNullable<ReturnType<typeof toProductsInput>>) => props.onDone(await api.orders.replaceLines.mutate({ id: props.order.id, products })),
    { describe: (failure) => t(errorMessageKey(failure)) },
  );
  const error = () => invalid() ?? save.error();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setInvalid(null);
    const products = toProductsInput(lines, currency());
    if (!products) {
      setShowErrors(true);
      setInvalid(t("orderForm.fixErrors"));
      return;
    }
    await save.run(products);
  }

  return (
    <form class="form order-form" onSubmit={submit} novalidate>
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <fieldset class="fieldset">
        <legend>{t("orderForm.lines")}</legend>
        <OrderLinesFields lines={lines} setLines={setLines} currency={currency()} showErrors={showErrors()} />
      </fieldset>
      <div class="order-form__footer">
        <p class="order-form__total">
          <span class="order-form__total-label">{t("orderForm.total")}</span>{" "}
          <output data-testid="lines-total" aria-live="polite">
            {formatMoney(fromMinorUnits(draftTotalMinor(lines, currency()), currency()), currency(), locale())}
          </output>
        </p>
      </div>
      <div class="form__actions">
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={save.busy()}>
          {t("common.save")}
        </button>
      </div>
    </form>
  );
}
