import { expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { fr } from "../src/i18n/fr.ts";
import { type Api, clientAwaitingReply, emptyQueues, jidOf, keyApi, openAs, openLive, signInApi } from "./fixtures.ts";
import { ADMIN, postWebhook, screenshot, useHarness } from "./harness.ts";

/**
 * An agent's day in the queues, at a laptop's size and a phone's: a canned reply sent from a review
 * card in three keys, the call queue worked with the keyboard alone, a desktop notification when an
 * unclear reply arrives. Each test creates what it needs and opens its own browser profile.
 */
const harness = useHarness();

const SIZES = [
  { name: "laptop", width: 1366, height: 768, cardsPerScreen: 6 },
  { name: "phone", width: 390, height: 844, cardsPerScreen: 2 },
] as const;

/** A client whose order awaits a reply, and the customer's unclear answer: the order is in the review and the call queue. */
async function unclearReply(name: string, text = "vous livrez quand ?") {
  const created = await clientAwaitingReply(keyApi(harness), { name });
  await postWebhook(harness.url, jidOf(created.phone), text);
  return created;
}

/** Waits until focus is inside `selector` (never on `<body>`), or on it. */
async function waitForFocusIn(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (selector) => {
      const element = document.activeElement;
      return !!element && element !== document.body && !!element.closest(selector);
    },
    selector,
    { timeout: 10_000 },
  );
}

async function ensureCannedReply(api: Api): Promise<void> {
  const { items } = await api.cannedReplies.list.query();
  if (!items.some((item) => item.title === "Livraison"))
    await api.cannedReplies.create.mutate({
      title: "Livraison",
      language: "fr",
      body: "Bonjour {name}, votre commande {order} ({total}) sera livrée sous {delivery_date}.",
    });
  await api.cannedReplies.setDeliveryDate.mutate({ deliveryDate: "48 à 72 h" });
}

for (const size of SIZES) {
  test(`${size.name}: a canned reply sent from a review card in 3 keystrokes after focusing its reply box`, async () => {
    const { page, api } = await openAs(harness, ADMIN, { width: size.width, height: size.height });
    await emptyQueues(api);
    await ensureCannedReply(api);
    const { orderId, clientId } = await unclearReply("Salma Idrissi");
    await openLive(page, "/review");
    const card = page.locator(`.review-item[data-order-id="${orderId}"]`);
    await card.waitFor();

    // From the keyboard: j focuses the card, r opens its reply box with focus in it.
    await page.keyboard.press("j");
    await waitForFocusIn(page, `.review-item[data-order-id="${orderId}"]`);
    await page.keyboard.press("r");
    const box = card.locator("textarea");
    await box.waitFor();
    await waitForFocusIn(page, `.review-item[data-order-id="${orderId}"] textarea`);

    // Three keys: "/" opens the list, Enter inserts the reply filled for this customer, Enter sends.
    await page.keyboard.press("/");
    const listbox = card.getByRole("listbox");
    await listbox.waitFor();
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    expect(await listbox.getByRole("option").first().textContent()).toContain("/Livraison");
    await page.keyboard.press("Enter");
    const expected = (await box.inputValue()).trim();
    expect(expected).toStartWith("Bonjour Salma Idrissi, votre commande #");
    expect(expected).toContain("(35,00\u00a0€) sera livrée sous 48 à 72 h.");
    await screenshot(page, `queue-canned-reply-${size.name}`, { fullPage: false });
    await page.keyboard.press("Enter");

    await page.getByText(fr["quickReply.sent"]).waitFor();
    const thread = await api.messages.list.query({ clientId });
    const sent = thread.items.find((message) => message.direction === "out" && message.body === expected);
    expect(sent).toBeDefined();
    // The order stays in the review queue, and focus stays on the card (its reply button).
    await waitForFocusIn(page, `.review-item[data-order-id="${orderId}"]`);
  });

  test(`${size.name}: the call queue worked with the keyboard only, dense enough to see ${size.cardsPerScreen} cards`, async () => {
    const { page, api } = await openAs(harness, ADMIN, { width: size.width, height: size.height });
    await emptyQueues(api);
    const created: { orderId: string }[] = [];
    for (const name of ["Nadia Amrani", "Youssef Alami", "Kenza Berrada", "Omar Tazi", "Imane Chraibi", "Hamza Naciri"]) created.push(await unclearReply(name));
    await openLive(page, "/calls");
    const cards = page.locator(".call-item");
    for (const { orderId } of created) await page.locator(`.call-item[data-order-id="${orderId}"]`).waitFor();

    // Density: with the first card at the top of the screen, how many cards are in view whole.
    await cards.first().evaluate((element) => element.scrollIntoView({ block: "start" }));
    const inView = await cards.evaluateAll(
      (items) =>
        items.filter((item) => {
          const box = item.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight + 1;
        }).length,
    );
    await screenshot(page, `queue-calls-${size.name}`, { fullPage: false });
    expect(inView).toBeGreaterThanOrEqual(size.cardsPerScreen);

    // The card shows the customer's words, the order, past orders at a glance.
    const firstId = (await cards.first().getAttribute("data-order-id"))!;
    const first = page.locator(`.call-item[data-order-id="${firstId}"]`);
    expect(await first.textContent()).toContain("vous livrez quand ?");
    expect(await first.getByTestId("past-orders").textContent()).toBe(fr["calls.past.none"]);

    // "?" lists the keys; Escape closes the list.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: fr["keys.title"] });
    await help.waitFor();
    expect(await help.getByTestId("shortcuts").textContent()).toContain(fr["keys.take"]);
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    // j: the first card; t: take it, focus on its first outcome; c: confirmed, the next card opens on "Prendre en charge".
    await page.keyboard.press("j");
    await waitForFocusIn(page, `.call-item[data-order-id="${firstId}"]`);
    await page.keyboard.press("t");
    await page.locator(`.call-item[data-order-id="${firstId}"][data-claim="mine"]`).waitFor();
    await waitForFocusIn(page, `.call-item[data-order-id="${firstId}"] [data-action="quick-confirmed"]`);
    await page.keyboard.press("c");
    await first.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-action") === "claim", undefined, { timeout: 10_000 });
    const secondId = (await page.evaluate(() => document.activeElement?.closest(".call-item")?.getAttribute("data-order-id")))!;
    expect(secondId).not.toBe(firstId);

    // t, then n: no answer; the attempt is counted on the card, focus moves on to another order.
    await page.keyboard.press("t");
    await waitForFocusIn(page, `.call-item[data-order-id="${secondId}"] [data-action="quick-confirmed"]`);
    await page.keyboard.press("n");
    await page.locator(`.call-item[data-order-id="${secondId}"][data-claim="free"] [data-testid="attempts"]`).waitFor();
    await page.waitForFunction(
      (secondId) => {
        const card = document.activeElement?.closest(".call-item");
        return !!card && card.getAttribute("data-order-id") !== secondId;
      },
      secondId,
      { timeout: 10_000 },
    );
    expect(await page.locator(`.call-item[data-order-id="${secondId}"] [data-testid="attempts"]`).textContent()).toBe("1 appel");

    // k moves back, x cancels the order it is on once taken.
    const thirdId = (await page.evaluate(() => document.activeElement?.closest(".call-item")?.getAttribute("data-order-id")))!;
    await page.keyboard.press("t");
    await waitForFocusIn(page, `.call-item[data-order-id="${thirdId}"] [data-action="quick-confirmed"]`);
    await page.keyboard.press("x");
    await page.locator(`.call-item[data-order-id="${thirdId}"]`).waitFor({ state: "detached" });
    await page.keyboard.press("k");
    await waitForFocusIn(page, ".call-item");

    expect((await api.orders.get.query({ id: firstId })).status).toBe("confirmed");
    expect((await api.orders.get.query({ id: secondId })).status).toBe("no_answer");
    expect((await api.orders.get.query({ id: thirdId })).status).toBe("cancelled");
  });
}

test("a call card offers canned replies in the customer's language first: English for a customer who writes English", async () => {
  const { page, api } = await openAs(harness, ADMIN);
  await emptyQueues(api);
  await ensureCannedReply(api);
  const { items } = await api.cannedReplies.list.query();
  if (!items.some((item) => item.title === "Delivery"))
    await api.cannedReplies.create.mutate({ title: "Delivery", language: "en", body: "Hello {name}, your order {order} will arrive within {delivery_date}." });
  const { orderId } = await unclearReply("Sarah Jones", "Hello, when will you deliver my order please?");
  const queued = (await api.calls.queue.query({ limit: 100 })).items.find((item) => item.id === orderId);
  expect(queued?.language).toBe("en");
  await openLive(page, "/calls");
  const card = page.locator(`.call-item[data-order-id="${orderId}"]`);
  await card.waitFor();

  await card.locator('[data-shortcut="r"]').click();
  const box = card.locator("textarea");
  await box.waitFor();
  await box.press("/");
  const options = card.getByRole("listbox").getByRole("option");
  await options.first().waitFor();
  // English first; the French reply still offered after it, marked with its language.
  expect(await options.first().textContent()).toContain("/Delivery");
  const french = options.filter({ hasText: "/Livraison" });
  expect(await french.textContent()).toContain("FR");
  await box.press("Enter");
  expect(await box.inputValue()).toStartWith("Hello Sarah Jones, your order #");
});

test("a desktop notification and the tab's count when an unclear reply arrives", async () => {
  const { api } = await openAs(harness);
  await emptyQueues(api);
  const context = await harness.newContext({ width: 1366, height: 768 });
  await context.grantPermissions(["notifications"], { origin: harness.url });
  // Record every notification the page creates (the real one is still shown).
  await context.addInitScript(() => {
    const Real = window.Notification;
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body });
      }
    }
    window.Notification = Recorded as typeof Notification;
  });
  const { cookie } = await signInApi(harness);
  await context.addCookies([{ ...cookie, url: harness.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await openLive(page, "/calls");
  await page.getByText(fr["notify.on"]).waitFor();
  expect(await page.title()).toBe("Confirma");

  await unclearReply("Rim Bennani", "c'est possible samedi ?");
  await page.waitForFunction(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications.length > 0, undefined, { timeout: 15_000 });
  const shown = await page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body?: string }[] }).shownNotifications);
  expect(shown[0]).toEqual({ title: fr["notify.review.title"], body: "1 en attente" });
  // No customer data on the screen's corner.
  expect(JSON.stringify(shown)).not.toContain("Rim");
  await page.waitForFunction(() => document.title === "(2) Confirma");
});

test("an admin writes a canned reply in the settings: an unknown placeholder is refused, the preview fills the known ones", async () => {
  const { page, api } = await openAs(harness, ADMIN, { path: "/settings", width: 1366, height: 768 });
  const card = page.getByTestId("canned-replies");
  await card.waitFor();
  const form = card.locator("form.canned-form").last();
  await form.locator('input[name="title"]').fill("Merci");
  await form.locator('textarea[name="body"]').fill("Merci {prenom} pour la commande {order} !");
  await form.getByRole("button", { name: fr["canned.add"] }).click();
  await form.getByText(fr["canned.unknown"].replace("{names}", "{prenom}")).waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("body");

  await form.locator('textarea[name="body"]').fill("Merci {name} pour la commande {order} !");
  expect(await form.getByTestId("canned-preview").textContent()).toBe("Merci Amina pour la commande #1001 !");
  await form.getByRole("button", { name: fr["canned.add"] }).click();
  await card.locator(".canned-replies__item", { hasText: "/Merci" }).waitFor();
  expect((await api.cannedReplies.list.query()).items.find((item) => item.title === "Merci")?.body).toBe("Merci {name} pour la commande {order} !");
});
