import { createUniqueId, For, Show, type JSX } from "solid-js";
import { formatNumber, formatPercent } from "../format/format.ts";
import { locale } from "../i18n/locale.ts";
import { kpiText, type KpiMessageKey } from "./kpi-messages.ts";
import { durationParts, trend } from "./kpi-view.ts";

/** A text of the overview in the current language (reactive). */
export const k = (key: KpiMessageKey, params?: Record<string, string | number>) => kpiText(locale(), key, params);

/** A definition shown on hover and keyboard focus, and read by screen readers with its button. */
export function InfoTip(props: { text: string }) {
  const id = createUniqueId();
  return (
    <span class="info-tip">
      <button type="button" class="info-tip__button" aria-label={k("definition")} aria-describedby={id}>
        ?
      </button>
      <span role="tooltip" id={id} class="info-tip__text">
        {props.text}
      </span>
    </span>
  );
}

export const rateText = (value: number | null) => (value === null ? "—" : formatPercent(value, locale()));

export function durationText(seconds: number | null): string {
  if (seconds === null) return "—";
  const { unit, n } = durationParts(seconds);
  return k(`duration.${unit}`, { n: formatNumber(n, locale()) });
}

/** An exact decimal amount (`"1234.50"`) in its currency, without passing through a float. */
export function moneyText(amount: string, currency: string): string {
  try {
    const format = new Intl.NumberFormat(locale() === "fr" ? "fr-FR" : "en-GB", { style: "currency", currency });
    return format.format(amount as unknown as number);
  } catch {
    return `${amount} ${currency}`;
  }
}

/**
 * One figure: its value, the previous period's, and its definition. `better` says which way is
 * good news (a falling return rate is), so the arrow is coloured for the merchant, not the maths.
 */
export function FigureCard(props: {
  id: string;
  title: string;
  help: string;
  value: string;
  current: number | null;
  previous: number | null;
  previousText: string;
  better?: "up" | "down";
  children?: JSX.Element;
}) {
  const direction = () => trend(props.current, props.previous);
  const tone = () => {
    const move = direction();
    if (!move || move === "same" || !props.better) return "neutral";
    return move === props.better ? "good" : "bad";
  };
  return (
    <div class="card card--stat kpi-card" data-testid={`kpi-${props.id}`}>
      <div class="kpi-card__head">
        <h2 class="card__title">{props.title}</h2>
        <InfoTip text={props.help} />
      </div>
      <Show when={props.value}>
        <p class="stat stat--big" data-testid={`kpi-${props.id}-value`}>
          {props.value}
        </p>
      </Show>
      {props.children}
      <p class={`small kpi-compare kpi-compare--${tone()}`} data-testid={`kpi-${props.id}-previous`}>
        <Show when={direction()}>{(move) => <span aria-hidden="true">{move() === "up" ? "▲ " : move() === "down" ? "▼ " : "= "}</span>}</Show>
        {props.previous === null && props.previousText === "—" ? k("compare.none") : k("compare.previous", { value: props.previousText })}
      </p>
    </div>
  );
}

/** Revenue lines, one per currency. */
export function RevenueList(props: { rows: { currency: string; amount: string }[] }) {
  return (
    <Show when={props.rows.length} fallback={<p class="stat stat--big">—</p>}>
      <ul class="kpi-revenue">
        <For each={props.rows}>{(row) => <li class="stat">{moneyText(row.amount, row.currency)}</li>}</For>
      </ul>
    </Show>
  );
}
