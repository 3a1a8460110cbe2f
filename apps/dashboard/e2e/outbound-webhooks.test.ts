import { afterAll, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { fr } from "../src/i18n/fr.ts";
import { openAs, openLive } from "./fixtures.ts";
import { screenshot, useHarness } from "./harness.ts";

/**
 * The outbound webhooks page in a real Chromium against the real server process: register an
 * endpoint (its secret shown once, with a copy button), send a test event that the running
 * dispatcher delivers to a receiver on 127.0.0.1, read it in the delivery log, disable, delete.
 * Each test registers its own endpoint (its own address on the receiver), so each passes alone.
 */
const received = new Map<string, { headers: Headers; body: Uint8Array }[]>();
const receiver = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  async fetch(request) {
    const path = new URL(request.url).pathname;
    received.set(path, [...(received.get(path) ?? []), { headers: request.headers, body: new Uint8Array(await request.arrayBuffer()) }]);
    return new Response(null, { status: 204 });
  },
});
/** An address on the receiver no other test uses. */
const endpointPath = () => `/erp/${crypto.randomUUID()}`;
const urlOf = (path: string) => `http://127.0.0.1:${receiver.port}${path}`;

const harness = useHarness({ env: { OUTBOUND_ALLOW_PRIVATE_NETWORKS: "true" } });
afterAll(() => {
  receiver.stop(true);
});

/** The receiver's check, written from the README as a merchant would: HMAC-SHA256 of `id.timestamp.body` with the secret's bytes. */
function signatureOf(secret: string, headers: Headers, body: Uint8Array): string {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const signed = Buffer.concat([Buffer.from(`${headers.get("webhook-id")}.${headers.get("webhook-timestamp")}.`), body]);
  return `v1,${createHmac("sha256", key).update(signed).digest("base64")}`;
}

test("an admin registers an endpoint: the secret is shown once, with a copy button", async () => {
  const endpointUrl = urlOf(endpointPath());
  const { page } = await openAs(harness, undefined, { path: "/" });
  await page.getByRole("link", { name: fr["nav.outboundWebhooks"] }).click();
  await page.getByRole("heading", { name: fr["webhooks.title"], level: 1 }).waitFor();
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
  const secret = await secretInput.inputValue();
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
  const path = endpointPath();
  const { page, api } = await openAs(harness);
  const { secret } = await api.outboundWebhooks.create.mutate({ url: urlOf(path), events: ["order.confirmed"] });
  await openLive(page, "/outbound-webhooks");
  const row = page.locator(`tr[data-webhook-url="${urlOf(path)}"]`);
  await row.getByRole("button", { name: fr["webhooks.sendTest"] }).click();
  const log = page.getByTestId("webhook-deliveries");
  await log.locator('tr[data-delivery-status="delivered"]').waitFor();
  const requests = received.get(path) ?? [];
  expect(requests).toHaveLength(1);
  const [request] = requests;
  expect(request!.headers.get("webhook-signature")).toBe(signatureOf(secret, request!.headers, request!.body));
  expect(Math.abs(Number(request!.headers.get("webhook-timestamp")) - Date.now() / 1000)).toBeLessThan(60);
  expect(JSON.parse(new TextDecoder().decode(request!.body))).toMatchObject({ type: "webhook.test" });
  expect(await log.textContent()).toContain(request!.headers.get("webhook-id")!);
  await screenshot(page, "outbound-webhooks");
});

test("disable, enable, delete", async () => {
  const endpointUrl = urlOf(endpointPath());
  const { page, api } = await openAs(harness);
  await api.outboundWebhooks.create.mutate({ url: endpointUrl, events: ["order.confirmed"] });
  await openLive(page, "/outbound-webhooks");
  const row = page.locator(`tr[data-webhook-url="${endpointUrl}"]`);
  await row.getByRole("button", { name: fr["webhooks.disable"] }).click();
  await row.getByText(fr["webhooks.disabled"], { exact: true }).waitFor();
  expect(await row.getByRole("button", { name: fr["webhooks.sendTest"] }).isDisabled()).toBe(true);
  await row.getByRole("button", { name: fr["webhooks.enable"] }).click();
  await row.getByText(fr["webhooks.enabled"], { exact: true }).waitFor();
  await row.getByRole("button", { name: fr["webhooks.delete"] }).click();
  await page.getByRole("dialog").getByRole("button", { name: fr["webhooks.delete"] }).click();
  await row.waitFor({ state: "detached" });
  expect(await api.outboundWebhooks.list.query()).not.toContainEqual(expect.objectContaining({ url: endpointUrl }));
});
