import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { fr } from "../src/i18n/fr.ts";
import { clientWithOrder, keyApi, openAs } from "./fixtures.ts";
import { ADMIN, useHarness } from "./harness.ts";

/**
 * The orders page's exchanges with the outside: the Excel download of every order matching the
 * filters (written by the server, streamed to disk by the browser), and a courier's CSV of
 * statuses, previewed then applied.
 */
const harness = useHarness();

test("Excel download of the filtered orders, from the server with the session", async () => {
  const api = keyApi(harness);
  const { orderId } = await clientWithOrder(api, { name: "Hind Bennani", currency: "MAD" });
  const { page } = await openAs(harness, ADMIN, { path: `/orders?number=%23${orderId.slice(-6).toUpperCase()}` });
  await page.locator(`tr[data-order-id="${orderId}"]`).waitFor();
  expect(await page.locator('input[name="number"]').inputValue()).toBe(`#${orderId.slice(-6).toUpperCase()}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: fr["orders.export.xlsx"] }).click()]);
  expect(download.suggestedFilename()).toMatch(/^commandes-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK"); // a zip: the workbook
});

test("a courier's CSV: the preview changes nothing, Apply delivers the order", async () => {
  const api = keyApi(harness);
  const { orderId } = await clientWithOrder(api, { name: "Rachid Alaoui", currency: "MAD" });
  await api.orders.setStatus.mutate({ id: orderId, status: "confirmed" });
  const { page } = await openAs(harness, ADMIN, { path: "/orders" });
  await page.getByRole("button", { name: fr["statusImport.open"] }).click();
  const dialog = page.getByRole("dialog", { name: fr["statusImport.title"] });
  const csv = `N° commande;Statut\r\n#${orderId.slice(-6).toUpperCase()};Livrée\r\n#ZZZZZZ;Livrée\r\n`;
  await dialog.locator('input[name="statusFile"]').setInputFiles({ name: "transporteur.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const summary = dialog.getByTestId("status-import-summary");
  await summary.waitFor();
  expect(await summary.textContent()).toBe("Aperçu : 1 à modifier, 0 déjà à jour, 1 à vérifier.");
  expect(await dialog.locator('tr[data-outcome="not_found"]').textContent()).toContain(fr["statusImport.outcome.not_found"]);
  expect((await api.orders.get.query({ id: orderId })).status).toBe("confirmed");
  await dialog.getByTestId("status-import-apply").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="status-import-summary"]')?.textContent?.startsWith("1 commandes modifiées"));
  expect((await api.orders.get.query({ id: orderId })).status).toBe("delivered");
  await dialog.getByRole("button", { name: fr["common.close"] }).click();
  await page.locator(`tr[data-order-id="${orderId}"][data-status="delivered"]`).waitFor();
});
