import { expect, test } from "bun:test";
import { fr } from "../src/i18n/fr.ts";
import { type Account, clientWithOrder, keyApi, openAs, signInApi } from "./fixtures.ts";
import { ADMIN, useHarness } from "./harness.ts";

/**
 * A customer's data on request, in a real Chromium: an admin exports it as JSON from the client's
 * page, then erases it behind a confirmation; an agent sees neither action.
 */
const harness = useHarness();

test("an admin exports a client's data, then erases it after confirming; an agent sees neither action", async () => {
  const api = keyApi(harness);
  const { clientId, orderId } = await clientWithOrder(api, { name: "Ysolde Marchetti" });
  await api.orders.setStatus.mutate({ id: orderId, status: "cancelled" });

  const agent: Account = { email: "privacy-agent@example.com", password: "agent-password-e2e" };
  const { api: adminApi } = await signInApi(harness, ADMIN);
  await adminApi.users.create.mutate({ ...agent, name: "Agent", role: "agent" });
  const { page: agentPage } = await openAs(harness, agent, { path: `/clients/${clientId}` });
  await agentPage.getByRole("heading", { name: "Ysolde Marchetti", level: 1 }).waitFor();
  expect(await agentPage.locator('[data-action="erase-client"]').count()).toBe(0);
  expect(await agentPage.locator('[data-action="export-client"]').count()).toBe(0);

  const { page } = await openAs(harness, ADMIN, { path: `/clients/${clientId}` });
  await page.getByRole("heading", { name: "Ysolde Marchetti", level: 1 }).waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: fr["client.export"] }).click()]);
  expect(download.suggestedFilename()).toBe(`client-${clientId}.json`);
  const exported = JSON.parse(await Bun.file((await download.path())!).text());
  expect(exported.client).toMatchObject({ id: clientId, name: "Ysolde Marchetti" });
  expect(exported.orders.map((order: { id: string }) => order.id)).toEqual([orderId]);

  await page.getByRole("button", { name: fr["client.erase"] }).click();
  await page.getByRole("dialog").getByText(fr["client.eraseWarning"]).waitFor();
  await page.getByRole("button", { name: fr["client.eraseConfirm"] }).click();
  await page.getByText(fr["client.erased"]).waitFor();
  await page.getByRole("heading", { name: fr["common.noName"], level: 1 }).waitFor();
  const client = await api.clients.get.query({ id: clientId });
  expect(client).toMatchObject({ name: null, phoneNumber: null });
  expect(client.orders.map((order) => order.id)).toEqual([orderId]);
}, 120_000);
