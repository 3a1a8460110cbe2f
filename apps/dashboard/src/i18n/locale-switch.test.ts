import { expect, test } from "bun:test";
import { createLocaleSwitch } from "./locale-switch.ts";
import type { Locale } from "./translate.ts";

/** A switch whose English fetch the test settles by hand; `shown` is what the page displayed, in order. */
function harness() {
  const shown: Locale[] = [];
  const english: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const load = (locale: Locale) => (locale === "fr" ? Promise.resolve() : new Promise<void>((resolve, reject) => english.push({ resolve, reject })));
  const switchTo = createLocaleSwitch({ load, show: (locale) => shown.push(locale) });
  return { shown, english, switchTo };
}

test("a language shows only once its catalogue has arrived", async () => {
  const { shown, english, switchTo } = harness();
  const switching = switchTo("en");
  await Promise.resolve();
  expect(shown).toEqual([]);
  english[0]!.resolve();
  expect(await switching).toBe("switched");
  expect(shown).toEqual(["en"]);
});

test("the last choice wins: French chosen while English was on its way stays", async () => {
  const { shown, english, switchTo } = harness();
  const toEnglish = switchTo("en");
  expect(await switchTo("fr")).toBe("switched");
  english[0]!.resolve();
  expect(await toEnglish).toBe("superseded");
  expect(shown).toEqual(["fr"]);
});

test("English chosen twice while fetching shows once, for the latest choice", async () => {
  const { shown, english, switchTo } = harness();
  const first = switchTo("en");
  const second = switchTo("en");
  for (const fetch of english) fetch.resolve();
  expect(await first).toBe("superseded");
  expect(await second).toBe("switched");
  expect(shown).toEqual(["en"]);
});

test("a catalogue that cannot be fetched changes nothing and says so", async () => {
  const { shown, english, switchTo } = harness();
  const switching = switchTo("en");
  english[0]!.reject(new Error("offline"));
  expect(await switching).toBe("failed");
  expect(shown).toEqual([]);
});

test("a failure overtaken by a later choice is not reported", async () => {
  const { shown, english, switchTo } = harness();
  const toEnglish = switchTo("en");
  expect(await switchTo("fr")).toBe("switched");
  english[0]!.reject(new Error("offline"));
  expect(await toEnglish).toBe("superseded");
  expect(shown).toEqual(["fr"]);
});
