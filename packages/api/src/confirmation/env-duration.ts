const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration as the environment variables spell it (`CONFIRM_TIMEOUT`, `CONFIRM_REMINDERS`,
 * `WATCHDOG_TIMEOUT`, …): `90s`, `2h`, `1h30m`, `2d`, `0s`, into milliseconds; null when it is not
 * one. Plain numbers are refused: a unit is always required, so `2` never means 2 ms by mistake.
 * (The dashboard's duration fields read the looser way people type: `duration-field.ts` there.)
 */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(value)) return null;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(amount) * UNITS[unit!]!;
  return Math.round(total);
}

/** `5400000` → `1h30m`: the shortest spelling `parseDuration` reads back. */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  let rest = ms;
  let text = "";
  for (const unit of ["d", "h", "m", "s", "ms"]) {
    const size = UNITS[unit]!;
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text;
}
