import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { fr } from "../src/i18n/fr.ts";
import { ADMIN, plain, postWebhook, screenshot, signIn, startHarness, TEST_KEY, type Harness } from "./harness.ts";

/**
 * The dashboard in a real Chromium against the real server process: sign in, create a client
 * and an order, watch a WhatsApp reply confirm it live, review an unclear reply, export CSV,
 * and keep agents out of the users page.
 */
let harness: Harness;
let admin: BrowserContext;
let page: Page;
const PHONE = "+33612345678";
const JID = "33612345678@s.whatsapp.net";
let clientId = "";

beforeAll(async () => {
  harness = await startHarness();
  admin = await harness.newContext();
  page = await admin.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await harness?.close();
});

test("a wrong password is refused with a visible error", async () => {
  await page.goto("/");
  await page.getByRole("heading", { name: fr["login.title"] }).waitFor({ state: "visible" });
  await screenshot(page, "login");
  await signIn(page, ADMIN.email, "not-the-password");
  const error = page.getByRole("alert");
  await error.waitFor();
  expect(await error.textContent()).toBe(fr["login.failed"]);
  expect(await page.locator('input[name="password"]').inputValue()).toBe("");
});

test("the admin signs in and sees the overview, live", async () => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
  await page.locator('.live[data-live="live"]').waitFor();
  expect(await page.locator(".live").textContent()).toContain(fr["live.connected"]);
});

test("the skip link moves focus to the page's content: the next Tab lands there, not in the navigation", async () => {
  const skip = page.getByRole("link", { name: fr["app.skipToContent"] });
  await skip.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "main");
  expect(new URL(page.url()).hash).toBe("");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
});

test("creates a client and an order with two lines through the UI; the total reads 109,97 €", async () => {
  await page.getByRole("link", { name: fr["nav.clients"] }).click();
  await page.getByRole("heading", { name: fr["clients.title"], level: 1 }).waitFor();
  await page.getByRole("button", { name: fr["clients.new"] }).click();
  const dialog = page.getByRole("dialog", { name: fr["clientForm.title"] });
  await dialog.locator('input[name="phoneNumber"]').fill("06 12 34 56 78");
  await dialog.locator('input[name="name"]').fill("Amina Benali");
  await dialog.getByRole("button", { name: fr["clientForm.submit"] }).click();

  await page.getByRole("heading", { name: "Amina Benali", level: 1 }).waitFor();
  clientId = new URL(page.url()).pathname.split("/").pop()!;
  expect(await page.locator(".client-header__meta").textContent()).toContain(PHONE);

  await page.getByRole("button", { name: fr["client.newOrder"] }).click();
  const form = page.getByRole("dialog", { name: fr["orderForm.title"] });
  await form.locator('input[name="lines.0.name"]').fill("Produit A");
  await form.locator('input[name="lines.0.reference"]').fill("prod1");
  await form.locator('input[name="lines.0.price"]').fill("29,99");
  await form.locator('input[name="lines.0.quantity"]').fill("2");
  await form.getByRole("button", { name: fr["orderForm.addLine"] }).click();
  await form.locator('input[name="lines.1.name"]').fill("Produit B");
  await form.locator('input[name="lines.1.price"]').fill("49.99");
  expect(plain(await form.getByTestId("order-total").textContent())).toBe("109,97 €");
  await screenshot(page, "order-form");
  await form.getByRole("button", { name: fr["orderForm.submit"] }).click();

  const order = page.locator('.order-item[data-status="pending"]');
  await order.waitFor();
  expect(plain(await order.locator(".order-item__total").textContent())).toBe("109,97 €");
  expect(await order.locator(".order-item__products").textContent()).toBe("2 × Produit A, 1 × Produit B");
  // Only the transitions allowed from pending are offered.
  expect(await order.locator("button[data-action]").evaluateAll((buttons) => buttons.map((button) => button.getAttribute("data-action")))).toEqual([
    "confirmed",
    "cancelled",
    "no_answer",
  ]);
});

test("a WhatsApp “oui” confirms the order on the open page, without a reload", async () => {
  await page.locator('.live[data-live="live"]').waitFor();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await postWebhook(harness.url, JID, "oui");

  await page.locator('.order-item[data-status="confirmed"]').waitFor({ timeout: 15_000 });
  await page.locator(".bubble--in", { hasText: "oui" }).waitFor();
  expect(await page.locator(".client-header__meta .badge").textContent()).toBe(fr["status.client.confirmed"]);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await screenshot(page, "client");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150);
  await screenshot(page, "client-390");
  // The phone layout: the menu button opens the navigation.
  await page.getByRole("button", { name: fr["app.menu"] }).click();
  await page.getByRole("link", { name: fr["nav.orders"] }).waitFor();
  await screenshot(page, "menu-390", { fullPage: false });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: fr["app.menu"] }).waitFor();
  expect(await page.getByRole("link", { name: fr["nav.orders"] }).isVisible()).toBe(false);
  await page.setViewportSize({ width: 1280, height: 860 });
});

test("an unclear reply puts the order in the review queue, live, with the message", async () => {
  const created = await fetch(`${harness.url}/api/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: JSON.stringify({ clientId, products: [{ id: "robe", name: "Robe d’été", price: 35, quantity: 1 }] }),
  });
  expect(created.status).toBe(201);

  await page.getByRole("link", { name: fr["nav.review"] }).click();
  await page.getByRole("heading", { name: fr["review.title"], level: 1 }).waitFor();
  await page.getByText(fr["review.empty"]).waitFor();
  await postWebhook(harness.url, JID, "c'est combien ?");

  const item = page.locator(".review-item", { hasText: "c'est combien ?" });
  await item.waitFor({ timeout: 15_000 });
  expect(await item.textContent()).toContain("Amina Benali");
  expect(plain(await item.locator(".review-item__order strong").textContent())).toBe("35,00 €");
  await page.locator('.nav__count[data-queue="review"]').waitFor();
  await screenshot(page, "review");

  await item.getByRole("button", { name: fr["action.order.confirmed"] }).click();
  await page.getByText(fr["review.empty"]).waitFor();
});

test("orders: filter by status, totals per currency, CSV export for a French Excel", async () => {
  await page.getByRole("link", { name: fr["nav.orders"] }).click();
  await page.getByRole("heading", { name: fr["orders.title"], level: 1 }).waitFor();
  await page.locator("tr[data-order-id]").nth(1).waitFor();
  expect(plain(await page.getByTestId("orders-totals").textContent())).toContain("144,97 €");
  await screenshot(page, "orders");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "orders-390");
  await page.setViewportSize({ width: 1280, height: 860 });

  await page.locator('select[name="status"]').selectOption("confirmed");
  await page.waitForURL(/status=confirmed/);
  await page.waitForFunction(() => document.querySelectorAll("tr[data-order-id]").length === 2 && !document.querySelector('tr[data-status="pending"]'));

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: fr["orders.export"] }).click()]);
  expect(download.suggestedFilename()).toMatch(/^commandes-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  const lines = text.split("\r\n");
  expect(lines[0]).toBe(
    "Date de création;Commande;Client;Téléphone;Statut;Date du statut;Total;Devise;Produits;À vérifier;Boutique;N° dans la boutique;Identifiant",
  );
  expect(lines.filter((line) => line.length > 0)).toHaveLength(3);
  // The order as the dashboard names it, the phone as text without an apostrophe, the full id last.
  const row = lines.find((line) => line.includes("Amina Benali") && line.includes("109,97"))!;
  const orderId = row.split(";").at(-1)!;
  expect(row).toContain(`;#${orderId.slice(-6).toUpperCase()};Amina Benali;"=""+33612345678""";Confirmée;`);
  expect(row).toContain(";109,97;EUR;2 × Produit A, 1 × Produit B;non;");
  expect(text).not.toContain("'+33");

  // "Confirmed today" by the date of the confirmation: the same two orders, with the status date shown.
  const today = await page.evaluate(() => new Date().toLocaleDateString("sv-SE"));
  await page.locator('select[name="dateOf"]').selectOption("status");
  await page.locator('input[name="from"]').fill(today);
  await page.waitForURL(/dateOf=status/);
  await page.waitForURL(/from=/);
  await page.getByRole("columnheader", { name: fr["orders.statusDate"] }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll("tr[data-order-id]").length === 2);
  const [filtered] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: fr["orders.export"] }).click()]);
  const filteredLines = readFileSync((await filtered.path())!)
    .subarray(3)
    .toString("utf8")
    .split("\r\n")
    .filter((line) => line.length > 0);
  expect(filteredLines).toHaveLength(3);
  await page.getByRole("button", { name: fr["common.reset"] }).click();
});

test("the admin creates an agent; the agent cannot open the users page", async () => {
  await page.getByRole("link", { name: fr["nav.users"] }).click();
  await page.getByRole("heading", { name: fr["users.title"], level: 1 }).waitFor();
  await page.getByRole("button", { name: fr["users.new"] }).click();
  const dialog = page.getByRole("dialog", { name: fr["users.new"] });
  await dialog.locator('input[name="email"]').fill("agent@example.com");
  await dialog.locator('input[name="name"]').fill("Karim");
  await dialog.locator('input[name="password"]').fill("agent-password-e2e");
  await dialog.getByRole("button", { name: fr["users.submit"] }).click();
  await page.locator('tr[data-user-email="agent@example.com"]').waitFor();
  expect(await page.locator('tr[data-user-email="agent@example.com"]').textContent()).toContain(fr["role.agent"]);
  await screenshot(page, "users");

  const agentContext = await harness.newContext();
  try {
    const agent = await agentContext.newPage();
    await signIn(agent, "agent@example.com", "agent-password-e2e");
    await agent.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
    expect(await agent.getByRole("link", { name: fr["nav.users"] }).count()).toBe(0);
    await agent.goto("/users");
    await agent.getByTestId("forbidden").waitFor();
    expect(await agent.getByTestId("forbidden").textContent()).toContain(fr["users.forbidden"]);
    // The server refuses it too, whatever the page shows.
    const status = await agent.evaluate(async () => (await fetch("/trpc/users.list")).status);
    expect(status).toBe(403);
    await screenshot(agent, "users-agent-forbidden");
  } finally {
    await agentContext.close();
  }
});

test("clients list searches by name or phone; settings show the webhook URL and key; language switches to English and stays", async () => {
  await page.getByRole("link", { name: fr["nav.clients"] }).click();
  await page.getByRole("heading", { name: fr["clients.title"], level: 1 }).waitFor();
  await page.locator('input[name="search"]').fill("6123");
  await page.waitForURL(/q=6123/);
  await page.locator("tr[data-client-id]", { hasText: "Amina Benali" }).waitFor();
  await page.locator('input[name="search"]').fill("zzz-nobody");
  await page.getByText(fr["clients.noMatch"]).waitFor();
  await page.locator('input[name="search"]').fill("");
  await page.locator("tr[data-client-id]").first().waitFor();
  await screenshot(page, "clients");

  await page.getByRole("link", { name: fr["nav.settings"] }).click();
  await page.getByRole("heading", { name: fr["settings.title"], level: 1 }).waitFor();
  expect(await page.locator("#webhook-url").inputValue()).toBe(`${harness.url}/api/webhook/whatsapp`);
  expect(await page.locator("#api-key").getAttribute("type")).toBe("password");
  await page.getByRole("button", { name: fr["common.show"] }).click();
  expect(await page.locator("#api-key").inputValue()).toBe(TEST_KEY);
  await page.getByRole("button", { name: fr["common.hide"] }).click();
  await screenshot(page, "settings");

  await page.getByRole("main").getByLabel("English").check();
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
  await page.getByRole("main").getByLabel("Français").check();
  await page.getByRole("heading", { name: fr["settings.title"], level: 1 }).waitFor();
});

test("the overview counts what happened; Escape closes a dialog", async () => {
  await page.getByRole("link", { name: fr["nav.overview"] }).click();
  await page.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
  expect(plain(await page.getByTestId("confirmation-rate").textContent())).toBe("100 %");
  // Today's bar: two orders created.
  const today = page.locator("rect.chart__bar--created").last();
  await today.waitFor();
  expect(await today.locator("title").textContent()).toEndWith(": 2");
  await screenshot(page, "overview");

  await page.getByRole("link", { name: fr["nav.orders"] }).click();
  await page.getByRole("button", { name: fr["orders.new"] }).click();
  const dialog = page.getByRole("dialog", { name: fr["orderForm.title"] });
  await dialog.waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
});
