import { describe, expect, test } from "bun:test";
import { customerRisk, daysSinceFirstOrder, DEFAULT_RISK_RULES, describeRiskReason, EMPTY_HISTORY, type CustomerHistory } from "./customer-risk.ts";

const history = (counts: Partial<CustomerHistory>): CustomerHistory => ({ ...EMPTY_HISTORY, ...counts });

describe("customerRisk", () => {
  const cases: [string, Partial<CustomerHistory>, string, string[]][] = [
    ["no orders", {}, "low", []],
    ["one return out of one parcel (below minParcels)", { delivered: 0, returned: 1 }, "low", []],
    ["one return out of four", { delivered: 3, returned: 1 }, "low", []],
    ["one return out of three (33 %)", { delivered: 2, returned: 1 }, "medium", ["returns"]],
    ["two returns out of three", { delivered: 1, returned: 2 }, "high", ["returns"]],
    ["two cancellations", { cancelled: 2 }, "medium", ["cancellations"]],
    ["four unanswered and a return in two", { noAnswer: 4, delivered: 1, returned: 1 }, "high", ["returns", "no_answers"]],
  ];
  for (const [name, counts, level, codes] of cases) {
    test(name, () => {
      const risk = customerRisk(history(counts), DEFAULT_RISK_RULES);
      expect(risk.level).toBe(level as never);
      expect(risk.reasons.map((reason) => reason.code)).toEqual(codes as never);
    });
  }

  test("a blocked number is high whatever its history; a level set to null never fires", () => {
    expect(customerRisk(EMPTY_HISTORY, DEFAULT_RISK_RULES, { reason: "fraude" })).toEqual({
      level: "high",
      reasons: [{ code: "blocked", level: "high", count: 1, note: "fraude" }],
    });
    const rules = { ...DEFAULT_RISK_RULES, cancellations: { medium: null, high: null } };
    expect(customerRisk(history({ cancelled: 10 }), rules).level).toBe("low");
  });

  test("reasons in words", () => {
    expect(describeRiskReason({ code: "returns", level: "high", count: 2, of: 3 }, "fr")).toBe("2 retours sur 3 livraisons");
    expect(describeRiskReason({ code: "returns", level: "medium", count: 1, of: 3 }, "en")).toBe("1 return out of 3 deliveries");
    expect(describeRiskReason({ code: "cancellations", level: "medium", count: 1 }, "fr")).toBe("1 commande annulée");
    expect(describeRiskReason({ code: "blocked", level: "high", count: 1, note: "fraude" }, "fr")).toBe("Numéro bloqué : fraude");
  });

  test("days since the first order", () => {
    expect(daysSinceFirstOrder({ firstOrderAt: null }, new Date())).toBeNull();
    expect(daysSinceFirstOrder({ firstOrderAt: "2026-11-01T10:00:00Z" }, new Date("2026-11-03T09:00:00Z"))).toBe(1);
  });
});
