import { expect, test } from "bun:test";
import { fr } from "../src/i18n/fr.ts";
import { clientWithOrder, keyApi, openAs, ROBE } from "./fixtures.ts";
import { ADMIN, screenshot, useHarness } from "./harness.ts";

/**
 * Duplicate orders in a real Chromium against the real server: the same customer orders the same
 * dress twice within a day; the review card shows both orders side by side, "Fusionner" moves the
 * second into the first in one click, and the first order's page then shows the merged lines, the
 * customer's history, and the merge in its history.
 */
const harness = useHarness();

test("a likely duplicate is shown beside its twin in review and merged in one click", async () => {
  const api = keyApi(harness);
  const first = await clientWithOrder(api, { name: "Awa Ndiaye", products: [ROBE] });
  const second = await api.orders.create.mutate({
    clientId: first.clientId,
    products: [ROBE, { id: "sac", name: "Sac en cuir", price: 20, quantity: 1 }],
  });
  expect(second.duplicateOf).toEqual([first.orderId]);

  const { page } = await openAs(harness, ADMIN, { path: "/review" });
  const card = page.locator(`.review-item[data-order-id="${second.id}"]`);
  await card.waitFor();
  await card.getByText(fr["review.reason.duplicate"]).waitFor();
  const pair = card.getByTestId("duplicate-pair");
  await pair.locator(`section[data-order-id="${first.orderId}"]`).waitFor();
  await pair.locator(`section[data-order-id="${second.id}"]`).waitFor();
  await screenshot(page, "review-duplicate", { fullPage: false });

  await card.getByRole("button", { name: fr["duplicate.merge"], exact: true }).click();
  await page.getByText(fr["duplicate.merged"]).waitFor();
  // Both orders leave the review queue: the merged one is cancelled, the kept one is asked.
  await card.waitFor({ state: "detached" });
  await page.locator(`.review-item[data-order-id="${first.orderId}"]`).waitFor({ state: "detached" });

  const kept = await api.orders.get.query({ id: first.orderId });
  expect(kept.products.map((line) => line.name)).toEqual([ROBE.name, "Sac en cuir"]);
  expect(kept.total).toBe(55);
  expect((await api.orders.get.query({ id: second.id })).status).toBe("cancelled");

  await page.goto(`/orders/${first.orderId}`);
  await page.getByTestId("customer-standing").waitFor();
  await page.getByText("Sac en cuir").first().waitFor();
  await page.getByText(fr["history.reason.merged_from"].replace("{order}", `#${second.id.slice(-6).toUpperCase()}`)).waitFor();
  await screenshot(page, "order-customer-history");
});
