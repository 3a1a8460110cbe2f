import { daysSinceFirstOrder, describeRiskReason, type CustomerHistory, type CustomerRisk } from "@confirma/domain";
import type { Locale } from "../i18n/translate.ts";

/** The reasons of a risk level in the UI language: "2 retours sur 3 livraisons". */
export function riskReasonTexts(risk: CustomerRisk, locale: Locale): string[] {
  return risk.reasons.map((reason) => describeRiskReason(reason, locale));
}

/** The history's counts to show, in order, with their catalogue keys. */
export function historyFigures(history: CustomerHistory) {
  return [
    { key: "risk.orders", value: history.orders },
    { key: "risk.confirmed", value: history.confirmed },
    { key: "risk.cancelled", value: history.cancelled },
    { key: "risk.noAnswer", value: history.noAnswer },
    { key: "risk.delivered", value: history.delivered },
    { key: "risk.returned", value: history.returned },
  ] as const;
}

/** How long the customer has been ordering, in whole days (null without orders). */
export function customerForDays(history: CustomerHistory, now: Date = new Date()): number | null {
  return daysSinceFirstOrder(history, now);
}
