import { expect, test } from "bun:test";
import { fr } from "../src/i18n/fr.ts";
import { freePort } from "@confirma/server/testing";
import { ADMIN, signIn, TEST_KEY, useHarness } from "./harness.ts";

/** The live indicator tells the truth when the server goes away, and updates resume when it is back. */
const harness = useHarness({ port: freePort() });

test("the server dies: “Reconnexion…”; it comes back: live again, and changes show without a reload", async () => {
  const context = await harness.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("link", { name: fr["nav.clients"] }).click();
  await page.getByText(fr["clients.empty"]).waitFor();
  await page.locator('.live[data-live="live"]').waitFor();

  await harness.server.stop("SIGKILL");
  await page.locator('.live[data-live="reconnecting"]').waitFor();
  expect(await page.locator(".live").textContent()).toBe(fr["live.reconnecting"]);

  await harness.restartServer();
  await page.locator('.live[data-live="live"]').waitFor();
  const created = await fetch(`${harness.url}/api/clients`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: JSON.stringify({ phoneNumber: "+33699999999", name: "Après redémarrage" }),
  });
  expect(created.status).toBe(201);
  await page.locator("tr[data-client-id]", { hasText: "Après redémarrage" }).waitFor();
  await context.close();
});
