import { expect, test } from "bun:test";
import { fr } from "../src/i18n/fr.ts";
import { keyApi, openAs, uniquePhone } from "./fixtures.ts";
import { ADMIN, plain, screenshot, useHarness } from "./harness.ts";

/**
 * A customer phones: the agent creates the order from one dialog on the orders page — the
 * number typed, the client created inline, a product picked from those already sold (keyboard
 * only), a free line, the address — and the new order opens. At a laptop's size and a phone's.
 */
const harness = useHarness();

for (const [width, height] of [
  [1366, 768],
  [390, 844],
] as const) {
  test(`a new customer's order created from one dialog at ${width}×${height}`, async () => {
    // A product already sold to someone else, so the catalogue offers it.
    const product = `Caftan Brodé ${width}`;
    const seller = await keyApi(harness).clients.create.mutate({ phoneNumber: uniquePhone(), name: "Ancienne cliente" });
    await keyApi(harness).orders.create.mutate({
      clientId: seller.client.id,
      currency: "EUR",
      products: [{ id: `caftan-${width}`, name: product, price: 89.9, quantity: 1 }],
    });

    const phone = uniquePhone();
    const { page } = await openAs(harness, ADMIN, { path: "/orders", width, height });
    await page.getByRole("button", { name: fr["orders.new"] }).click();
    const dialog = page.getByRole("dialog", { name: fr["orderForm.title"] });
    await dialog.getByLabel(fr["orderForm.clientSearch"]).fill(phone);
    await dialog.getByText(fr["orderForm.clientNone"]).waitFor();
    await dialog.getByRole("button", { name: fr["orderForm.clientCreate"] }).click();
    const newClient = dialog.getByRole("group", { name: fr["orderForm.clientCreate"] });
    expect(await newClient.locator('input[name="newClient.phoneNumber"]').inputValue()).toBe(phone);
    await newClient.locator('input[name="newClient.name"]').fill("Nadia Berrada");
    await newClient.getByRole("button", { name: fr["orderForm.clientCreateSubmit"] }).click();
    expect(await dialog.getByTestId("picked-client").textContent()).toBe(`Nadia Berrada · ${phone}`);

    // The first line from the products already sold: typed in part, accents left out, picked with the keyboard.
    const currency = dialog.locator('select[name="currency"]');
    await currency.selectOption("EUR");
    const first = dialog.getByRole("combobox", { name: `${fr["orderForm.productName"]} (${fr["orderForm.line"].replace("{index}", "1")})` });
    await first.click();
    await first.pressSequentially(`caftan brode ${width}`);
    const option = dialog.getByRole("option", { name: new RegExp(product) });
    // The list first shows the catalogue as it was on focus (both widths' caftans among others):
    // wait for the answer to the whole text typed, this product alone.
    await page.waitForFunction((name) => {
      const options = [...document.querySelectorAll('[role="option"]')];
      return options.length === 1 && options[0]!.textContent!.includes(name);
    }, product);
    expect(await first.getAttribute("aria-expanded")).toBe("true");
    await first.press("ArrowDown");
    expect(await option.getAttribute("aria-selected")).toBe("true");
    await first.press("Enter");
    expect(await first.inputValue()).toBe(product);
    expect(await dialog.locator('input[name="lines.0.price"]').inputValue()).toBe("89,90");
    await dialog.locator('input[name="lines.0.quantity"]').fill("2");

    // A free line.
    await dialog.getByRole("button", { name: fr["orderForm.addLine"] }).click();
    await dialog.locator('input[name="lines.1.name"]').fill("Ceinture assortie");
    await dialog.locator('input[name="lines.1.price"]').fill("15,50");
    await dialog.locator('input[name="address1"]').fill("27 rue Ibn Batouta");
    await dialog.locator('input[name="city"]').fill("Tanger");
    expect(plain(await dialog.getByTestId("order-total").textContent())).toBe("195,30 €");
    await screenshot(page, `order-by-hand-${width}`);
    await dialog.getByRole("button", { name: fr["orderForm.submit"] }).click();

    // The order opens, with its client, lines and address.
    await page.waitForURL(/\/orders\/[^/]+$/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByTestId("order-phone").textContent()).toBe(phone);
    expect(plain(await page.locator(".order-lines").textContent())).toContain(`2 × ${product}`);
    expect(plain(await page.locator(".order-lines").textContent())).toContain("195,30 €");
    expect(await page.locator(".order-layout").textContent()).toContain("Tanger");
    // Nothing hides the dialog's last field or the page sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
}

test("during the call: the order found by the customer's name, its items changed, the change in its history", async () => {
  const phone = uniquePhone();
  const api = keyApi(harness);
  const { client } = await api.clients.create.mutate({ phoneNumber: phone, name: "Rachid Ouazzani" });
  await api.orders.create.mutate({ clientId: client.id, currency: "EUR", products: [{ id: "babouche", name: "Babouches", price: 25, quantity: 1 }] });

  const { page } = await openAs(harness, ADMIN, { path: "/orders" });
  await page.locator('input[name="search"]').fill("rachid ouazz");
  await page.locator('input[name="search"]').press("Enter");
  const row = page.locator("tr[data-order-id]", { hasText: "Rachid Ouazzani" });
  await row.waitFor();
  await page.waitForFunction(() => document.querySelectorAll("tr[data-order-id]").length === 1);
  await row.getByTestId("order-link").click();

  await page.getByRole("button", { name: fr["orderLines.edit"] }).click();
  const dialog = page.getByRole("dialog", { name: fr["orderLines.edit"] });
  await dialog.locator('input[name="lines.0.quantity"]').fill("2");
  await dialog.getByRole("button", { name: fr["orderForm.addLine"] }).click();
  await dialog.locator('input[name="lines.1.name"]').fill("Sac assorti");
  await dialog.locator('input[name="lines.1.price"]').fill("30");
  expect(plain(await dialog.getByTestId("lines-total").textContent())).toBe("80,00 €");
  await dialog.getByRole("button", { name: fr["common.save"] }).click();
  await dialog.waitFor({ state: "hidden" });

  await page.locator(".order-lines", { hasText: "Sac assorti" }).waitFor();
  expect(plain(await page.locator(".order-lines").textContent())).toContain("80,00 €");
  await page.getByText("Articles modifiés : 1 × Babouches · 25 EUR → 2 × Babouches, 1 × Sac assorti · 80 EUR").waitFor();
});
