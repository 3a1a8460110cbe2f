import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

export type NormalizeResult = { ok: true; e164: string } | { ok: false; reason: "empty" | "not_a_number" | "invalid" };

const JID_SUFFIX = /@(s\.whatsapp\.net|c\.us|whatsapp\.net)$/i;
const CHANNEL_PREFIX = /^(whatsapp|tel|wa):/i;

/** Arabic-Indic (٠–٩) and Eastern Arabic-Indic / Persian (۰–۹) digits: the first of each block is 0. */
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/g;
/** Direction marks and isolates that copying a number from Arabic text leaves around it. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Rewrites the digits and signs people type on Arabic, Persian and East Asian keyboards as
 * ASCII: `٠٦١٢` and `۰۶۱۲` and full-width `０６１２` → `0612`, `＋` → `+`, full-width spaces,
 * hyphens and brackets to their ASCII forms; drops direction marks. Other text is unchanged
 * apart from NFKC compatibility folding. Every typed or received number goes through it first.
 */
export function normalizePhoneCharacters(input: string): string {
  return input
    .normalize("NFKC")
    .replace(ARABIC_INDIC_DIGIT, (digit) => String(digit.charCodeAt(0) - (digit <= "\u0669" ? 0x0660 : 0x06f0)))
    .replace(BIDI_CONTROLS, "");
}

/** Strips transport decorations: `whatsapp:`, `tel:`, JID suffixes and device parts (`336…:12@s.whatsapp.net`). */
export function stripPhoneDecorations(input: string): string {
  let value = normalizePhoneCharacters(input).trim().replace(CHANNEL_PREFIX, "");
  if (JID_SUFFIX.test(value)) value = value.replace(JID_SUFFIX, "").replace(/:\d+$/, "");
  return value.trim();
}

/**
 * Normalises what a person typed into E.164, strictly: the number must be a valid number
 * for its region (`0612345678` in FR → `+33612345678`; `0033…` and `+33 6 12…` too).
 */
export function normalizePhoneNumber(input: string, defaultCountry: string = "FR"): NormalizeResult {
  const stripped = stripPhoneDecorations(input);
  // A JID always carries international digits without the "+".
  const value = JID_SUFFIX.test(normalizePhoneCharacters(input).trim()) && /^\d+$/.test(stripped) ? `+${stripped}` : stripped;
  if (value === "") return { ok: false, reason: "empty" };
  if (!/^[+\d][\d\s().\-/]*$/.test(value)) return { ok: false, reason: "not_a_number" };
  const compact = value.replace(/[\s().\-/]/g, "");
  const international = compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
  const parsed = parsePhoneNumberFromString(international, defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: "invalid" };
  return { ok: true, e164: parsed.number };
}

/**
 * Normalises a number that a WhatsApp provider gave us. Providers send international digits
 * without `+` (`33612345678`, `33612345678@s.whatsapp.net`); such a number is trusted even when
 * strict validation fails (documented sample numbers often do), so no message is ever dropped.
 * Returns null only when there are no digits to speak of.
 */
export function normalizeProviderPhone(input: string, defaultCountry: string = "FR"): string | null {
  const value = stripPhoneDecorations(input);
  const digits = value.replace(/\D/g, "");
  if (digits.length < 6 || digits.length > 15) return null;
  const strict = normalizePhoneNumber(value.startsWith("+") || value.startsWith("00") ? value : `+${digits}`, defaultCountry);
  if (strict.ok) return strict.e164;
  if (value.startsWith("0") && !value.startsWith("00")) {
    const national = normalizePhoneNumber(value, defaultCountry);
    if (national.ok) return national.e164;
  }
  return `+${value.startsWith("00") ? digits.slice(2) : digits}`;
}

/** True when libphonenumber knows the region (used to validate DEFAULT_COUNTRY). */
export function isKnownCountry(country: string): boolean {
  return isSupportedCountry(country);
}

/** The country an E.164 number belongs to (`+212…` → `MA`), or null when it cannot be told. */
export function countryOfPhone(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

/** The international prefix of a country's numbers (`MA` → `+212`), or null for a code libphonenumber does not know. */
export function countryPhonePrefix(country: string): string | null {
  return isSupportedCountry(country) ? `+${getCountryCallingCode(country as CountryCode)}` : null;
}
