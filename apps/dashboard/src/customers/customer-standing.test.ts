import { beforeAll, expect, test } from "bun:test";
import { EMPTY_HISTORY } from "@confirma/domain";
import { customerForDays, historyFigures, riskReasonTexts } from "./customer-standing.ts";
import { catalogues } from "../i18n/catalogues.ts";

// English is fetched on demand in the dashboard: these tests read it.
beforeAll(() => catalogues.load("en"));

test("risk reasons read in the UI language", () => {
  const risk = { level: "high" as const, reasons: [{ code: "returns" as const, level: "high" as const, count: 2, of: 3 }] };
  expect(riskReasonTexts(risk, "fr")).toEqual(["2 retours sur 3 livraisons"]);
  expect(riskReasonTexts(risk, "en")).toEqual(["2 returns out of 3 deliveries"]);
});

test("history figures and days as a customer", () => {
  const history = { ...EMPTY_HISTORY, orders: 3, returned: 1, firstOrderAt: "2026-11-01T00:00:00Z" };
  expect(historyFigures(history).map((figure) => figure.value)).toEqual([3, 0, 0, 0, 0, 1]);
  expect(customerForDays(history, new Date("2026-11-11T00:00:00Z"))).toBe(10);
  expect(customerForDays(EMPTY_HISTORY)).toBeNull();
});
