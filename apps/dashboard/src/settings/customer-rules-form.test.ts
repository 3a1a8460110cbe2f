import { expect, test } from "bun:test";
import { DEFAULT_DUPLICATE_RULES, DEFAULT_RISK_RULES } from "@confirma/domain";
import { fromDraft, toDraft } from "./customer-rules-form.ts";

test("the rules survive the form, ratios shown in percent, an empty field turns a level off", () => {
  const rules = { risk: DEFAULT_RISK_RULES, duplicates: DEFAULT_DUPLICATE_RULES };
  const draft = toDraft(rules);
  expect(draft.highRatio).toBe("50");
  expect(fromDraft(draft)).toEqual(rules);
  expect(fromDraft({ ...draft, cancellationsHigh: " " }).risk.cancellations).toEqual({ medium: 2, high: null });
});
