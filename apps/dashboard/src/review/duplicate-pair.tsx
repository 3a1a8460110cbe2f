import { For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import type { Order } from "../api/types.ts";
import { formatDateTime, formatMoney } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { productsSummary } from "../orders/order-actions.tsx";
import { orderLabel } from "../orders/order-source.ts";
import { createAction } from "../ui/action.ts";
import { OrderStatusBadge } from "../ui/status-badge.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import "../customers/customer-standing.css";

function OrderSide(props: { title: string; order: Order }) {
  return (
    <section data-order-id={props.order.id}>
      <h3>
        {props.title} <span class="mono small">{orderLabel(props.order)}</span>
      </h3>
      <p>
        <strong>{formatMoney(props.order.total, props.order.currency, locale())}</strong> <OrderStatusBadge status={props.order.status} />
      </p>
      <p class="small">{productsSummary(props.order)}</p>
      <p class="muted small">{formatDateTime(props.order.createdAt, locale())}</p>
    </section>
  );
}

/** One likely duplicate beside the order under review, with the one-click merge and cancel. */
function DuplicateOf(props: { order: Order; otherId: string; onDone: () => void }) {
  const other = createQuery(
    () => props.otherId,
    (id) => api.orders.get.query({ id }),
  );
  const merge = createAction(async () => {
    await api.orders.merge.mutate({ id: props.order.id, into: props.otherId });
    notify(t("duplicate.merged"));
    props.onDone();
  });
  const cancel = createAction(async () => {
    await api.orders.cancelDuplicate.mutate({ id: props.order.id, of: props.otherId });
    notify(t("duplicate.cancelled"));
    props.onDone();
  });
  const busy = () => merge.busy() || cancel.busy();
  async function run(action: typeof merge) {
    await action.run();
    if (action.error() !== undefined) notifyError(action.error());
  }
  const removable = () => props.order.status === "pending" || props.order.status === "no_answer";
  return (
    <Show when={other.data()}>
      {(data) => (
        <div class="duplicate" data-testid="duplicate-pair">
          <div class="duplicate-pair">
            <OrderSide title={t("duplicate.this")} order={props.order} />
            <OrderSide title={t("duplicate.other")} order={data()} />
          </div>
          <Show when={removable()}>
            <div class="actions">
              <button
                type="button"
                class="button button--primary"
                disabled={busy()}
                data-action="merge"
                title={t("duplicate.mergeHelp")}
                onClick={() => void run(merge)}
              >
                {t("duplicate.merge")}
              </button>
              <button type="button" class="button button--danger" disabled={busy()} data-action="cancel-duplicate" onClick={() => void run(cancel)}>
                {t("duplicate.cancel")}
              </button>
            </div>
          </Show>
        </div>
      )}
    </Show>
  );
}

/** The orders this one is likely the same as, each side by side with it. */
export function DuplicatePairs(props: { order: Order; onDone: () => void }) {
  return (
    <Show when={(props.order.duplicateOf ?? []).length > 0}>
      <section class="duplicate-pairs" aria-label={t("duplicate.title")}>
        <For each={props.order.duplicateOf}>{(otherId) => <DuplicateOf order={props.order} otherId={otherId} onDone={props.onDone} />}</For>
      </section>
    </Show>
  );
}
