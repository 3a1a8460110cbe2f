import { describe, expect, test } from "bun:test";
import { isKnownCountry, normalizePhoneCharacters, normalizePhoneNumber, normalizeProviderPhone } from "./phone-number.ts";

describe("normalizePhoneNumber", () => {
  test.each([
    "+33612345678",
    "+33 6 12 34 56 78",
    "0612345678",
    "06 12 34 56 78",
    "06.12.34.56.78",
    "0033612345678",
    "33612345678@s.whatsapp.net",
    "whatsapp:+33612345678",
    "33612345678@c.us",
  ])("%s is +33612345678", (input) => {
    expect(normalizePhoneNumber(input, "FR")).toEqual({ ok: true, e164: "+33612345678" });
  });

  test.each([
    // Arabic-Indic digits, as typed on Moroccan and Algerian phones.
    ["٠٦١٢٣٤٥٦٧٨", "MA", "+212612345678"],
    ["٠٦ ١٢ ٣٤ ٥٦ ٧٨", "MA", "+212612345678"],
    ["+٢١٢٦١٢٣٤٥٦٧٨", "FR", "+212612345678"],
    ["٠٠٢١٢٦١٢٣٤٥٦٧٨", "FR", "+212612345678"],
    ["٠٥٥٥١٢٣٤٥٦", "DZ", "+213555123456"],
    // Eastern Arabic-Indic (Persian, Urdu) digits.
    ["۰۶۱۲۳۴۵۶۷۸", "MA", "+212612345678"],
    ["۰۶۱۲۳۴۵۶۷۸", "FR", "+33612345678"],
    // Full-width digits and signs (Japanese, Chinese keyboards).
    ["０６１２３４５６７８", "FR", "+33612345678"],
    ["＋３３　６　１２　３４　５６　７８", "FR", "+33612345678"],
    ["０６－１２－３４－５６－７８", "FR", "+33612345678"],
    // Mixed, with the direction marks copying from Arabic text leaves behind.
    ["\u200f+212 ٦١٢-34-٥٦٧٨\u200e", "FR", "+212612345678"],
    ["\u2066٠٦١٢٣٤٥٦٧٨\u2069", "MA", "+212612345678"],
  ])("%s (%s) is %s", (input, country, e164) => {
    expect(normalizePhoneNumber(input, country)).toEqual({ ok: true, e164 });
  });

  test("other scripts' digits are still not a number", () => {
    // Devanagari digits are no digits a customer of ours types: refused, not guessed.
    expect(normalizePhoneNumber("०६१२३४५६७८", "FR")).toEqual({ ok: false, reason: "not_a_number" });
  });

  test("national numbers follow the default country", () => {
    expect(normalizePhoneNumber("0612345678", "MA")).toEqual({ ok: true, e164: "+212612345678" });
  });

  test.each([
    ["", "empty"],
    ["   ", "empty"],
    ["hello", "not_a_number"],
    ["+33 6 12", "invalid"],
    ["123", "invalid"],
  ] as const)("%p is refused (%s)", (input, reason) => {
    expect(normalizePhoneNumber(input, "FR")).toEqual({ ok: false, reason });
  });
});

describe("normalizeProviderPhone", () => {
  test.each([
    ["33612345678@s.whatsapp.net", "+33612345678"],
    ["33612345678:17@s.whatsapp.net", "+33612345678"],
    ["whatsapp:+33612345678", "+33612345678"],
    ["33612345678", "+33612345678"],
    ["+33612345678", "+33612345678"],
    ["0612345678", "+33612345678"],
    // Meta's documented sample number is not a valid number; it is kept, never dropped.
    ["16315551234", "+16315551234"],
    ["15550001111", "+15550001111"],
    ["٢١٢٦١٢٣٤٥٦٧٨", "+212612345678"],
    ["３３６１２３４５６７８@s.whatsapp.net", "+33612345678"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeProviderPhone(input, "FR")).toBe(expected);
  });

  test("returns null when there is no number", () => {
    expect(normalizeProviderPhone("status@broadcast")).toBeNull();
    expect(normalizeProviderPhone("")).toBeNull();
  });
});

test.each([
  ["٠٦ ١٢", "06 12"],
  ["۰۶۱۲", "0612"],
  ["０６１２", "0612"],
  ["＋３３（０）６", "+33(0)6"],
  ["\u200f٠٦\u200e", "06"],
  ["Clément 06", "Clément 06"],
])("normalizePhoneCharacters(%p) is %p", (input, expected) => {
  expect(normalizePhoneCharacters(input)).toBe(expected);
});

test("isKnownCountry", () => {
  expect(isKnownCountry("FR")).toBe(true);
  expect(isKnownCountry("MA")).toBe(true);
  expect(isKnownCountry("XX")).toBe(false);
});
