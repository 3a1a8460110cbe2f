import type { Locale } from "../i18n/translate.ts";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Unit words people type, French and English, without accents. */
const UNITS: Record<string, number> = {
  s: SECOND,
  sec: SECOND,
  secs: SECOND,
  seconde: SECOND,
  secondes: SECOND,
  second: SECOND,
  seconds: SECOND,
  m: MINUTE,
  mn: MINUTE,
  min: MINUTE,
  mins: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  h: HOUR,
  hr: HOUR,
  hrs: HOUR,
  heure: HOUR,
  heures: HOUR,
  hour: HOUR,
  hours: HOUR,
  j: DAY,
  jour: DAY,
  jours: DAY,
  d: DAY,
  day: DAY,
  days: DAY,
};

/**
 * Reads a duration field as a person writes it: "2 h", "30 min", "1 h 30", "1h30", "1,5 h", "2 jours",
 * "3 days", "45 s", "0". Returns milliseconds, or null when it is not a duration. A bare number
 * other than 0 is refused: "2" could mean minutes or hours.
 */
export function parseHumanDuration(text: string): number | null {
  const value = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\b(et|and)\b/g, " ")
    .trim();
  if (value === "") return null;
  if (/^0+([.,]0*)?$/.test(value)) return 0;
  const parts = [...value.matchAll(/(\d+(?:[.,]\d+)?)\s*([a-z]*)/g)];
  // Everything must be number+unit pairs (spaces between are fine).
  if (
    parts
      .map((part) => part[0])
      .join("")
      .replace(/\s/g, "") !== value.replace(/\s/g, "")
  )
    return null;
  let total = 0;
  let previousUnit: number | null = null;
  for (const [, amount, word] of parts) {
    let unit = word ? UNITS[word] : undefined;
    // "1 h 30" / "1h30": a trailing bare number after hours means minutes.
    if (!word && previousUnit === HOUR) unit = MINUTE;
    if (unit === undefined) return null;
    total += Number(amount!.replace(",", ".")) * unit;
    previousUnit = unit;
  }
  return Number.isFinite(total) ? Math.round(total) : null;
}

const LABELS: Record<Locale, { d: string; h: string; min: string; s: string }> = {
  fr: { d: "j", h: "h", min: "min", s: "s" },
  en: { d: "d", h: "h", min: "min", s: "s" },
};

/** 5 400 000 → "1 h 30 min"; 172 800 000 → "2 j" (fr) / "2 d" (en); 0 → "0 min". Reads back with `parseHumanDuration`. */
export function formatHumanDuration(ms: number, locale: Locale): string {
  const labels = LABELS[locale];
  if (ms <= 0) return `0 ${labels.min}`;
  let rest = Math.round(ms);
  const parts: string[] = [];
  for (const [size, label] of [
    [DAY, labels.d],
    [HOUR, labels.h],
    [MINUTE, labels.min],
    [SECOND, labels.s],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${label}`);
      rest %= size;
    }
  }
  return parts.length ? parts.join(" ") : `${ms} ms`;
}
