import { expect, test } from "bun:test";
import { kpiInput, resolvePeriods } from "./kpi-period.ts";

const now = new Date("2026-03-01T23:30:00Z");

test.each([
  ["today", "UTC", { from: "2026-03-01", to: "2026-03-01" }, { from: "2026-02-28", to: "2026-02-28" }],
  // Already 2 March in Paris, still 1 March in Casablanca's winter (+1) … and in New York.
  ["today", "Europe/Paris", { from: "2026-03-02", to: "2026-03-02" }, { from: "2026-03-01", to: "2026-03-01" }],
  ["yesterday", "America/New_York", { from: "2026-02-28", to: "2026-02-28" }, { from: "2026-02-27", to: "2026-02-27" }],
  ["7d", "UTC", { from: "2026-02-23", to: "2026-03-01" }, { from: "2026-02-16", to: "2026-02-22" }],
  ["30d", "Asia/Kathmandu", { from: "2026-02-01", to: "2026-03-02" }, { from: "2026-01-02", to: "2026-01-31" }],
  ["90d", "UTC", { from: "2025-12-02", to: "2026-03-01" }, { from: "2025-09-03", to: "2025-12-01" }],
] as const)("%s in %s", (period, zone, current, previous) => {
  expect(resolvePeriods({ period }, now, zone)).toEqual({ period, current, previous });
});

test("a custom period and the one before it", () => {
  expect(resolvePeriods({ from: "2024-02-28", to: "2024-03-01" }, now, "UTC")).toEqual({
    period: "custom",
    current: { from: "2024-02-28", to: "2024-03-01" },
    previous: { from: "2024-02-25", to: "2024-02-27" },
  });
});

test.each([
  [{ tz: "Mars/Olympus" }, "tz"],
  [{ from: "2026-02-30", to: "2026-03-01" }, "from"],
  [{ from: "2026-03-02", to: "2026-03-01" }, "to"],
  [{ from: "2026-03-01" }, "to"],
  [{ period: "custom", to: "2026-03-01" }, "from"],
  [{ period: "7d", from: "2026-03-01", to: "2026-03-01" }, "from"],
  [{ from: "2024-01-01", to: "2025-12-31" }, "to"],
  [{ by: "colour" }, "by"],
] as const)("refuses %j", (input, path) => {
  const result = kpiInput.safeParse(input);
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.path.join(".")).toBe(path);
});
