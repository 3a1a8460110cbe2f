import { expect, test } from "bun:test";
import { signWebhook } from "@confirma/stores";
import { fr } from "../src/i18n/fr.ts";
import { openAs, openLive, uniquePhone } from "./fixtures.ts";
import { plain, screenshot, TEST_KEY, useHarness } from "./harness.ts";

/**
 * Orders from a connected store, in a real Chromium against the real server: a store set up over
 * REST with the integration key sends a signed order without a phone; the orders list shows the
 * store, its order number and the address, and filters by store; the order waits in review for a
 * number; an agent opens it and corrects the address and the phone, which the history records.
 * An admin connects a store through the Stores page and sees its generated secret once. Each test
 * connects its own store and receives its own order, so each passes alone.
 */
const harness = useHarness();

// biome-ignore lint/suspicious/noExplicitAny: the answers are read field by field, as a script would
type Json = any;
interface Store {
  id: string;
  name: string;
  webhookUrl: string;
  webhookSecret: string;
}

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${harness.url}${path}`, {
    method,
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

let stores = 0;
/** A `custom` store of its own (Moroccan defaults), set up over REST with the integration key. */
async function connectStore(name = `Boutique Atlas ${++stores}-${crypto.randomUUID().slice(0, 4)}`): Promise<Store> {
  const created = await rest("POST", "/api/stores", { platform: "custom", name, defaultCountry: "MA", defaultCurrency: "MAD" });
  expect(created.status).toBe(201);
  expect(created.body.webhookUrl).toBe(`${harness.url}/api/webhook/stores/${created.body.id}`);
  return created.body;
}

/** A store order number no other test uses. */
const orderNumber = () => `#${1000 + Math.floor(Math.random() * 9_000_000)}`;

/** Posts an order to the store's webhook URL as the store's system would: Standard Webhooks signed with its secret. */
async function deliverOrder(
  store: Store,
  { number, phone, address1 = "3 rue Fès", city = "Fès" }: { number: string; phone?: string; address1?: string; city?: string },
) {
  const id = `msg_${crypto.randomUUID()}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    type: "order.created",
    data: {
      id: number.slice(1),
      number,
      test: true,
      customer: { name: "Nadia Berrada", ...(phone ? { phone } : {}) },
      shippingAddress: { name: "Nadia Berrada", address1, city, postcode: "30000", country: "MA" },
      products: [{ id: "p1", name: "Djellaba", price: "299.50", quantity: 1 }],
      total: "329.50",
      paymentMethod: "cod",
    },
  });
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
  const answer = (await response.json()) as { outcome: string; orderId: string };
  expect(answer.outcome).toBe("created");
  return answer.orderId;
}

test("the orders list shows the store, its order number and the address, and filters by store (kept in the URL)", async () => {
  const store = await connectStore();
  const number = orderNumber();
  await deliverOrder(store, { number });
  // An order made here, without a store: the filter leaves it out.
  const client = await rest("POST", "/api/clients", { phoneNumber: uniquePhone(), name: "Client Direct" });
  const ownOrderId = (await rest("POST", "/api/orders", { clientId: client.body.id, products: [{ id: "x", name: "Produit X", price: 10, quantity: 1 }] })).body
    .id;
  const { page } = await openAs(harness, undefined, { path: "/" });
  await page.getByRole("link", { name: fr["nav.orders"] }).click();
  await page.getByRole("heading", { name: fr["orders.title"], level: 1 }).waitFor();
  const row = page.locator("tr[data-order-id]", { hasText: number });
  await row.waitFor();
  expect(plain(await row.getByTestId("store-ref").textContent())).toContain(store.name);
  expect(await row.getByTestId("store-ref").textContent()).toContain(fr["order.test"]);
  expect(await row.getByTestId("order-address").textContent()).toBe("3 rue Fès, Fès");
  await page.locator(`tr[data-order-id="${ownOrderId}"]`).waitFor();
  await screenshot(page, "orders-with-store");

  await page.locator('select[name="store"]').selectOption({ label: store.name });
  await page.waitForURL(new RegExp(`store=${store.id}`));
  await page.waitForFunction((id) => !document.querySelector(`tr[data-order-id="${id}"]`), ownOrderId);
  expect(await page.locator("tr[data-order-id]").count()).toBe(1);
  // The filter survives a reload: it lives in the URL.
  await page.reload();
  await page.locator("tr[data-order-id]", { hasText: number }).waitFor();
  expect(await page.locator('select[name="store"]').inputValue()).toBe(store.id);
  expect(await page.locator("tr[data-order-id]").count()).toBe(1);
});

test("the order without a phone waits in review with that reason", async () => {
  const number = orderNumber();
  await deliverOrder(await connectStore(), { number });
  const { page } = await openAs(harness, undefined, { path: "/review" });
  const item = page.locator(".review-item", { hasText: number });
  await item.waitFor();
  expect(await item.locator('[data-reason="no_phone"]').textContent()).toContain(fr["review.reason.no_phone"]);
  expect(await item.getByRole("button", { name: fr["review.addPhone"] }).isVisible()).toBe(true);
  await screenshot(page, "review-no-phone");
});

test("an agent opens the order, corrects the address and the phone; the order leaves review and the history says who changed what", async () => {
  const number = orderNumber();
  await deliverOrder(await connectStore(), { number });
  const phone = uniquePhone();
  const { page } = await openAs(harness, undefined, { path: "/orders" });
  await page.locator("tr[data-order-id]", { hasText: number }).getByTestId("order-link").click();
  await page.getByRole("heading", { name: `Commande ${number}`, level: 1 }).waitFor();
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
  await dialog.locator('input[name="phone"]').fill(phone);
  await dialog.locator('input[name="address.address1"]').fill("5 avenue Hassan II");
  await screenshot(page, "order-details-form");
  await dialog.getByRole("button", { name: fr["details.save"] }).click();
  await dialog.waitFor({ state: "hidden" });

  await page.getByTestId("order-phone").filter({ hasText: phone }).waitFor();
  expect(plain(await page.getByTestId("shipping-address").textContent())).toContain("5 avenue Hassan II");
  const corrected = page.locator('.history__item[data-action="order.details_changed"]');
  await corrected.waitFor();
  const text = plain(await corrected.textContent());
  expect(text).toContain("Adresse corrigée : « Nadia Berrada, 3 rue Fès, 30000 Fès, MA » → « Nadia Berrada, 5 avenue Hassan II, 30000 Fès, MA »");
  expect(text).toContain(`Numéro corrigé : — → ${phone}`);
  expect(text).toContain(fr["history.by.you"]);
  expect(await page.locator(".notice[data-reason]").count()).toBe(0);
  await screenshot(page, "order-page");

  await page.locator('.nav__link[href="/review"]').click();
  await page.getByRole("heading", { name: fr["review.title"], level: 1 }).waitFor();
  await page.locator(".review-item", { hasText: number }).waitFor({ state: "detached" });
});

test("during the call, the agent corrects the address from the call card", async () => {
  const store = await connectStore();
  const phone = uniquePhone();
  const orderId = await deliverOrder(store, { number: orderNumber(), phone, address1: "5 avenue Hassan II" });
  expect((await rest("PUT", `/api/orders/${orderId}`, { status: "no_answer" })).status).toBe(200);
  const { page } = await openAs(harness, undefined, { path: "/calls" });
  const card = page.locator(`.call-item[data-order-id="${orderId}"]`);
  await card.waitFor();
  expect(plain(await card.getByTestId("store-ref").textContent())).toContain(store.name);
  expect(await card.getByTestId("order-address").textContent()).toBe("5 avenue Hassan II, Fès");
  await card.locator('[data-action="claim"]').click();
  await card.locator('[data-action="edit-details"]').click();
  const dialog = page.getByRole("dialog", { name: fr["details.title"] });
  expect(await dialog.locator('input[name="phone"]').inputValue()).toBe(phone);
  await dialog.locator('input[name="address.city"]').fill("Meknès");
  await dialog.getByRole("button", { name: fr["details.save"] }).click();
  await card.getByTestId("order-address").filter({ hasText: "5 avenue Hassan II, Meknès" }).waitFor();
  await screenshot(page, "call-card-store");
  await card.locator('[data-action="release"]').click();
});

test("an admin connects a WooCommerce store on the Stores page: the generated secret is shown once, then only “set”", async () => {
  const store = await connectStore();
  await deliverOrder(store, { number: orderNumber() });
  const { page } = await openAs(harness, undefined, { path: "/" });
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
  await atlas.waitFor();
});

test("an agent sees the store on orders and filters by it, but the Stores page is for admins", async () => {
  const store = await connectStore();
  const number = orderNumber();
  await deliverOrder(store, { number });
  const other = await connectStore(`Autre boutique ${crypto.randomUUID().slice(0, 4)}`);
  const { api } = await openAs(harness);
  const agentAccount = { email: `agent-stores-${crypto.randomUUID().slice(0, 8)}@example.com`, password: "agent-password-e2e" };
  await api.users.create.mutate({ ...agentAccount, name: "Salma", role: "agent" });
  const { page: agent } = await openAs(harness, agentAccount, { path: "/" });
  await agent.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
  expect(await agent.getByRole("link", { name: fr["nav.stores"] }).count()).toBe(0);
  await openLive(agent, `/orders?store=${store.id}`);
  await agent.locator("tr[data-order-id]", { hasText: number }).waitFor();
  const options = await agent.locator('select[name="store"] option').allTextContents();
  expect(options[0]).toBe(fr["common.allFeminine"]);
  expect(options).toContain(store.name);
  expect(options).toContain(other.name);
  await agent.goto("/stores");
  await agent.getByTestId("forbidden").waitFor();
});
