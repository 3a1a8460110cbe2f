import { expect, test } from "bun:test";
import type { BrowserContext, Page } from "playwright-core";
import { en } from "../src/i18n/en.ts";
import { fr, type MessageKey } from "../src/i18n/fr.ts";
import { openAs } from "./fixtures.ts";
import { useHarness } from "./harness.ts";

/**
 * The UI language: French ships with the first visit, English is fetched only by those who chose
 * it, an English visit never shows French first, and the switch works live, also when English
 * cannot be fetched. Against the built dashboard (its real chunks) in Chromium.
 */
const harness = useHarness();

const ENGLISH_CHUNK = /\/assets\/en-[\w-]+\.js$/;

/** The English catalogue's requests the profile made so far. */
function englishRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on("request", (request) => {
    if (ENGLISH_CHUNK.test(new URL(request.url()).pathname)) seen.push(request.url());
  });
  return seen;
}

/** From the first byte of each page load, every text the page inserts, as it was when inserted. */
async function recordInsertedTexts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const texts: string[] = [];
    (window as unknown as { insertedTexts: string[] }).insertedTexts = texts;
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === "characterData") texts.push(mutation.target.textContent ?? "");
        for (const node of mutation.addedNodes) texts.push(node.textContent ?? "");
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

const insertedTexts = (page: Page) => page.evaluate(() => (window as unknown as { insertedTexts: string[] }).insertedTexts.join("\n"));

/** Shell texts that differ between the languages: one of them shown means that language was on screen. */
const SHELL_KEYS: MessageKey[] = ["app.loading", "app.skipToContent", "app.logout", "nav.overview", "nav.orders", "nav.settings", "overview.title"];

test("a French visit fetches no English; an English visit shows English from its first frame, and French again after switching back", async () => {
  const { page, context } = await openAs(harness);
  const requests = englishRequests(context);
  await recordInsertedTexts(context);

  await page.goto("/");
  await page.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
  expect(requests).toEqual([]);

  await page.evaluate(() => localStorage.setItem("confirma.locale", "en"));
  await page.reload();
  await page.getByRole("heading", { name: en["overview.title"], level: 1 }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
  expect(requests).toHaveLength(1);
  const shown = await insertedTexts(page);
  for (const key of SHELL_KEYS) expect(shown, key).not.toContain(fr[key]);

  // The compact switch's label covers its radio: click the label, as a person does.
  await page.locator(".sidebar__footer").getByText("FR", { exact: true }).click();
  await page.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
  expect(await page.evaluate(() => [document.documentElement.lang, localStorage.getItem("confirma.locale")])).toEqual(["fr", "fr"]);
});

test("the switch shows English once it has arrived; when it cannot be fetched the page stays French and says so", async () => {
  const { page, context } = await openAs(harness);
  await context.route(ENGLISH_CHUNK, (route) => route.abort("internetdisconnected"));
  await page.goto("/settings");
  await page.getByRole("heading", { name: fr["settings.title"], level: 1 }).waitFor();

  // Not `check()`: the radio goes back to French at once, which `check()` takes for a failed click.
  await page.getByRole("main").getByRole("radio", { name: "English" }).click();
  await page.getByText(fr["language.loadFailed"]).waitFor();
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(fr["settings.title"]);
  expect(await page.getByRole("main").getByRole("radio", { name: "Français" }).isChecked()).toBe(true);
  expect(await page.getByRole("main").getByRole("radio", { name: "English" }).isChecked()).toBe(false);
  expect(await page.evaluate(() => localStorage.getItem("confirma.locale"))).toBeNull();

  // Back online, choosing English again fetches it (Chromium retries a failed import(); a reload would too).
  await context.unroute(ENGLISH_CHUNK);
  await page.getByRole("main").getByRole("radio", { name: "English" }).check();
  await page.getByRole("heading", { name: en["settings.title"], level: 1 }).waitFor();
  expect(await page.locator(".sidebar__footer").getByRole("radio", { name: "EN" }).isChecked()).toBe(true);
});

test("an English visit whose catalogue cannot be fetched starts in French, says so, and keeps the choice for the next visit", async () => {
  const { page, context } = await openAs(harness);
  await page.goto("/");
  await page.evaluate(() => localStorage.setItem("confirma.locale", "en"));
  await context.route(ENGLISH_CHUNK, (route) => route.abort("internetdisconnected"));
  await page.reload();
  await page.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
  await page.getByText(fr["language.loadFailed"]).waitFor();
  expect(await page.evaluate(() => localStorage.getItem("confirma.locale"))).toBe("en");

  await context.unroute(ENGLISH_CHUNK);
  await page.reload();
  await page.getByRole("heading", { name: en["overview.title"], level: 1 }).waitFor();
});
