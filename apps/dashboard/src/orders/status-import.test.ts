import { expect, test } from "bun:test";
import { importSummary, outcomeKey, rowsForReview, type StatusImportReport } from "./status-import.ts";

const report: StatusImportReport = {
  dryRun: true,
  counts: { applied: 2, unchanged: 1, not_found: 1, ambiguous: 0, invalid_status: 1, invalid_date: 0, invalid_transition: 1 },
  rows: [
    { line: 2, reference: "#74A1CE", status: "delivered", outcome: "applied", orderId: "o1", from: "confirmed", to: "delivered" },
    { line: 3, reference: "#000000", status: "delivered", outcome: "not_found" },
    { line: 4, reference: "1001", status: "returned", outcome: "applied", orderId: "o2", from: "shipped", to: "returned" },
    { line: 5, reference: "1002", status: null, outcome: "invalid_status" },
    { line: 6, reference: "1003", status: "shipped", outcome: "unchanged", orderId: "o3", from: "shipped", to: "shipped" },
    { line: 7, reference: "1004", status: "delivered", outcome: "invalid_transition", orderId: "o4", from: "pending" },
  ],
};

test("the summary counts what changes, what is already done, and the lines to check", () => {
  expect(importSummary(report)).toEqual({ applied: 2, unchanged: 1, problems: 3 });
});

test("a preview says a line will change; the report says it changed", () => {
  expect(outcomeKey(report.rows[0]!, true)).toBe("statusImport.outcome.willApply");
  expect(outcomeKey(report.rows[0]!, false)).toBe("statusImport.outcome.applied");
  expect(outcomeKey(report.rows[1]!, true)).toBe("statusImport.outcome.not_found");
});

test("lines to check come first, each group in file order", () => {
  expect(rowsForReview(report).map((row) => row.line)).toEqual([3, 5, 7, 2, 4, 6]);
});
