import { MESSAGE_LANGUAGES, type MessageLanguage } from "./confirmation-settings.ts";

/**
 * The language a customer is written to in, from what a shop knows of them. Messages exist in
 * `MESSAGE_LANGUAGES`; anything else gives null and the shop's own language is used.
 */

/** `fr`, `fr-MA`, `ar_MA`, `AR` → the message language, or null. */
export function languageOfLocale(locale: string | null | undefined): MessageLanguage | null {
  const primary = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && (MESSAGE_LANGUAGES as readonly string[]).includes(primary) ? (primary as MessageLanguage) : null;
}

/**
 * Countries where one of the message languages is the one customers expect to be written to.
 * Left out on purpose: the Maghreb (Morocco, Algeria, Tunisia, Mauritania), where shops write
 * in French or Arabic by choice (their own setting decides), and countries with several common
 * languages (Switzerland, Canada, Belgium's Flanders cannot be told from Wallonia by country).
 */
const COUNTRY_LANGUAGE: Readonly<Record<string, MessageLanguage>> = {
  ...Object.fromEntries(
    [
      "FR",
      "MC",
      "LU",
      "SN",
      "CI",
      "ML",
      "BF",
      "NE",
      "TG",
      "BJ",
      "GN",
      "CM",
      "GA",
      "CG",
      "CD",
      "CF",
      "TD",
      "MG",
      "DJ",
      "KM",
      "RE",
      "GP",
      "MQ",
      "GF",
      "YT",
      "NC",
      "PF",
    ].map((country) => [country, "fr"]),
  ),
  ...Object.fromEntries(["SA", "AE", "QA", "KW", "BH", "OM", "YE", "IQ", "JO", "SY", "LB", "PS", "EG", "LY", "SD"].map((country) => [country, "ar"])),
  ...Object.fromEntries(
    ["ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "GT", "CU", "BO", "DO", "HN", "PY", "SV", "NI", "CR", "PA", "UY", "GQ"].map((country) => [country, "es"]),
  ),
  ...Object.fromEntries(["GB", "IE", "US", "AU", "NZ", "NG", "GH", "KE", "ZA", "UG", "ZM", "ZW", "JM"].map((country) => [country, "en"])),
};

/** ISO 3166-1 alpha-2 country → the message language its customers expect, or null (the shop's language). */
export function languageOfCountry(country: string | null | undefined): MessageLanguage | null {
  return (country && COUNTRY_LANGUAGE[country.trim().toUpperCase()]) || null;
}
