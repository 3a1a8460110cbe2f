import { describe, expect, test } from "bun:test";
import { isKnownCountry, normalizePhoneNumber, normalizeProviderPhone } from "./phone-number.ts";

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
  ])("%s → %s", (input, expected) => {
    expect(normalizeProviderPhone(input, "FR")).toBe(expected);
  });

  test("returns null when there is no number", () => {
    expect(normalizeProviderPhone("status@broadcast")).toBeNull();
    expect(normalizeProviderPhone("")).toBeNull();
  });
});

test("isKnownCountry", () => {
  expect(isKnownCountry("FR")).toBe(true);
  expect(isKnownCountry("MA")).toBe(true);
  expect(isKnownCountry("XX")).toBe(false);
});
