import type { RouterOutputs } from "../api/types.ts";
import type { MessageKey } from "../i18n/translate.ts";

export type StatusImportReport = RouterOutputs["orders"]["importStatuses"];
export type StatusImportRow = StatusImportReport["rows"][number];

/** The largest file the server takes (its body limit is 1 MiB, JSON escaping included). */
export const MAX_IMPORT_BYTES = 1_000_000;

/** What the report's counts say, for its one summary line. */
export function importSummary(report: StatusImportReport): { applied: number; unchanged: number; problems: number } {
  const { applied, unchanged, ...rest } = report.counts;
  return { applied, unchanged, problems: Object.values(rest).reduce((sum, count) => sum + count, 0) };
}

/** A line's result in words: in a preview, an applicable line "will change". */
export function outcomeKey(row: StatusImportRow, dryRun: boolean): MessageKey {
  if (row.outcome === "applied" && dryRun) return "statusImport.outcome.willApply";
  return `statusImport.outcome.${row.outcome}`;
}

/** Lines that need a look first, then the others, each group in file order. */
export function rowsForReview(report: StatusImportReport): StatusImportRow[] {
  const problem = (row: StatusImportRow) => row.outcome !== "applied" && row.outcome !== "unchanged";
  return [...report.rows.filter(problem), ...report.rows.filter((row) => !problem(row))];
}
