/** The KPI calls both KPI experiments time: each period and breakdown the overview can ask for. */
export const KPI_CASES = [
  ["today, totals", { period: "today" }],
  ["7d, totals", { period: "7d" }],
  ["30d, totals", { period: "30d" }],
  ["30d by day", { period: "30d", by: "day" }],
  ["90d, totals", { period: "90d" }],
  ["90d by day", { period: "90d", by: "day" }],
  ["90d by store", { period: "90d", by: "store" }],
  ["90d by hour (Asia/Kathmandu)", { period: "90d", by: "hour", tz: "Asia/Kathmandu" }],
  ["30d by product", { period: "30d", by: "product" }],
  ["90d by product", { period: "90d", by: "product" }],
  ["90d by city", { period: "90d", by: "city" }],
  ["90d by agent", { period: "90d", by: "agent" }],
] as const;
