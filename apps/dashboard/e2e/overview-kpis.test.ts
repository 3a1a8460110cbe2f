import { expect, test } from "bun:test";
import { KPI_MESSAGES } from "../src/overview/kpi-messages.ts";
import { clientWithOrder, keyApi, openAs } from "./fixtures.ts";
import { ADMIN, plain, screenshot, useHarness } from "./harness.ts";

/**
 * The overview's period switch in a real Chromium: each period shows the numbers `stats.kpis`
 * (and so `GET /api/stats`) gives for it, the previous period beside them, a definition on each
 * figure, and today's figures follow new orders live.
 */
const harness = useHarness();
const k = KPI_MESSAGES.fr;

test("the period switch shows each period's KPIs, the same as the API, with their definitions", async () => {
  const api = keyApi(harness);
  const lamp = { id: "lampe", name: "Lampe berbère", price: 120, quantity: 1 };
  const first = await clientWithOrder(api, { name: "Salma Bennani", products: [lamp], currency: "MAD" });
  await api.orders.setStatus.mutate({ id: first.orderId, status: "confirmed" });
  const second = await api.orders.create.mutate({ clientId: first.clientId, products: [lamp], currency: "MAD" });
  await api.orders.setStatus.mutate({ id: second.id, status: "cancelled" });
  await api.orders.create.mutate({ clientId: first.clientId, products: [lamp], currency: "MAD" });

  const { page } = await openAs(harness, ADMIN, { path: "/" });
  const value = (id: string) => page.getByTestId(`kpi-${id}-value`);
  const periodButton = (name: string) => page.getByRole("group", { name: k["period.label"] }).getByRole("button", { name, exact: true });
  const expectFigures = async (period: "today" | "yesterday" | "7d" | "custom", extra: { from?: string; to?: string } = {}) => {
    const expected = await api.stats.kpis.query({ period, ...extra });
    await page.waitForFunction(
      (received) => document.querySelector('[data-testid="kpi-received-value"]')?.textContent?.trim() === received,
      String(expected.received),
    );
    const rate = expected.confirmationRate === null ? "—" : `${Math.round(expected.confirmationRate * 100)} %`;
    expect(plain(await value("confirmationRate").textContent())).toBe(rate);
    expect(plain(await page.getByTestId("kpi-received-previous").textContent())).toContain(String(expected.previous.received));
    expect(plain(await page.getByTestId("funnel-received").textContent())).toBe(String(expected.received));
    return expected;
  };

  // 7 days by default: three orders, one confirmed, one cancelled, one pending → 50 %.
  expect(await periodButton(k["period.7d"]).getAttribute("aria-pressed")).toBe("true");
  const week = await expectFigures("7d");
  expect(week).toMatchObject({ received: 3, confirmed: 1, cancelled: 1, pending: 1, confirmationRate: 0.5 });
  expect(plain(await page.getByTestId("kpi-revenue-confirmed").textContent())).toContain("120,00");
  await screenshot(page, "overview-kpis");

  await periodButton(k["period.yesterday"]).click();
  expect(new URL(page.url()).searchParams.get("period")).toBe("yesterday");
  expect((await expectFigures("yesterday")).received).toBe(0);
  expect(plain(await value("confirmationRate").textContent())).toBe("—");

  await periodButton(k["period.today"]).click();
  const today = await expectFigures("today");
  expect(today.received).toBe(3);

  // The definition of a figure, on keyboard focus as on hover.
  const card = page.getByTestId("kpi-confirmationRate");
  await card.getByRole("button", { name: k.definition }).focus();
  const tip = card.getByRole("tooltip");
  await tip.waitFor({ state: "visible" });
  expect(await tip.textContent()).toBe(k["help.confirmationRate"]);

  // Live: a new order counts in today's figures without a reload.
  await api.orders.create.mutate({ clientId: first.clientId, products: [lamp], currency: "MAD" });
  await expectFigures("today");
  expect(plain(await value("received").textContent())).toBe("4");

  // A custom period: the dates, then the figures of those days.
  await periodButton(k["period.custom"]).click();
  await page.locator('input[name="from"]').fill("2020-01-01");
  await page.locator('input[name="to"]').fill("2020-01-31");
  await page.getByRole("button", { name: k["period.apply"] }).click();
  await page.waitForURL((url) => url.searchParams.get("from") === "2020-01-01");
  expect((await expectFigures("custom", { from: "2020-01-01", to: "2020-01-31" })).received).toBe(0);

  // The breakdown by product, back on 7 days.
  await periodButton(k["period.7d"]).click();
  await expectFigures("7d");
  await page.getByRole("group", { name: k["breakdown.by"] }).getByRole("button", { name: k["breakdown.product"] }).click();
  await page.getByTestId("breakdown").getByRole("rowheader", { name: lamp.name }).waitFor();
});
