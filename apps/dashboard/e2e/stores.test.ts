import { afterAll, beforeAll, expect, test } from "bun:test";
import { signWebhook } from "@confirma/stores";
import type { BrowserContext, Page } from "playwright-core";
import { fr } from "../src/i18n/fr.ts";
import { ADMIN, plain, screenshot, signIn, startHarness, TEST_KEY, type Harness } from "./harness.ts";

/**
 * Orders from a connected store, in a real Chromium against the real server: a store set up over
 * REST with the integration key sends a signed order without a phone; the orders list shows the
 * store, its order number and the address, and filters by store; the order waits in review for a
 * number; an agent opens it and corrects the address and the phone, which the history records.
 * Then an admin connects a store through the Stores page and sees its generated secret once.
 */
let harness: Harness;
let context: BrowserContext;
let page: Page;
let store: { id: string; name: string; webhookUrl: string; webhookSecret: string };
let ownOrderId = "";

// biome-ignore lint/suspicious/noExplicitAny: the answers are read field by field, as a script would
type Json = any;

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${harness.url}${path}`, {
    method,
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Posts an order to the store's webhook URL as the store's system would: Standard Webhooks signed with its secret. */
async function deliverOrder(data: unknown) {
  const id = `msg_${crypto.randomUUID()}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ type: "order.created", data });
  const response = await fetch(store.webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signWebhook(store.webhookSecret, id, timestamp, body),
    },
    body,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { outcome: string; orderId: string };
}

beforeAll(async () => {
  harness = await startHarness();
  context = await harness.newContext();
  page = await context.newPage();
  page.setDefaultTimeout(15_000);

  const created = await rest("POST", "/api/stores", { platform: "custom", name: "Boutique Atlas", defaultCountry: "MA", defaultCurrency: "MAD" });
  expect(created.status).toBe(201);
  store = created.body;
  expect(store.webhookUrl).toBe(`${harness.url}/api/webhook/stores/${store.id}`);

  const delivered = await deliverOrder({
    id: "5001",
    number: "#1001",
    test: true,
    customer: { name: "Nadia Berrada" },
    shippingAddress: { name: "Nadia Berrada", address1: "3 rue Fès", city: "Fès", postcode: "30000", country: "MA" },
    products: [{ id: "p1", name: "Djellaba", price: "299.50", quantity: 1 }],
    total: "329.50",
    paymentMethod: "cod",
  });
  expect(delivered.outcome).toBe("created");
  // An order made here, without a store: the filter leaves it out.
  const client = await rest("POST", "/api/clients", { phoneNumber: "+33611223344", name: "Client Direct" });
  ownOrderId = (await rest("POST", "/api/orders", { clientId: client.body.id, products: [{ id: "x", name: "Produit X", price: 10, quantity: 1 }] })).body.id;

  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
});

afterAll(async () => {
  await harness?.close();
});

test("the orders list shows the store, its order number and the address, and filters by store (kept in the URL)", async () => {
  await page.getByRole("link", { name: fr["nav.orders"] }).click();
  await page.getByRole("heading", { name: fr["orders.title"], level: 1 }).waitFor();
  const row = page.locator("tr[data-order-id]", { hasText: "#1001" });
  await row.waitFor();
  expect(plain(await row.getByTestId("store-ref").textContent())).toContain("Boutique Atlas");
  expect(await row.getByTestId("store-ref").textContent()).toContain(fr["order.test"]);
  expect(await row.getByTestId("order-address").textContent()).toBe("3 rue Fès, Fès");
  await page.locator(`tr[data-order-id="${ownOrderId}"]`).waitFor();
  await screenshot(page, "orders-with-store");

  await page.locator('select[name="store"]').selectOption({ label: "Boutique Atlas" });
  await page.waitForURL(new RegExp(`store=${store.id}`));
  await page.waitForFunction((id) => !document.querySelector(`tr[data-order-id="${id}"]`), ownOrderId);
  expect(await page.locator("tr[data-order-id]").count()).toBe(1);
  // The filter survives a reload: it lives in the URL.
  await page.reload();
  await page.locator("tr[data-order-id]", { hasText: "#1001" }).waitFor();
  expect(await page.locator('select[name="store"]').inputValue()).toBe(store.id);
  expect(await page.locator("tr[data-order-id]").count()).toBe(1);
});

test("the order without a phone waits in review with that reason", async () => {
  await page.locator('.nav__link[href="/review"]').click();
  const item = page.locator(".review-item", { hasText: "#1001" });
  await item.waitFor();
  expect(await item.locator('[data-reason="no_phone"]').textContent()).toContain(fr["review.reason.no_phone"]);
  expect(await item.getByRole("button", { name: fr["review.addPhone"] }).isVisible()).toBe(true);
  await screenshot(page, "review-no-phone");
});

test("an agent opens the order, corrects the address and the phone; the order leaves review and the history says who changed what", async () => {
  await page.getByRole("link", { name: fr["nav.orders"] }).click();
  await page.locator("tr[data-order-id]", { hasText: "#1001" }).getByTestId("order-link").click();
  await page.getByRole("heading", { name: "Commande #1001", level: 1 }).waitFor();
  expect(plain(await page.getByTestId("shipping-address").textContent())).toContain("3 rue Fès");
  expect(await page.getByTestId("order-phone").textContent()).toBe(fr["order.noPhone"]);
  await page.locator('.history__item[data-reason="store:created"]').waitFor();
  expect(await page.locator('.history__item[data-reason="store:created"]').textContent()).toContain(fr["history.reason.store_created"]);

  await page.getByRole("button", { name: fr["details.edit"] }).click();
  const dialog = page.getByRole("dialog", { name: fr["details.title"] });
  // A number that is no phone number is refused, and nothing changes.
  await dialog.locator('input[name="phone"]').fill("12");
  await dialog.getByRole("button", { name: fr["details.save"] }).click();
  expect(await dialog.getByRole("alert").textContent()).toBe(fr["error.invalid_phone"]);
  await dialog.locator('input[name="phone"]').fill("06 62 00 07 01");
  await dialog.locator('input[name="address.address1"]').fill("5 avenue Hassan II");
  await screenshot(page, "order-details-form");
  await dialog.getByRole("button", { name: fr["details.save"] }).click();
  await dialog.waitFor({ state: "hidden" });

  await page.getByTestId("order-phone").filter({ hasText: "+212662000701" }).waitFor();
  expect(plain(await page.getByTestId("shipping-address").textContent())).toContain("5 avenue Hassan II");
  const corrected = page.locator('.history__item[data-action="order.details_changed"]');
  await corrected.waitFor();
  const text = plain(await corrected.textContent());
  expect(text).toContain("Adresse corrigée : « Nadia Berrada, 3 rue Fès, 30000 Fès, MA » → « Nadia Berrada, 5 avenue Hassan II, 30000 Fès, MA »");
  expect(text).toContain("Numéro corrigé : — → +212662000701");
  expect(text).toContain(fr["history.by.you"]);
  expect(await page.locator(".notice[data-reason]").count()).toBe(0);
  await screenshot(page, "order-page");

  await page.locator('.nav__link[href="/review"]').click();
  await page.getByText(fr["review.empty"]).waitFor();
});

test("during the call, the agent corrects the address from the call card", async () => {
  const order = (await rest("GET", `/api/orders?storeId=${store.id}`)).body.items[0];
  expect((await rest("PUT", `/api/orders/${order.id}`, { status: "no_answer" })).status).toBe(200);
  await page.locator('.nav__link[href="/calls"]').click();
  const card = page.locator(`.call-item[data-order-id="${order.id}"]`);
  await card.waitFor();
  expect(plain(await card.getByTestId("store-ref").textContent())).toContain("Boutique Atlas");
  expect(await card.getByTestId("order-address").textContent()).toBe("5 avenue Hassan II, Fès");
  await card.locator('[data-action="claim"]').click();
  await card.locator('[data-action="edit-details"]').click();
  const dialog = page.getByRole("dialog", { name: fr["details.title"] });
  expect(await dialog.locator('input[name="phone"]').inputValue()).toBe("+212662000701");
  await dialog.locator('input[name="address.city"]').fill("Meknès");
  await dialog.getByRole("button", { name: fr["details.save"] }).click();
  await card.getByTestId("order-address").filter({ hasText: "5 avenue Hassan II, Meknès" }).waitFor();
  await screenshot(page, "call-card-store");
  await card.locator('[data-action="release"]').click();
});

test("an admin connects a WooCommerce store on the Stores page: the generated secret is shown once, then only “set”", async () => {
  await page.getByRole("link", { name: fr["nav.stores"] }).click();
  await page.getByRole("heading", { name: fr["stores.title"], level: 1 }).waitFor();
  const atlas = page.locator(`.store-card[data-store-id="${store.id}"]`);
  await atlas.waitFor();
  expect(await atlas.getByTestId("store-webhook-url").inputValue()).toBe(store.webhookUrl);
  expect(await atlas.getAttribute("data-health")).toBe("ok");
  expect(await atlas.textContent()).toContain("Dernière commande reçue le");

  await page.getByRole("button", { name: fr["stores.new"] }).first().click();
  const dialog = page.getByRole("dialog", { name: fr["stores.new"] });
  await dialog.locator('select[name="platform"]').selectOption("woocommerce");
  // The fields follow the platform: a site URL, WooCommerce's keys, no Shopify domain.
  expect(await dialog.locator('input[name="shopDomain"]').count()).toBe(0);
  await dialog.getByRole("button", { name: fr["stores.connect"] }).click();
  expect(await dialog.locator('input[name="siteUrl"]').getAttribute("aria-invalid")).toBe("true");
  await dialog.locator('input[name="name"]').fill("Atlas Woo");
  await dialog.locator('input[name="siteUrl"]').fill("https://atlas-woo.example.com");
  await dialog.locator('input[name="consumerKey"]').fill("ck_e2e_key_value");
  await dialog.locator('input[name="consumerSecret"]').fill("cs_e2e_secret_value");
  await dialog.locator('input[name="ownStatusMap"]').check();
  await dialog.locator('input[name="statusMap.confirmed"]').fill("wc-confirmed");
  await screenshot(page, "store-form");
  await dialog.getByRole("button", { name: fr["stores.connect"] }).click();

  const connected = page.getByRole("dialog", { name: fr["stores.connectedTitle"] });
  const secretField = connected.getByTestId("generated-secret");
  await secretField.waitFor();
  const secret = await secretField.inputValue();
  expect(secret.length).toBeGreaterThan(20);
  expect(await connected.textContent()).toContain(fr["stores.secretOnce"]);
  await screenshot(page, "store-connected");
  await connected.getByRole("button", { name: fr["stores.secretCopied"] }).click();

  const woo = page.locator(".store-card", { hasText: "Atlas Woo" });
  await woo.waitFor();
  expect(await woo.getAttribute("data-health")).toBe("waiting");
  const secrets = plain(await woo.getByTestId("store-secrets").textContent());
  expect(secrets).toContain(`${fr["stores.secret.woocommerce.webhookSecret"]} : ${fr["stores.secret.set"]}`);
  // Never shown again: not on the page, not in the API's answers.
  expect(await page.content()).not.toContain(secret);
  expect(JSON.stringify((await rest("GET", "/api/stores")).body)).not.toContain(secret);
  expect(JSON.stringify((await rest("GET", "/api/stores")).body)).not.toContain("cs_e2e_secret_value");
  await screenshot(page, "stores");

  // Editing shows no secret, only whether it is set; the store's own status map is kept.
  await woo.getByRole("button", { name: fr["stores.edit"] }).click();
  const edit = page.getByRole("dialog", { name: "Modifier Atlas Woo" });
  expect(await edit.locator('input[name="webhookSecret"]').inputValue()).toBe("");
  expect(await edit.textContent()).toContain("Actuellement : enregistré.");
  expect(await edit.locator('input[name="statusMap.confirmed"]').inputValue()).toBe("wc-confirmed");
  await edit.locator('input[name="name"]').fill("Atlas Woo Maroc");
  await edit.getByRole("button", { name: fr["common.save"] }).click();
  await page.locator(".store-card", { hasText: "Atlas Woo Maroc" }).waitFor();

  // Deleting asks first.
  await page.locator(".store-card", { hasText: "Atlas Woo Maroc" }).getByRole("button", { name: fr["stores.delete"] }).click();
  const confirm = page.getByRole("dialog", { name: "Supprimer Atlas Woo Maroc ?" });
  await confirm.getByRole("button", { name: fr["stores.delete"] }).click();
  await page.locator(".store-card", { hasText: "Atlas Woo Maroc" }).waitFor({ state: "detached" });
  expect(await page.locator(".store-card").count()).toBe(1);
});

test("an agent sees the store on orders and filters by it, but the Stores page is for admins", async () => {
  await rest("POST", "/api/stores", { platform: "custom", name: "Autre boutique" });
  const admin = await rest("GET", "/api/stores");
  expect(admin.body.items).toHaveLength(2);
  const users = await page.evaluate(async () => {
    const response = await fetch("/trpc/users.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "agent-stores@example.com", name: "Salma", password: "agent-password-e2e", role: "agent" }),
    });
    return response.status;
  });
  expect(users).toBe(200);
  const agentContext = await harness.newContext();
  try {
    const agent = await agentContext.newPage();
    agent.setDefaultTimeout(15_000);
    await signIn(agent, "agent-stores@example.com", "agent-password-e2e");
    await agent.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
    expect(await agent.getByRole("link", { name: fr["nav.stores"] }).count()).toBe(0);
    await agent.goto(`/orders?store=${store.id}`);
    await agent.locator("tr[data-order-id]", { hasText: "#1001" }).waitFor();
    expect(await agent.locator('select[name="store"] option').allTextContents()).toEqual([fr["common.allFeminine"], "Boutique Atlas", "Autre boutique"]);
    await agent.goto("/stores");
    await agent.getByTestId("forbidden").waitFor();
  } finally {
    await agentContext.close();
  }
});
