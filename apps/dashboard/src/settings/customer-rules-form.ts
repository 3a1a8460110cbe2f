import type { CountThresholds, DuplicateRules, RiskRules } from "@confirma/domain";

/** The risk rules and duplicate window as the form's text fields (ratios in percent; empty = level off). */
export interface CustomerRulesDraft {
  minParcels: string;
  mediumRatio: string;
  highRatio: string;
  cancellationsMedium: string;
  cancellationsHigh: string;
  noAnswersMedium: string;
  noAnswersHigh: string;
  duplicatesEnabled: boolean;
  windowHours: string;
}

const text = (value: number | null) => (value === null ? "" : String(value));
const percent = (value: number | null) => (value === null ? "" : String(Math.round(value * 100)));

export function toDraft(rules: { risk: RiskRules; duplicates: DuplicateRules }): CustomerRulesDraft {
  return {
    minParcels: text(rules.risk.returns.minParcels),
    mediumRatio: percent(rules.risk.returns.mediumRatio),
    highRatio: percent(rules.risk.returns.highRatio),
    cancellationsMedium: text(rules.risk.cancellations.medium),
    cancellationsHigh: text(rules.risk.cancellations.high),
    noAnswersMedium: text(rules.risk.noAnswers.medium),
    noAnswersHigh: text(rules.risk.noAnswers.high),
    duplicatesEnabled: rules.duplicates.enabled,
    windowHours: text(rules.duplicates.windowHours),
  };
}

const count = (value: string): number | null => (value.trim() === "" ? null : Number(value));

/** The draft as the server takes it; the server checks the bounds and says which field is wrong. */
export function fromDraft(draft: CustomerRulesDraft): { risk: RiskRules; duplicates: DuplicateRules } {
  const ratio = (value: string) => (value.trim() === "" ? null : Number(value) / 100);
  const thresholds = (medium: string, high: string): CountThresholds => ({ medium: count(medium), high: count(high) });
  return {
    risk: {
      returns: { minParcels: Number(draft.minParcels), mediumRatio: ratio(draft.mediumRatio), highRatio: ratio(draft.highRatio) },
      cancellations: thresholds(draft.cancellationsMedium, draft.cancellationsHigh),
      noAnswers: thresholds(draft.noAnswersMedium, draft.noAnswersHigh),
    },
    duplicates: { enabled: draft.duplicatesEnabled, windowHours: Number(draft.windowHours) },
  };
}
