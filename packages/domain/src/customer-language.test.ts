import { expect, test } from "bun:test";
import { languageOfCountry, languageOfLocale } from "./customer-language.ts";

test("a locale gives its language when messages exist in it", () => {
  expect(languageOfLocale("fr")).toBe("fr");
  expect(languageOfLocale("ar-MA")).toBe("ar");
  expect(languageOfLocale("es_MX")).toBe("es");
  expect(languageOfLocale(" EN ")).toBe("en");
  expect(languageOfLocale("de-DE")).toBeNull();
  expect(languageOfLocale("")).toBeNull();
  expect(languageOfLocale(null)).toBeNull();
});

test("a country gives a language only where one is expected; the Maghreb keeps the shop's choice", () => {
  expect(languageOfCountry("FR")).toBe("fr");
  expect(languageOfCountry("sn")).toBe("fr");
  expect(languageOfCountry("SA")).toBe("ar");
  expect(languageOfCountry("EG")).toBe("ar");
  expect(languageOfCountry("ES")).toBe("es");
  expect(languageOfCountry("GB")).toBe("en");
  for (const country of ["MA", "DZ", "TN", "CH", "CA", "BE", "DE", "", null]) expect(languageOfCountry(country)).toBeNull();
});
