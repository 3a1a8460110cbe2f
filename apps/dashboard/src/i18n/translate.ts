import { catalogues } from "./catalogues.ts";
import { fr, type MessageKey, type Messages } from "./fr.ts";

export type { MessageKey, Messages };

export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

export type MessageParams = Record<string, string | number>;

/** Keys that have `.one` / `.other` plural forms, without the suffix. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The message for `key` in `locale`, with `{name}` placeholders filled from `params`. A language
 * whose catalogue has not arrived yet reads French; the UI never asks for one (`setLocale`
 * switches only once the catalogue is there).
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogues.loaded(locale)?.[key] ?? fr[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The plural form of `base` for `count` (`{count}` is filled, formatted for the locale). */
export function translatePlural(locale: Locale, base: PluralKey, count: number, params?: MessageParams): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const form = rules.select(count) === "one" ? "one" : "other";
  return translate(locale, `${base}.${form}` as MessageKey, { count: new Intl.NumberFormat(locale).format(count), ...params });
}

/** The language a first visit starts in: the saved choice, else French (the product's first language). */
export function initialLocale(saved: string | null | undefined): Locale {
  return isLocale(saved) ? saved : DEFAULT_LOCALE;
}
