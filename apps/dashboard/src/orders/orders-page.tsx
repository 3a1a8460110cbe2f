import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createPagedQuery, createQuery } from "../api/query.ts";
import type { Order } from "../api/types.ts";
import { formatDateTime, formatMoney } from "../format/format.ts";
import { totalsByCurrency } from "../format/money.ts";
import { locale, t, tp } from "../i18n/locale.ts";
import { touchesOrders } from "../live/change-bus.ts";
import { Dialog } from "../ui/dialog.tsx";
import { PagedList } from "../ui/paged-list.tsx";
import { OrderStatusBadge } from "../ui/status-badge.tsx";
import { notify } from "../ui/toasts.tsx";
import { OrderActions, productsSummary } from "./order-actions.tsx";
import {
  DATE_OF,
  EXPORT_FORMATS,
  hasOrderFilters,
  ordersExportUrl,
  ordersQueryInput,
  readOrderFilters,
  TEXT_FILTERS,
  type TextFilter,
} from "./order-filters.ts";
import { OrderForm } from "./order-form.tsx";
import { ORDER_STATUSES } from "@confirma/domain";
import { StatusImportDialog } from "./status-import-dialog.tsx";
import { addressSummary, orderLabel, writeBackProblem } from "./order-source.ts";
import { StoreReference } from "./order-store.tsx";
import { RiskBadge } from "../customers/customer-standing.tsx";
import "./orders-page.css";

export function OrdersPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<
    { status?: string; from?: string; to?: string; dateOf?: string; store?: string } & Partial<Record<TextFilter, string>>
  >();
  const filters = () => readOrderFilters({ ...params });
  const [importing, setImporting] = createSignal(false);
  /** The stores to filter by (none connected: no filter shown). */
  const stores = createQuery(
    () => "stores",
    () => api.stores.list.query(),
  );
  /** The date column follows the dates the filter is on. */
  const shownDate = (order: Order) => (filters().dateOf === "status" ? (order.statusChangedAt ?? order.createdAt) : order.createdAt);
  const dateLabel = () => (filters().dateOf === "status" ? t("orders.statusDate") : t("common.date"));
  const [creating, setCreating] = createSignal(false);

  const orders = createPagedQuery(
    () => ordersQueryInput(filters()),
    (input, page) => api.orders.list.query({ ...input, ...page }),
    { pageSize: 50, live: () => touchesOrders },
  );
  const totals = () => totalsByCurrency(orders.items());

  return (
    <section class="page" aria-labelledby="orders-title">
      <header class="page__header">
        <h1 id="orders-title">{t("orders.title")}</h1>
        <div class="page__actions">
          {/* The server writes every matching order; the browser streams the file to disk. */}
          <For each={EXPORT_FORMATS}>
            {(format) => (
              <a class="button" href={ordersExportUrl(filters(), format, { language: locale() })} download="" data-export={format}>
                {t(`orders.export.${format}`)}
              </a>
            )}
          </For>
          <button type="button" class="button" onClick={() => setImporting(true)}>
            {t("statusImport.open")}
          </button>
          <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
            + {t("orders.new")}
          </button>
        </div>
      </header>

      <form class="toolbar" aria-label={t("orders.filters")} onSubmit={(event) => event.preventDefault()}>
        <label class="field">
          <span class="field__label">{t("common.status")}</span>
          <select
            name="status"
            value={filters().status ?? ""}
            onChange={(event) => setParams({ status: event.currentTarget.value || undefined }, { replace: true })}
          >
            <option value="">{t("common.allFeminine")}</option>
            <For each={ORDER_STATUSES}>{(status) => <option value={status}>{t(`status.order.${status}`)}</option>}</For>
          </select>
        </label>
        <Show when={(stores.data()?.length ?? 0) > 0 || filters().store}>
          <label class="field">
            <span class="field__label">{t("orders.store")}</span>
            <select
              name="store"
              value={filters().store ?? ""}
              onChange={(event) => setParams({ store: event.currentTarget.value || undefined }, { replace: true })}
            >
              <option value="">{t("common.allFeminine")}</option>
              {/* `selected` too: the stores arrive after the select got its value, which it would otherwise lose. */}
              <For each={stores.data() ?? []}>
                {(store) => (
                  <option value={store.id} selected={store.id === filters().store}>
                    {store.name}
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
        <label class="field">
          <span class="field__label">{t("orders.from")}</span>
          <input
            type="date"
            name="from"
            value={filters().from ?? ""}
            max={filters().to ?? undefined}
            onChange={(event) => setParams({ from: event.currentTarget.value || undefined }, { replace: true })}
          />
        </label>
        <label class="field">
          <span class="field__label">{t("orders.to")}</span>
          <input
            type="date"
            name="to"
            value={filters().to ?? ""}
            min={filters().from ?? undefined}
            onChange={(event) => setParams({ to: event.currentTarget.value || undefined }, { replace: true })}
          />
        </label>
        <label class="field">
          <span class="field__label">{t("orders.dateOf")}</span>
          <select
            name="dateOf"
            value={filters().dateOf}
            onChange={(event) => setParams({ dateOf: event.currentTarget.value === "status" ? "status" : undefined }, { replace: true })}
          >
            <For each={DATE_OF}>{(dateOf) => <option value={dateOf}>{t(`orders.dateOf.${dateOf}`)}</option>}</For>
          </select>
        </label>
        <For each={TEXT_FILTERS}>
          {(name) => (
            <label class="field">
              <span class="field__label">{t(`orders.filter.${name}`)}</span>
              <input
                type="search"
                name={name}
                value={filters()[name] ?? ""}
                maxLength={200}
                placeholder={name === "search" ? "#74A1CE, 06…, Amina" : name === "number" ? "#74A1CE" : name === "externalNumber" ? "#1001" : undefined}
                onChange={(event) => setParams({ [name]: event.currentTarget.value.trim() || undefined }, { replace: true })}
              />
            </label>
          )}
        </For>
        <Show when={hasOrderFilters(filters())}>
          <button
            type="button"
            class="button button--ghost toolbar__reset"
            onClick={() =>
              setParams(
                {
                  status: undefined,
                  store: undefined,
                  from: undefined,
                  to: undefined,
                  dateOf: undefined,
                  ...Object.fromEntries(TEXT_FILTERS.map((name) => [name, undefined])),
                },
                { replace: true },
              )
            }
          >
            {t("common.reset")}
          </button>
        </Show>
      </form>

      <PagedList
        list={orders}
        dimWhileRefreshing
        empty={hasOrderFilters(filters()) ? t("orders.empty") : t("orders.emptyAll")}
        summary={
          <div class="summary" aria-live="polite">
            <span class="muted">{tp("orders.count", orders.items().length)}</span>
            <span class="summary__totals" data-testid="orders-totals">
              <span class="muted">{t("orders.totals")}</span>
              <For each={totals()}>{(sum) => <strong class="summary__total">{formatMoney(sum.total, sum.currency, locale())}</strong>}</For>
            </span>
          </div>
        }
        head={
          <>
            <th scope="col">{dateLabel()}</th>
            <th scope="col">{t("orders.order")}</th>
            <th scope="col">{t("orders.client")}</th>
            <th scope="col">{t("orders.products")}</th>
            <th scope="col" class="numeric">
              {t("common.total")}
            </th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("common.actions")}</th>
          </>
        }
      >
        {(order) => (
          <tr data-order-id={order.id} data-status={order.status}>
            <td data-label={dateLabel()} class="nowrap muted">
              {formatDateTime(shownDate(order), locale())}
            </td>
            <td data-label={t("orders.order")}>
              <div>
                <A href={`/orders/${order.id}`} class="link link--strong mono" data-testid="order-link">
                  {orderLabel(order)}
                </A>
                <div class="small">
                  <StoreReference order={order} withNumber={false} />
                </div>
              </div>
            </td>
            <td data-label={t("orders.client")}>
              <div>
                <A href={`/clients/${order.clientId}`} class="link link--strong">
                  {order.client?.name ?? order.client?.phoneNumber ?? t("common.noName")}
                </A>
                <Show when={order.client?.name && order.client.phoneNumber}>
                  <div class="muted small nowrap">{order.client!.phoneNumber}</div>
                </Show>
                <Show when={addressSummary(order.shippingAddress)}>
                  {(address) => (
                    <div class="muted small" data-testid="order-address">
                      {address()}
                    </div>
                  )}
                </Show>
              </div>
            </td>
            <td data-label={t("orders.products")} class="products-cell">
              {productsSummary(order)}
            </td>
            <td data-label={t("common.total")} class="numeric nowrap">
              <strong>{formatMoney(order.total, order.currency, locale())}</strong>
            </td>
            <td data-label={t("common.status")}>
              <div class="badges">
                <OrderStatusBadge status={order.status} />
                <Show when={order.needsReview}>
                  <A href="/review" class="badge badge--review">
                    {t("orders.needsReview")}
                  </A>
                </Show>
                <Show when={order.customerRisk && order.customerRisk.level !== "low"}>
                  <RiskBadge risk={order.customerRisk} />
                </Show>
                <Show when={writeBackProblem(order)}>
                  {(problem) => (
                    <A href={`/orders/${order.id}`} class="badge badge--health-error" title={t(problem().key, problem().params)} data-testid="write-back-badge">
                      {t("order.writeBack.badge")}
                    </A>
                  )}
                </Show>
              </div>
            </td>
            <td data-label={t("common.actions")}>
              <OrderActions order={order} />
            </td>
          </tr>
        )}
      </PagedList>

      <StatusImportDialog
        open={importing()}
        onClose={() => setImporting(false)}
        onApplied={() => {
          void orders.refetch();
        }}
      />

      <Dialog open={creating()} onClose={() => setCreating(false)} title={t("orderForm.title")} wide>
        <OrderForm
          onCancel={() => setCreating(false)}
          onDone={(order) => {
            setCreating(false);
            notify(t("orderForm.created"));
            // The agent is still on the phone: the new order opens, to go on with it.
            navigate(`/orders/${order.id}`);
          }}
        />
      </Dialog>
    </section>
  );
}
