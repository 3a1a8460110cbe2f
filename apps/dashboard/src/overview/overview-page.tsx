import { A, useSearchParams } from "@solidjs/router";
import { CLIENT_STATUSES, KPI_PERIODS, ORDER_STATUSES, type KpiBreakdown, type KpiPeriod } from "@confirma/domain";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import type { Kpis, KpiRow } from "../api/types.ts";
import { formatNumber, formatShortDay } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { touchesAnything } from "../live/change-bus.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { BreakdownTable, TABLE_BREAKDOWNS } from "./kpi-breakdown.tsx";
import { FunnelChart, RatesChart, TopReturnsChart } from "./kpi-charts.tsx";
import { durationText, FigureCard, k, rateText, RevenueList } from "./kpi-parts.tsx";
import "./overview-page.css";

type RateName = "confirmationRate" | "cancellationRate" | "noAnswerRate" | "deliveryRate" | "returnRate";
const RATE_CARDS: { id: RateName; better: "up" | "down" }[] = [
  { id: "confirmationRate", better: "up" },
  { id: "cancellationRate", better: "down" },
  { id: "noAnswerRate", better: "down" },
  { id: "deliveryRate", better: "up" },
  { id: "returnRate", better: "down" },
];

/** What the overview asks `stats.kpis` for (the breakdown added per query). */
type KpisInput = { period: KpiPeriod; from?: string; to?: string };

const isPeriod = (value: unknown): value is KpiPeriod => typeof value === "string" && (KPI_PERIODS as readonly string[]).includes(value);
const isDay = (value: unknown): value is string => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The overview: the period's KPIs against the previous period, the charts, the breakdowns, and the live status board. */
export function OverviewPage() {
  const [params, setParams] = useSearchParams<{ period?: string; from?: string; to?: string; by?: string }>();
  const period = (): KpiPeriod => (isPeriod(params.period) ? params.period : "7d");
  const by = (): KpiBreakdown => ((TABLE_BREAKDOWNS as readonly string[]).includes(params.by ?? "") ? (params.by as KpiBreakdown) : "store");
  const request = (): KpisInput | null => {
    if (period() !== "custom") return { period: period() };
    return isDay(params.from) && isDay(params.to) ? { period: "custom", from: params.from, to: params.to } : null;
  };
  const live = { live: () => touchesAnything };
  const kpis = createQuery(
    () => (request() ? { ...request(), by: "day" as const } : null),
    (input) => api.stats.kpis.query(input),
    live,
  );
  const products = createQuery(
    () => (request() ? { ...request(), by: "product" as const } : null),
    (input) => api.stats.kpis.query(input),
    live,
  );
  const breakdown = createQuery(
    () => (request() ? { ...request(), by: by() } : null),
    (input) => api.stats.kpis.query(input),
    live,
  );
  const board = createQuery(
    () => ({ days: 1 }),
    (input) => api.stats.overview.query(input),
    live,
  );

  const [from, setFrom] = createSignal(params.from ?? "");
  const [to, setTo] = createSignal(params.to ?? "");
  const choose = (next: KpiPeriod) => {
    if (next !== "custom") return setParams({ period: next, from: undefined, to: undefined }, { replace: true });
    const data = kpis.data();
    setFrom(params.from ?? data?.from ?? "");
    setTo(params.to ?? data?.to ?? "");
    setParams({ period: "custom", from: params.from ?? data?.from, to: params.to ?? data?.to }, { replace: true });
  };

  return (
    <section class="page" aria-labelledby="overview-title">
      <header class="page__header overview__header">
        <h1 id="overview-title">{t("overview.title")}</h1>
        <div class="segmented" role="group" aria-label={k("period.label")}>
          <For each={KPI_PERIODS}>
            {(option) => (
              <button type="button" class="segmented__option" aria-pressed={period() === option} onClick={() => choose(option)}>
                {k(`period.${option}`)}
              </button>
            )}
          </For>
        </div>
      </header>
      <Show when={period() === "custom"}>
        <form
          class="overview__custom"
          onSubmit={(event) => {
            event.preventDefault();
            if (isDay(from()) && isDay(to())) setParams({ period: "custom", from: from(), to: to() }, { replace: true });
          }}
        >
          <label class="field field--inline">
            <span class="field__label">{k("period.from")}</span>
            <input type="date" name="from" required value={from()} max={to() || undefined} onInput={(event) => setFrom(event.currentTarget.value)} />
          </label>
          <label class="field field--inline">
            <span class="field__label">{k("period.to")}</span>
            <input type="date" name="to" required value={to()} min={from() || undefined} onInput={(event) => setTo(event.currentTarget.value)} />
          </label>
          <button type="submit" class="button">
            {k("period.apply")}
          </button>
        </form>
      </Show>

      <Show when={kpis.data()} fallback={kpis.error() ? <ErrorState error={kpis.error()} retry={kpis.refetch} /> : <Loading />}>
        {(data) => <Figures data={data()} products={(products.data()?.breakdown ?? []) as KpiRow[]} />}
      </Show>

      <div class="card">
        <div class="card__header">
          <h2 class="card__title">{k("breakdown.title")}</h2>
          <div class="segmented" role="group" aria-label={k("breakdown.by")}>
            <For each={TABLE_BREAKDOWNS}>
              {(option) => (
                <button type="button" class="segmented__option" aria-pressed={by() === option} onClick={() => setParams({ by: option }, { replace: true })}>
                  {k(`breakdown.${option}`)}
                </button>
              )}
            </For>
          </div>
        </div>
        <Show when={breakdown.data()} fallback={breakdown.error() ? <ErrorState error={breakdown.error()} retry={breakdown.refetch} /> : <Loading />}>
          {(data) => <BreakdownTable by={data().by ?? by()} rows={data().breakdown} />}
        </Show>
      </div>

      <Show when={board.data()}>
        {(data) => (
          <div class="cards">
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
            <div class="card overview__board">
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
          </div>
        )}
      </Show>
    </section>
  );
}

/** The figure cards and the charts of one period. */
function Figures(props: { data: Kpis; products: KpiRow[] }) {
  const data = () => props.data;
  const days = () => (props.data.breakdown as KpiRow[]).length;
  const revenue = (figures: Kpis | Kpis["previous"], field: "confirmed" | "delivered") =>
    figures.revenue.map((line) => ({ currency: line.currency, amount: line[field] }));
  const revenueText = (figures: Kpis["previous"], field: "confirmed" | "delivered") =>
    figures.revenue.length
      ? revenue(figures, field)
          .map((line) => `${line.amount} ${line.currency}`)
          .join(" · ")
      : "—";
  return (
    <>
      <p class="muted small" data-testid="period-range">
        {k("period.range", { from: formatShortDay(data().from, locale()), to: formatShortDay(data().to, locale()), tz: data().tz, days: days() })}
      </p>
      <div class="cards kpi-cards">
        <FigureCard
          id="received"
          title={k("figure.received")}
          help={k("help.received")}
          value={formatNumber(data().received, locale())}
          current={data().received}
          previous={data().previous.received}
          previousText={formatNumber(data().previous.received, locale())}
        >
          <p class="muted small">
            {k("counts.detail", { confirmed: data().confirmed, cancelled: data().cancelled, noAnswer: data().noAnswer, pending: data().pending })}
          </p>
        </FigureCard>
        <For each={RATE_CARDS}>
          {(card) => (
            <FigureCard
              id={card.id}
              title={k(`figure.${card.id}`)}
              help={k(`help.${card.id}`)}
              value={rateText(data()[card.id])}
              current={data()[card.id]}
              previous={data().previous[card.id]}
              previousText={rateText(data().previous[card.id])}
              better={card.better}
            />
          )}
        </For>
        <For each={["confirmed", "delivered"] as const}>
          {(field) => (
            <FigureCard
              id={`revenue-${field}`}
              title={k(field === "confirmed" ? "figure.revenueConfirmed" : "figure.revenueDelivered")}
              help={k(field === "confirmed" ? "help.revenueConfirmed" : "help.revenueDelivered")}
              value=""
              current={null}
              previous={null}
              previousText={revenueText(data().previous, field)}
            >
              <RevenueList rows={revenue(data(), field)} />
            </FigureCard>
          )}
        </For>
        <FigureCard
          id="medianTimeToConfirm"
          title={k("figure.medianTimeToConfirm")}
          help={k("help.medianTimeToConfirm")}
          value={durationText(data().medianTimeToConfirmSeconds)}
          current={data().medianTimeToConfirmSeconds}
          previous={data().previous.medianTimeToConfirmSeconds}
          previousText={durationText(data().previous.medianTimeToConfirmSeconds)}
          better="down"
        />
      </div>
      <div class="kpi-charts">
        <FunnelChart counts={data()} />
        <RatesChart points={data().breakdown as KpiRow[]} from={data().from} to={data().to} />
        <TopReturnsChart rows={props.products} />
      </div>
    </>
  );
}
