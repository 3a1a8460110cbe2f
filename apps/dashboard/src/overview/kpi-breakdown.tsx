import type { AgentRow, KpiRow } from "../api/types.ts";
import { CALL_OUTCOMES, type KpiBreakdown } from "@confirma/domain";
import { For, Show } from "solid-js";
import { formatNumber, formatShortDay } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { InfoTip, k, moneyText, rateText } from "./kpi-parts.tsx";
import "../ui/table.css";

export const TABLE_BREAKDOWNS = ["store", "product", "city", "agent", "hour"] as const satisfies readonly KpiBreakdown[];

function labelOf(by: KpiBreakdown, row: { key: string | null; label: string | null }): string {
  if (row.key === null) return k("breakdown.none");
  if (by === "hour") return `${row.key.padStart(2, "0")} h`;
  if (by === "day") return formatShortDay(row.key, locale());
  return row.label ?? row.key;
}

/** The period's figures per store, product, city, agent or hour of day. */
export function BreakdownTable(props: { by: KpiBreakdown; rows: KpiRow[] | AgentRow[] }) {
  const figures = () => (props.rows as KpiRow[]).filter((row) => props.by === "hour" || row.received > 0);
  return (
    <Show
      when={props.by !== "agent"}
      fallback={
        <Show when={props.rows.length} fallback={<p class="muted">{k("breakdown.empty")}</p>}>
          <p class="muted small">{k("breakdown.agentHelp")}</p>
          <div class="table-wrap">
            <table class="table" data-testid="breakdown">
              <thead>
                <tr>
                  <th scope="col">{k("breakdown.agent")}</th>
                  <th scope="col">{k("breakdown.calls")}</th>
                  <For each={CALL_OUTCOMES}>{(outcome) => <th scope="col">{t(`calls.outcome.${outcome}`)}</th>}</For>
                  <th scope="col">{k("figure.confirmationRate")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.rows as AgentRow[]}>
                  {(row) => (
                    <tr>
                      <th scope="row">{labelOf("agent", row)}</th>
                      <td>{formatNumber(row.calls, locale())}</td>
                      <For each={CALL_OUTCOMES}>{(outcome) => <td>{formatNumber(row.outcomes[outcome], locale())}</td>}</For>
                      <td>{rateText(row.confirmationRate)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      }
    >
      <Show when={figures().length} fallback={<p class="muted">{k("breakdown.empty")}</p>}>
        <div class="table-wrap">
          <table class="table" data-testid="breakdown">
            <thead>
              <tr>
                <th scope="col">{k(`breakdown.${props.by}`)}</th>
                <th scope="col">{k("figure.received")}</th>
                <th scope="col">{k("figure.confirmationRate")}</th>
                <th scope="col">{k("figure.cancellationRate")}</th>
                <th scope="col">{k("figure.noAnswerRate")}</th>
                <th scope="col">{k("figure.deliveryRate")}</th>
                <th scope="col">{k("figure.returnRate")}</th>
                <th scope="col">
                  {k("figure.revenueConfirmed")} <InfoTip text={k("help.revenueConfirmed")} />
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={figures()}>
                {(row) => (
                  <tr>
                    <th scope="row">{labelOf(props.by, row)}</th>
                    <td>{formatNumber(row.received, locale())}</td>
                    <td>{rateText(row.confirmationRate)}</td>
                    <td>{rateText(row.cancellationRate)}</td>
                    <td>{rateText(row.noAnswerRate)}</td>
                    <td>{rateText(row.deliveryRate)}</td>
                    <td>{rateText(row.returnRate)}</td>
                    <td>{row.revenue.map((line) => moneyText(line.confirmed, line.currency)).join(" · ") || "—"}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </Show>
  );
}
