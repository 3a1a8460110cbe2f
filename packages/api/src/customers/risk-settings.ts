import { settings as settingsTable, type Executor } from "@confirma/db";
import { DEFAULT_DUPLICATE_RULES, DEFAULT_RISK_RULES, RISK_LIMITS, type DuplicateRules, type RiskRules } from "@confirma/domain";
import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";

// The shop's risk rules and duplicate window (settings rows `risk` and `duplicates`). The limits
// and defaults live in @confirma/domain, which the dashboard's form reads too.

const count = z.number().int().min(RISK_LIMITS.count.min).max(RISK_LIMITS.count.max).nullable();
const ratio = z.number().min(RISK_LIMITS.ratio.min).max(RISK_LIMITS.ratio.max).nullable();
const thresholds = z
  .strictObject({ medium: count, high: count })
  .refine((value) => value.medium === null || value.high === null || value.medium <= value.high, { message: "medium must not exceed high", path: ["medium"] });

export const riskRulesSchema = z.strictObject({
  returns: z
    .strictObject({ minParcels: z.number().int().min(RISK_LIMITS.minParcels.min).max(RISK_LIMITS.minParcels.max), mediumRatio: ratio, highRatio: ratio })
    .refine((value) => value.mediumRatio === null || value.highRatio === null || value.mediumRatio <= value.highRatio, {
      message: "mediumRatio must not exceed highRatio",
      path: ["mediumRatio"],
    }),
  cancellations: thresholds,
  noAnswers: thresholds,
}) satisfies z.ZodType<RiskRules>;

export const duplicateRulesSchema = z.strictObject({
  enabled: z.boolean(),
  windowHours: z.number().int().min(RISK_LIMITS.windowHours.min).max(RISK_LIMITS.windowHours.max),
}) satisfies z.ZodType<DuplicateRules>;

export const customerRulesSchema = z.strictObject({ risk: riskRulesSchema, duplicates: duplicateRulesSchema });
export type CustomerRules = z.infer<typeof customerRulesSchema>;

/** The rules in force: the built-in defaults with the dashboard's changes on top. */
export async function loadCustomerRules(tx: Executor): Promise<CustomerRules> {
  const rows = await tx
    .select({ key: settingsTable.key, value: settingsTable.value })
    .from(settingsTable)
    .where(inArray(settingsTable.key, ["risk", "duplicates"]));
  const byKey = new Map(rows.map((row) => [row.key, row.value]));
  const risk = riskRulesSchema.safeParse(byKey.get("risk"));
  const duplicates = duplicateRulesSchema.safeParse(byKey.get("duplicates"));
  return { risk: risk.success ? risk.data : DEFAULT_RISK_RULES, duplicates: duplicates.success ? duplicates.data : DEFAULT_DUPLICATE_RULES };
}

/** Saves both rule sets (an admin's change, audited). */
export async function saveCustomerRules(tx: Executor, value: CustomerRules, userId: string): Promise<void> {
  for (const key of ["risk", "duplicates"] as const) {
    await tx
      .insert(settingsTable)
      .values({ key, value: value[key], updatedBy: userId })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value: value[key], updatedBy: userId, updatedAt: sql`now()` } });
  }
  await recordAudit(tx, { type: "user", id: userId }, "settings.updated", "risk", value);
}
