import { afterAll, beforeAll, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import type { Page } from "playwright-core";
import { fr } from "../src/i18n/fr.ts";
import { ADMIN, screenshot, signIn, startHarness, type Harness } from "./harness.ts";

/**
 * The outbound webhooks page in a real Chromium against the real server process: register an
 * endpoint (its secret shown once, with a copy button), send a test event that the running
 * dispatcher delivers to a receiver on 127.0.0.1, read it in the delivery log, disable, delete.
 */
const received: { headers: Headers; body: Uint8Array }[] = [];
const receiver = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  async fetch(request) {
    received.push({ headers: request.headers, body: new Uint8Array(await request.arrayBuffer()) });
    return new Response(null, { status: 204 });
  },
});
const endpointUrl = `http://127.0.0.1:${receiver.port}/erp/confirma`;

let harness: Harness;
let page: Page;
/** The endpoint's secret, as the admin copied it from the page. */
let secret = "";

/** The receiver's check, written from the README as a merchant would: HMAC-SHA256 of `id.timestamp.body` with the secret's bytes. */
function signatureOf(headers: Headers, body: Uint8Array): string {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const signed = Buffer.concat([Buffer.from(`${headers.get("webhook-id")}.${headers.get("webhook-timestamp")}.`), body]);
  return `v1,${createHmac("sha256", key).update(signed).digest("base64")}`;
}

beforeAll(async () => {
  harness = await startHarness({ env: { OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true" } });
  page = await (await harness.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
});

afterAll(async () => {
  receiver.stop(true);
  await harness?.close();
});

test("an admin registers an endpoint: the secret is shown once, with a copy button", async () => {
  await page.getByRole("link", { name: fr["nav.outboundWebhooks"] }).click();
  await page.getByRole("heading", { name: fr["webhooks.title"], level: 1 }).waitFor();
  await page.getByText(fr["webhooks.empty"]).waitFor();
  await page.getByRole("button", { name: `+ ${fr["webhooks.new"]}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.locator('input[name="url"]').fill(endpointUrl);
  await dialog.getByLabel(fr["webhooks.event.order.confirmed"]).check();
  await screenshot(page, "outbound-webhook-form", { fullPage: false });
  await dialog.getByRole("button", { name: fr["webhooks.submit"] }).click();
  const secretInput = dialog.locator("#webhook-secret");
  await secretInput.waitFor();
  expect(await secretInput.inputValue()).toMatch(/^whsec_/);
  await dialog.getByRole("button", { name: `${fr["common.copy"]}` }).waitFor();
  await screenshot(page, "outbound-webhook-secret", { fullPage: false });
  secret = await secretInput.inputValue();
  await dialog.getByRole("button", { name: fr["webhooks.secretDone"] }).click();
  const row = page.locator(`tr[data-webhook-url="${endpointUrl}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain(fr["webhooks.event.order.confirmed"]);
  expect(await row.textContent()).toContain(fr["webhooks.enabled"]);
  // Gone from the page for good: a reload shows the endpoint, never its secret.
  await page.reload();
  await row.waitFor();
  expect(await page.content()).not.toContain(secret);
});

test("“Send test event” is delivered, signed, and shows as delivered in the log", async () => {
  const row = page.locator(`tr[data-webhook-url="${endpointUrl}"]`);
  await row.getByRole("button", { name: fr["webhooks.sendTest"] }).click();
  const log = page.getByTestId("webhook-deliveries");
  await log.locator('tr[data-delivery-status="delivered"]').waitFor();
  expect(received).toHaveLength(1);
  const [request] = received;
  expect(request!.headers.get("webhook-signature")).toBe(signatureOf(request!.headers, request!.body));
  expect(Math.abs(Number(request!.headers.get("webhook-timestamp")) - Date.now() / 1000)).toBeLessThan(60);
  expect(JSON.parse(new TextDecoder().decode(request!.body))).toMatchObject({ type: "webhook.test" });
  expect(await log.textContent()).toContain(request!.headers.get("webhook-id")!);
  await screenshot(page, "outbound-webhooks");
});

test("disable, enable, delete", async () => {
  const row = page.locator(`tr[data-webhook-url="${endpointUrl}"]`);
  await row.getByRole("button", { name: fr["webhooks.disable"] }).click();
  await row.getByText(fr["webhooks.disabled"], { exact: true }).waitFor();
  expect(await row.getByRole("button", { name: fr["webhooks.sendTest"] }).isDisabled()).toBe(true);
  await row.getByRole("button", { name: fr["webhooks.enable"] }).click();
  await row.getByText(fr["webhooks.enabled"], { exact: true }).waitFor();
  await row.getByRole("button", { name: fr["webhooks.delete"] }).click();
  await page.getByRole("dialog").getByRole("button", { name: fr["webhooks.delete"] }).click();
  await page.getByText(fr["webhooks.empty"]).waitFor();
});
