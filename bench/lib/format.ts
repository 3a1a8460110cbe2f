/** Prints rows as an aligned text table (first row = header); the first column left-aligned, the others right. */
export function printTable(title: string, rows: (string | number)[][]): void {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  console.log(`\n${title}`);
  console.log(line(cells[0]!));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of cells.slice(1)) console.log(line(row));
}

export const ms = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
export const perSecond = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "n/a");
export const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : "n/a");
export const mb = (kb: number) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : "n/a");

export function verdict(met: boolean | undefined): string {
  return met === undefined ? "n/a" : met ? "met" : "NOT MET";
}

/** Other people's CPU during a run: `12% (chromium 8%, bun 3%)`, flagged when it disturbs the figures. */
export function describeOthers(percent: number, top: string[]): string {
  const flag = percent > 20 ? " DISTURBED" : "";
  return `${percent.toFixed(0)}%${top.length ? ` (${top.join(", ")})` : ""}${flag}`;
}
