import { beforeAll, expect, test } from "bun:test";
import { catalogues } from "./catalogues.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import { initialLocale, translate, translatePlural } from "./translate.ts";

// English is fetched on demand, as in the browser.
beforeAll(() => catalogues.load("en"));

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

test("both catalogues have the same keys, each non-empty, with the same placeholders", () => {
  expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  for (const [key, french] of Object.entries(fr)) {
    const english = en[key as keyof typeof fr];
    expect(french.trim().length, key).toBeGreaterThan(0);
    expect(english.trim().length, key).toBeGreaterThan(0);
    expect(placeholders(english), key).toEqual(placeholders(french));
  }
});

test("placeholders are filled, unknown ones left alone", () => {
  expect(translate("fr", "app.signedInAs", { name: "Amina" })).toBe("Connecté en tant que Amina");
  expect(translate("en", "app.signedInAs", { name: "Amina" })).toBe("Signed in as Amina");
  expect(translate("en", "app.signedInAs")).toBe("Signed in as {name}");
});

test("plural forms follow each language's rules", () => {
  expect(translatePlural("fr", "orders.count", 0)).toBe("0 commande");
  expect(translatePlural("fr", "orders.count", 1)).toBe("1 commande");
  expect(translatePlural("fr", "orders.count", 2)).toBe("2 commandes");
  expect(translatePlural("en", "orders.count", 0)).toBe("0 orders");
  expect(translatePlural("en", "orders.count", 1)).toBe("1 order");
  expect(translatePlural("fr", "orders.count", 1200).replace(/\s/g, " ")).toBe("1 200 commandes");
});

test("French unless another language was saved", () => {
  expect(initialLocale(null)).toBe("fr");
  expect(initialLocale("en")).toBe("en");
  expect(initialLocale("de")).toBe("fr");
});
