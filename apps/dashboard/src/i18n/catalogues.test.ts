import { expect, test } from "bun:test";
import { catalogues, createCatalogues } from "./catalogues.ts";
import { en } from "./en.ts";
import { fr, type Messages } from "./fr.ts";
import { translate } from "./translate.ts";

/** A catalogue fetch the test settles by hand, counting how often it was started. */
function manualFetch() {
  const calls: { resolve: (messages: Messages) => void; reject: (error: Error) => void }[] = [];
  const fetch = () => new Promise<Messages>((resolve, reject) => calls.push({ resolve, reject }));
  return { fetch, calls };
}

test("French is there from the start; English only once fetched", async () => {
  const english = manualFetch();
  const set = createCatalogues({ fr, en: english.fetch });
  expect(set.loaded("fr")).toBe(fr);
  expect(set.loaded("en")).toBeUndefined();
  expect(await set.load("fr")).toBe(fr);
  expect(english.calls).toHaveLength(0);

  const loading = set.load("en");
  expect(set.loaded("en")).toBeUndefined();
  english.calls[0]!.resolve(en);
  expect(await loading).toBe(en);
  expect(set.loaded("en")).toBe(en);
});

test("callers asking while a fetch runs share it, and a loaded language is not fetched again", async () => {
  const english = manualFetch();
  const set = createCatalogues({ fr, en: english.fetch });
  const first = set.load("en");
  const second = set.load("en");
  expect(english.calls).toHaveLength(1);
  english.calls[0]!.resolve(en);
  expect(await first).toBe(en);
  expect(await second).toBe(en);
  expect(await set.load("en")).toBe(en);
  expect(english.calls).toHaveLength(1);
});

test("a failed fetch is not remembered: the next call tries again", async () => {
  const english = manualFetch();
  const set = createCatalogues({ fr, en: english.fetch });
  const failing = set.load("en");
  english.calls[0]!.reject(new Error("Failed to fetch dynamically imported module"));
  await expect(failing).rejects.toThrow("Failed to fetch");
  expect(set.loaded("en")).toBeUndefined();

  const retry = set.load("en");
  expect(english.calls).toHaveLength(2);
  english.calls[1]!.resolve(en);
  expect(await retry).toBe(en);
});

test("the dashboard's English catalogue is fetched by its dynamic import, and translate reads it once loaded", async () => {
  // Until then English reads French (the UI never shows a language before its catalogue); another
  // test file run in the same process may have loaded it already.
  if (!catalogues.loaded("en")) expect(translate("en", "app.logout")).toBe(fr["app.logout"]);
  expect(await catalogues.load("en")).toBe(en);
  expect(translate("en", "app.logout")).toBe("Sign out");
  expect(translate("fr", "app.logout")).toBe("Se déconnecter");
});
