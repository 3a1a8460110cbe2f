import type { Locale } from "../i18n/translate.ts";

/** The Intl locale each UI language formats numbers and dates with. */
export const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = cache.get(key) as T | undefined;
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

/** 109.97 EUR in French → "109,97 €". */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  try {
    return cached(`money:${locale}:${currency}`, () => new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency })).format(amount);
  } catch {
    return `${formatNumber(amount, locale)} ${currency}`;
  }
}

export function formatNumber(value: number, locale: Locale): string {
  return cached(`number:${locale}`, () => new Intl.NumberFormat(INTL_LOCALE[locale])).format(value);
}

/** 0.873 → "87 %" (fr) / "87%" (en). */
export function formatPercent(ratio: number, locale: Locale): string {
  return cached(`percent:${locale}`, () => new Intl.NumberFormat(INTL_LOCALE[locale], { style: "percent", maximumFractionDigits: 0 })).format(ratio);
}

function asDate(value: string | Date): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** "25 nov. 2025, 17:33" */
export function formatDateTime(value: string | Date, locale: Locale, timeZone?: string): string {
  return cached(
    `datetime:${locale}:${timeZone ?? ""}`,
    () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) }),
  ).format(asDate(value));
}

/** "17:33" */
export function formatTime(value: string | Date, locale: Locale, timeZone?: string): string {
  return cached(
    `time:${locale}:${timeZone ?? ""}`,
    () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeStyle: "short", ...(timeZone ? { timeZone } : {}) }),
  ).format(asDate(value));
}

/** "25 nov. 2025" */
export function formatDate(value: string | Date, locale: Locale, timeZone?: string): string {
  return cached(
    `date:${locale}:${timeZone ?? ""}`,
    () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", ...(timeZone ? { timeZone } : {}) }),
  ).format(asDate(value));
}

/** A calendar day `2025-11-25` (no time zone shift) → "25 nov." */
export function formatShortDay(day: string, locale: Locale): string {
  const [year, month, date] = day.split("-").map(Number);
  return cached(`shortday:${locale}`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: "numeric", month: "short", timeZone: "UTC" })).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1)),
  );
}

/** An order's short number, as the customer's WhatsApp messages show it (`#4F2A9C`). */
export function orderNumber(id: string): string {
  return `#${id.slice(-6).toUpperCase()}`;
}
