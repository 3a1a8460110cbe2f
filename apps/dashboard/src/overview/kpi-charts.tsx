import { For, Show } from "solid-js";
import { formatNumber, formatShortDay } from "../format/format.ts";
import { locale } from "../i18n/locale.ts";
import { InfoTip, k, rateText } from "./kpi-parts.tsx";
import { funnelBars, rateLines, RATE_SERIES, topReturnRates, type FunnelCounts, type ProductReturn, type RatePoint } from "./kpi-view.ts";

const RATE_NAMES = { confirmationRate: "figure.confirmationRate", deliveryRate: "figure.deliveryRate", returnRate: "figure.returnRate" } as const;

/** Received → answered → confirmed → shipped → delivered, returned: horizontal bars, widths as shares of received. */
export function FunnelChart(props: { counts: FunnelCounts }) {
  return (
    <figure class="card kpi-chart" data-testid="funnel">
      <div class="kpi-card__head">
        <h2 class="card__title">{k("funnel.title")}</h2>
        <InfoTip text={k("funnel.help")} />
      </div>
      <ol class="funnel">
        <For each={funnelBars(props.counts)}>
          {(bar) => (
            <li class={`funnel__step funnel__step--${bar.step}`}>
              <span class="funnel__label">{k(`funnel.${bar.step}`)}</span>
              <span class="funnel__track" aria-hidden="true">
                <span class="funnel__bar" style={{ width: `${(bar.share * 100).toFixed(1)}%` }} />
              </span>
              <span class="funnel__value" data-testid={`funnel-${bar.step}`}>
                {formatNumber(bar.value, locale())}
              </span>
            </li>
          )}
        </For>
      </ol>
    </figure>
  );
}

/** Confirmation, delivery and return rates of each day's orders: three lines in an inline SVG. */
export function RatesChart(props: { points: RatePoint[]; from: string; to: string }) {
  const layout = () => rateLines(props.points);
  return (
    <figure class="card kpi-chart kpi-chart--wide">
      <div class="kpi-card__head">
        <h2 class="card__title">{k("rates.title")}</h2>
        <InfoTip text={k("rates.help")} />
      </div>
      <svg
        viewBox={`0 0 ${layout().width} ${layout().height}`}
        class="chart__svg"
        role="img"
        aria-label={k("rates.summary", { from: props.from, to: props.to })}
      >
        <For each={layout().ticks}>
          {(tick) => (
            <g class="chart__tick">
              <line x1={layout().plot.left} x2={layout().plot.right} y1={tick.y} y2={tick.y} />
              <text x={layout().plot.left - 6} y={tick.y + 4} text-anchor="end">
                {rateText(tick.value)}
              </text>
            </g>
          )}
        </For>
        <For each={layout().lines}>
          {(line) => (
            <g class={`rate-line rate-line--${line.series}`}>
              <For each={line.segments}>{(points) => <polyline points={points} fill="none" />}</For>
              <For each={line.dots}>
                {(dot) => (
                  <circle cx={dot.x} cy={dot.y} r="3">
                    <title>{`${dot.key ? formatShortDay(dot.key, locale()) : ""} · ${k(RATE_NAMES[line.series])} : ${rateText(dot.value)}`}</title>
                  </circle>
                )}
              </For>
            </g>
          )}
        </For>
        <For each={layout().labels}>
          {(label) => (
            <text class="chart__label" x={label.x} y={layout().height - 6} text-anchor="middle">
              {formatShortDay(label.key, locale())}
            </text>
          )}
        </For>
      </svg>
      <figcaption class="chart__legend">
        <For each={RATE_SERIES}>
          {(series) => (
            <span class="chart__key">
              <span class={`rate-swatch rate-swatch--${series}`} aria-hidden="true" />
              {k(RATE_NAMES[series])}
            </span>
          )}
        </For>
      </figcaption>
    </figure>
  );
}

const MIN_SHIPPED = 3;

/** The products whose parcels come back most, among those shipped often enough to tell. */
export function TopReturnsChart(props: { rows: ProductReturn[] }) {
  const top = () => topReturnRates(props.rows, { minShipped: MIN_SHIPPED });
  return (
    <figure class="card kpi-chart" data-testid="top-returns">
      <div class="kpi-card__head">
        <h2 class="card__title">{k("returns.title")}</h2>
        <InfoTip text={k("returns.help", { min: MIN_SHIPPED })} />
      </div>
      <Show when={top().length} fallback={<p class="muted small">{k("returns.empty")}</p>}>
        <ol class="funnel">
          <For each={top()}>
            {(row) => (
              <li class="funnel__step funnel__step--returned">
                <span class="funnel__label">{row.label ?? row.key}</span>
                <span class="funnel__track" aria-hidden="true">
                  <span class="funnel__bar" style={{ width: `${((row.returnRate ?? 0) * 100).toFixed(1)}%` }} />
                </span>
                <span class="funnel__value">
                  {rateText(row.returnRate)}{" "}
                  <span class="muted">
                    ({row.returned}/{row.shipped})
                  </span>
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </figure>
  );
}
