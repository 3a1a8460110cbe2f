import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import { formatNumber, formatPercent } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { touchesAnything } from "../live/change-bus.ts";
import { CLIENT_STATUSES, ORDER_STATUSES } from "@confirma/domain";
import { ErrorState, Loading } from "../ui/states.tsx";
import { OrdersChart } from "./orders-chart.tsx";
import "./overview-page.css";

const PERIODS = [7, 14, 30, 90] as const;

export function OverviewPage() {
  const [days, setDays] = createSignal<number>(14);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const stats = createQuery(
    () => ({ days: days(), timeZone }),
    (input) => api.stats.overview.query(input),
    { live: () => touchesAnything },
  );
  const totalOrders = () => {
    const data = stats.data();
    return data ? ORDER_STATUSES.reduce((sum, status) => sum + data.ordersByStatus[status], 0) : 0;
  };

  return (
    <section class="page" aria-labelledby="overview-title">
      <header class="page__header">
        <h1 id="overview-title">{t("overview.title")}</h1>
      </header>
      <Show when={stats.data()} fallback={stats.error() ? <ErrorState error={stats.error()} retry={stats.refetch} /> : <Loading />}>
        {(data) => (
          <>
            <div class="cards">
              <div class="card card--stat">
                <h2 class="card__title">{t("overview.confirmationRate")}</h2>
                <p class="stat stat--big" data-testid="confirmation-rate">
                  {data().confirmationRate === null ? "—" : formatPercent(data().confirmationRate!, locale())}
                </p>
                <p class="muted small">{data().confirmationRate === null ? t("overview.noRate") : t("overview.confirmationRateHelp")}</p>
              </div>
              <div class="card card--stat" classList={{ "card--attention": data().needsReview > 0 }}>
                <h2 class="card__title">{t("overview.needsReview")}</h2>
                <p class="stat stat--big">{formatNumber(data().needsReview, locale())}</p>
                <A href="/review" class="link small">
                  {t("overview.openReview")} →
                </A>
              </div>
              <div class="card card--stat">
                <h2 class="card__title">{t("overview.clients")}</h2>
                <p class="stat stat--big">{formatNumber(data().clientsTotal, locale())}</p>
                <ul class="mini-counts">
                  <For each={CLIENT_STATUSES}>
                    {(status) => (
                      <li>
                        <span class={`dot dot--${status}`} aria-hidden="true" />
                        {t(`status.client.${status}`)} <strong>{formatNumber(data().clientsByStatus[status] ?? 0, locale())}</strong>
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            </div>

            <div class="card">
              <h2 class="card__title">{t("overview.ordersByStatus")}</h2>
              <ul class="status-counts">
                <For each={ORDER_STATUSES}>
                  {(status) => (
                    <li>
                      <A href={`/orders?status=${status}`} class={`status-count status-count--${status}`}>
                        <span class="status-count__value">{formatNumber(data().ordersByStatus[status], locale())}</span>
                        <span class="status-count__label">{t(`status.order.${status}`)}</span>
                      </A>
                    </li>
                  )}
                </For>
              </ul>
            </div>

            <div class="card">
              <div class="card__header">
                <h2 class="card__title">{t("overview.chartTitle")}</h2>
                <label class="field field--inline">
                  <span class="field__label">{t("overview.period")}</span>
                  <select value={days()} onChange={(event) => setDays(Number(event.currentTarget.value))}>
                    <For each={PERIODS}>{(count) => <option value={count}>{t("overview.days", { count })}</option>}</For>
                  </select>
                </label>
              </div>
              <Show when={totalOrders() > 0} fallback={<p class="muted">{t("overview.empty")}</p>}>
                <OrdersChart series={data().series} />
              </Show>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
