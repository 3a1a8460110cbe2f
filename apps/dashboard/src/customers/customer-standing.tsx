import type { CustomerHistory, CustomerRisk } from "@confirma/domain";
import { For, Show } from "solid-js";
import { locale, t, tp } from "../i18n/locale.ts";
import { customerForDays, historyFigures, riskReasonTexts } from "./customer-standing.ts";
import "./customer-standing.css";

/** The risk level as a badge, its reasons in a tooltip (and for screen readers). */
export function RiskBadge(props: { risk: CustomerRisk | undefined }) {
  return (
    <Show when={props.risk}>
      {(risk) => (
        <span
          class={`badge risk-badge--${risk().level}`}
          data-testid="risk-badge"
          data-risk={risk().level}
          title={riskReasonTexts(risk(), locale()).join(" · ") || t("risk.noReason")}
        >
          {t(`risk.level.${risk().level}`)}
          <Show when={risk().reasons.length > 0}>
            <span class="visually-hidden">: {riskReasonTexts(risk(), locale()).join(", ")}</span>
          </Show>
        </span>
      )}
    </Show>
  );
}

/**
 * The customer's past orders by outcome, how long they have been ordering, and the risk level with
 * its reasons. `compact` (a call card, which has its own one-line past orders): the level, the
 * reasons and the time since the first order, without the figures.
 */
export function CustomerStanding(props: { history: CustomerHistory | undefined; risk: CustomerRisk | undefined; compact?: boolean }) {
  const days = () => (props.history ? customerForDays(props.history) : null);
  return (
    <div class="customer-standing" data-testid="customer-standing">
      <p class="customer-standing__head">
        <RiskBadge risk={props.risk} />{" "}
        <Show when={days() !== null} fallback={<span class="muted small">{t("risk.newCustomer")}</span>}>
          <span class="muted small">
            {t("risk.firstOrder")} {days() === 0 ? t("risk.firstOrderToday") : tp("risk.firstOrderDays", days()!)}
          </span>
        </Show>
      </p>
      <Show when={props.risk && props.risk.reasons.length > 0}>
        <ul class="risk-reasons" data-testid="risk-reasons">
          <For each={riskReasonTexts(props.risk!, locale())}>{(text) => <li>{text}</li>}</For>
        </ul>
      </Show>
      <Show when={!props.compact && props.history}>
        {(history) => (
          <dl class="customer-standing__figures">
            <For each={historyFigures(history())}>
              {(figure) => (
                <div>
                  <dt>{t(figure.key)}</dt>
                  <dd>{figure.value}</dd>
                </div>
              )}
            </For>
          </dl>
        )}
      </Show>
    </div>
  );
}
