/**
 * A customer's history and the explainable risk level computed from it: plain counts compared
 * with thresholds the shop sets (settings `risk`), each rule that fires giving a reason with its
 * numbers ("2 retours sur 3 livraisons"). The server computes it; the dashboard words it.
 */

export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Why a customer is not `low`: a blocked number, returned parcels, cancellations, unanswered requests. */
export const RISK_REASON_CODES = ["blocked", "returns", "cancellations", "no_answers"] as const;
export type RiskReasonCode = (typeof RISK_REASON_CODES)[number];

/**
 * A customer's orders by outcome. `confirmed` counts every order the customer confirmed (also
 * those shipped, delivered or returned since); `noAnswer` the orders left without an answer.
 */
export interface CustomerHistory {
  orders: number;
  confirmed: number;
  cancelled: number;
  noAnswer: number;
  delivered: number;
  returned: number;
  /** The first order's creation (ISO 8601), null without orders. */
  firstOrderAt: string | null;
}

/** One rule that fired: its level and the numbers it compared (`count` of `of`). */
export interface RiskReason {
  code: RiskReasonCode;
  level: Exclude<RiskLevel, "low">;
  count: number;
  /** For returns: the parcels that reached an end (delivered + returned). */
  of?: number;
  /** The number's block reason, for `blocked`. */
  note?: string;
}

export interface CustomerRisk {
  level: RiskLevel;
  reasons: RiskReason[];
}

/** A count threshold per level; null turns the level off. */
export interface CountThresholds {
  medium: number | null;
  high: number | null;
}

/** The shop's rules (settings `risk`). */
export interface RiskRules {
  /** Returned ÷ (delivered + returned), once at least `minParcels` parcels reached an end. */
  returns: { minParcels: number; mediumRatio: number | null; highRatio: number | null };
  cancellations: CountThresholds;
  noAnswers: CountThresholds;
}

/** How duplicates are looked for (settings `duplicates`). */
export interface DuplicateRules {
  enabled: boolean;
  /** Orders of the same customer with a common item created this close together are likely duplicates. */
  windowHours: number;
}

export const DEFAULT_RISK_RULES: RiskRules = {
  returns: { minParcels: 2, mediumRatio: 0.3, highRatio: 0.5 },
  cancellations: { medium: 2, high: 4 },
  noAnswers: { medium: 2, high: 4 },
};

export const DEFAULT_DUPLICATE_RULES: DuplicateRules = { enabled: true, windowHours: 24 };

/** Inclusive bounds of the settings. */
export const RISK_LIMITS = {
  count: { min: 1, max: 1000 },
  ratio: { min: 0.01, max: 1 },
  minParcels: { min: 1, max: 1000 },
  windowHours: { min: 1, max: 24 * 30 },
} as const;

export const EMPTY_HISTORY: CustomerHistory = { orders: 0, confirmed: 0, cancelled: 0, noAnswer: 0, delivered: 0, returned: 0, firstOrderAt: null };

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

function countLevel(count: number, thresholds: CountThresholds): RiskReason["level"] | null {
  if (thresholds.high !== null && count >= thresholds.high) return "high";
  if (thresholds.medium !== null && count >= thresholds.medium) return "medium";
  return null;
}

/**
 * The risk level: the highest level of the rules that fire, with one reason per rule. A blocked
 * number is `high` whatever its history.
 *
 * @example customerRisk({ ...EMPTY_HISTORY, orders: 3, delivered: 1, returned: 2 }, DEFAULT_RISK_RULES)
 *   // → { level: "high", reasons: [{ code: "returns", level: "high", count: 2, of: 3 }] }
 */
export function customerRisk(history: CustomerHistory, rules: RiskRules, blocked: { reason: string } | null = null): CustomerRisk {
  const reasons: RiskReason[] = [];
  if (blocked) reasons.push({ code: "blocked", level: "high", count: 1, note: blocked.reason });
  const parcels = history.delivered + history.returned;
  if (history.returned > 0 && parcels >= rules.returns.minParcels) {
    const ratio = history.returned / parcels;
    const { highRatio, mediumRatio } = rules.returns;
    const level = highRatio !== null && ratio >= highRatio ? "high" : mediumRatio !== null && ratio >= mediumRatio ? "medium" : null;
    if (level) reasons.push({ code: "returns", level, count: history.returned, of: parcels });
  }
  const cancelled = countLevel(history.cancelled, rules.cancellations);
  if (cancelled) reasons.push({ code: "cancellations", level: cancelled, count: history.cancelled });
  const unanswered = countLevel(history.noAnswer, rules.noAnswers);
  if (unanswered) reasons.push({ code: "no_answers", level: unanswered, count: history.noAnswer });
  const level = reasons.reduce<RiskLevel>((highest, reason) => (RANK[reason.level] > RANK[highest] ? reason.level : highest), "low");
  return { level, reasons };
}

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

/** A reason in words, French or English: "2 retours sur 3 livraisons". */
export function describeRiskReason(reason: RiskReason, language: "fr" | "en" = "en"): string {
  const fr = language === "fr";
  switch (reason.code) {
    case "blocked":
      if (!reason.note) return fr ? "Numéro bloqué" : "Blocked number";
      return fr ? `Numéro bloqué : ${reason.note}` : `Blocked number: ${reason.note}`;
    case "returns":
      return fr
        ? `${plural(reason.count, "retour", "retours")} sur ${plural(reason.of ?? 0, "livraison", "livraisons")}`
        : `${plural(reason.count, "return", "returns")} out of ${plural(reason.of ?? 0, "delivery", "deliveries")}`;
    case "cancellations":
      return fr ? `${plural(reason.count, "commande annulée", "commandes annulées")}` : `${plural(reason.count, "cancelled order", "cancelled orders")}`;
    case "no_answers":
      return fr
        ? `${plural(reason.count, "commande sans réponse", "commandes sans réponse")}`
        : `${plural(reason.count, "unanswered order", "unanswered orders")}`;
  }
}

/** Whole days since the first order at `now` (0 the same day), null without orders. */
export function daysSinceFirstOrder(history: Pick<CustomerHistory, "firstOrderAt">, now: Date): number | null {
  if (!history.firstOrderAt) return null;
  return Math.max(0, Math.floor((now.getTime() - new Date(history.firstOrderAt).getTime()) / 86_400_000));
}
