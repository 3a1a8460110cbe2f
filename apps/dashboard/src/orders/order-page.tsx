import { A, useParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorCodeOf } from "../api/errors.ts";
import { createQuery } from "../api/query.ts";
import { createUserNames } from "../auth/user-names.ts";
import { formatDateTime, formatMoney, orderNumber } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { Dialog } from "../ui/dialog.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/states.tsx";
import { OrderStatusBadge } from "../ui/status-badge.tsx";
import { OrderActions } from "./order-actions.tsx";
import { OrderDetailsForm } from "./order-details-form.tsx";
import { OrderHistory } from "./order-history.tsx";
import { linesEditable } from "./order-entry.ts";
import { OrderLinesForm } from "./order-lines-form.tsx";
import { notify } from "../ui/toasts.tsx";
import { orderLabel } from "./order-source.ts";
import { ShippingAddressBlock, StoreReference, WriteBackState } from "./order-store.tsx";
import { CustomerStanding } from "../customers/customer-standing.tsx";
import { DuplicatePairs } from "../review/duplicate-pair.tsx";
import "./order-page.css";

/**
 * One order: where it came from (the store and its number there, linked), who ordered and where
 * it goes, what is in it, what the store said to the last update, the status buttons, the
 * address and phone correction, and its whole history.
 */
export function OrderPage() {
  const params = useParams<{ id: string }>();
  const [editing, setEditing] = createSignal(false);
  const [editingLines, setEditingLines] = createSignal(false);
  const order = createQuery(
    () => params.id,
    (id) => api.orders.get.query({ id }),
    { live: (id) => (event) => event.entity === "order" && event.entityId === id },
  );
  const userName = createUserNames();

  return (
    <section class="page" aria-labelledby="order-title">
      <A href="/orders" class="back-link">
        ← {t("order.back")}
      </A>
      <Show
        when={order.data()}
        fallback={
          order.error() ? (
            errorCodeOf(order.error()) === "not_found" ? (
              <EmptyState>{t("order.notFound")}</EmptyState>
            ) : (
              <ErrorState error={order.error()} retry={order.refetch} />
            )
          ) : (
            <Loading />
          )
        }
      >
        {(data) => (
          <>
            <header class="page__header">
              <div>
                <h1 id="order-title">{t("order.title", { number: orderLabel(data()) })}</h1>
                <p class="muted order-header__meta">
                  <OrderStatusBadge status={data().status} />
                  <Show when={data().needsReview}>
                    <A href="/review" class="badge badge--review">
                      {t("orders.needsReview")}
                    </A>
                  </Show>
                  <StoreReference order={data()} withNumber={false} />
                  <Show when={data().externalNumber}>
                    <span class="mono small">{orderNumber(data().id)}</span>
                  </Show>
                  <span class="small">{formatDateTime(data().createdAt, locale())}</span>
                </p>
              </div>
            </header>

            <Show when={data().needsReview && data().reviewReason}>
              {(reason) => (
                <p class="notice notice--warn" data-reason={reason()}>
                  <span class="muted">{t("review.why")}</span> {t(`review.reason.${reason()}`)}
                </p>
              )}
            </Show>
            <DuplicatePairs order={data()} onDone={() => void order.refetch()} />
            <WriteBackState order={data()} />

            <div class="order-layout">
              <section class="card" aria-labelledby="order-customer-title">
                <div class="card__header">
                  <h2 id="order-customer-title" class="card__title">
                    {t("order.customer")}
                  </h2>
                  <button type="button" class="button button--small" onClick={() => setEditing(true)}>
                    {t("details.edit")}
                  </button>
                </div>
                <dl class="facts facts--stacked">
                  <div>
                    <dt>{t("orders.client")}</dt>
                    <dd>
                      <A href={`/clients/${data().clientId}`} class="link link--strong">
                        {data().client?.name ?? t("common.noName")}
                      </A>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("common.phone")}</dt>
                    <dd data-testid="order-phone">{data().client?.phoneNumber ?? t("order.noPhone")}</dd>
                  </div>
                  <Show when={data().customerEmail}>
                    <div>
                      <dt>{t("common.email")}</dt>
                      <dd>{data().customerEmail}</dd>
                    </div>
                  </Show>
                  <div>
                    <dt>{t("order.shippingAddress")}</dt>
                    <dd>
                      <ShippingAddressBlock address={data().shippingAddress} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t("risk.title")}</dt>
                    <dd>
                      <CustomerStanding history={data().customerHistory} risk={data().customerRisk} />
                    </dd>
                  </div>
                  <Show when={data().note}>
                    <div>
                      <dt>{t("order.note")}</dt>
                      <dd class="pre-line">{data().note}</dd>
                    </div>
                  </Show>
                </dl>
              </section>

              <section class="card" aria-labelledby="order-content-title">
                <div class="card__header">
                  <h2 id="order-content-title" class="card__title">
                    {t("order.content")}
                  </h2>
                  <Show when={linesEditable(data().status)}>
                    <button type="button" class="button button--small" onClick={() => setEditingLines(true)}>
                      {t("orderLines.edit")}
                    </button>
                  </Show>
                </div>
                <ul class="order-lines">
                  <For each={data().products}>
                    {(product) => (
                      <li>
                        <span>
                          {product.quantity} × {product.name}
                          <Show when={product.sku}>
                            <span class="muted small mono"> {product.sku}</span>
                          </Show>
                        </span>
                        <span class="numeric muted">{t("order.unitPrice", { price: formatMoney(product.price, data().currency, locale()) })}</span>
                      </li>
                    )}
                  </For>
                  <li class="order-lines__total">
                    <strong>{t("common.total")}</strong>
                    <strong class="numeric">{formatMoney(data().total, data().currency, locale())}</strong>
                  </li>
                </ul>
                <Show when={data().paymentMethod}>
                  <p class="muted small">{t("order.payment", { method: data().paymentMethod ?? "" })}</p>
                </Show>
                <OrderActions order={data()} resend size="normal" onChanged={() => void order.refetch()} />
              </section>
            </div>

            <section class="card" aria-labelledby="order-history-title">
              <h2 id="order-history-title" class="card__title">
                {t("order.history")}
              </h2>
              <OrderHistory orderId={data().id} messageText={() => null} userName={userName} />
            </section>

            <Dialog open={editing()} onClose={() => setEditing(false)} title={t("details.title")} wide>
              <OrderDetailsForm
                order={data()}
                onCancel={() => setEditing(false)}
                onDone={() => {
                  setEditing(false);
                  void order.refetch();
                }}
              />
            </Dialog>
            <Dialog open={editingLines()} onClose={() => setEditingLines(false)} title={t("orderLines.edit")} wide>
              <OrderLinesForm
                order={data()}
                onCancel={() => setEditingLines(false)}
                onDone={() => {
                  setEditingLines(false);
                  notify(t("orderLines.saved"));
                  void order.refetch();
                }}
              />
            </Dialog>
          </>
        )}
      </Show>
    </section>
  );
}
