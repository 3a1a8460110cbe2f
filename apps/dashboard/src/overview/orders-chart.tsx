import { For } from "solid-js";
import type { Overview } from "../api/types.ts";
import { formatShortDay } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { layoutChart, SERIES } from "./chart-geometry.ts";

/** Orders per day as grouped bars (created, confirmed, cancelled): a small inline SVG. */
export function OrdersChart(props: { series: Overview["series"] }) {
  const layout = () => layoutChart(props.series);
  const sum = (name: (typeof SERIES)[number]) => props.series.reduce((total, day) => total + day[name], 0);
  const summary = () =>
    t("overview.chartSummary", { days: props.series.length, created: sum("created"), confirmed: sum("confirmed"), cancelled: sum("cancelled") });
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${layout().width} ${layout().height}`} role="img" aria-label={summary()} preserveAspectRatio="none" class="chart__svg">
        <For each={layout().ticks}>
          {(tick) => (
            <g class="chart__tick">
              <line x1={layout().plot.left} x2={layout().plot.right} y1={tick.y} y2={tick.y} />
              <text x={layout().plot.left - 6} y={tick.y + 4} text-anchor="end">
                {tick.value}
              </text>
            </g>
          )}
        </For>
        <For each={layout().bars}>
          {(bar) => (
            <rect class={`chart__bar chart__bar--${bar.series}`} x={bar.x} y={bar.y} width={Math.max(0, bar.width - 1)} height={bar.height} rx="1.5">
              <title>{t("overview.barTitle", { day: formatShortDay(bar.day, locale()), series: t(`overview.series.${bar.series}`), count: bar.value })}</title>
            </rect>
          )}
        </For>
        <For each={layout().labels}>
          {(label) => (
            <text class="chart__label" x={label.x} y={layout().height - 8} text-anchor="middle">
              {formatShortDay(label.day, locale())}
            </text>
          )}
        </For>
      </svg>
      <figcaption class="chart__legend">
        <For each={SERIES}>
          {(name) => (
            <span class="chart__key">
              <span class={`chart__swatch chart__swatch--${name}`} aria-hidden="true" />
              {t(`overview.series.${name}`)} ({sum(name)})
            </span>
          )}
        </For>
      </figcaption>
    </figure>
  );
}
