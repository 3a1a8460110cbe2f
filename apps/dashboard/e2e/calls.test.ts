import { afterAll, beforeAll, expect, test } from "bun:test";
import type { BrowserContext, Page } from "playwright-core";
import { en } from "../src/i18n/en.ts";
import { fr } from "../src/i18n/fr.ts";
import { ADMIN, plain, postWebhook, screenshot, signIn, startHarness, TEST_KEY, type Harness } from "./harness.ts";

/**
 * The confirmation loop as agents live it, in a real Chromium against the real server (which
 * sends with WHATSAPP_SENDER=log): the confirmation request shows in the thread with its tick,
 * an agent replies inside the 24-hour window, two agents share the call queue without calling
 * the same customer, and an admin tunes the reminders.
 */
let harness: Harness;
let adminContext: BrowserContext;
let admin: Page;
const PHONE = "+33698765432";
const JID = "33698765432@s.whatsapp.net";
let clientId = "";
let orderId = "";

/** Calls a tRPC procedure from the page, with its session cookie (same origin). */
async function trpc<T>(page: Page, path: string, input: unknown, type: "query" | "mutation" = "mutation"): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, input, type }) => {
      const response =
        type === "query"
          ? await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
          : await fetch(`/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
      return { status: response.status, body: await response.json() };
    },
    { path, input, type },
  ) as Promise<{ status: number; body: T }>;
}

async function newAgentPage(email: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await harness.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, email, password);
  await page.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
  await page.locator('.live[data-live="live"]').waitFor();
  return { context, page };
}

beforeAll(async () => {
  harness = await startHarness();
  adminContext = await harness.newContext();
  admin = await adminContext.newPage();
  admin.setDefaultTimeout(15_000);
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
});

afterAll(async () => {
  await harness?.close();
});

test("an order created in the dashboard sends the confirmation request: it shows in the thread with a sent tick", async () => {
  const created = await fetch(`${harness.url}/api/clients`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: JSON.stringify({ phoneNumber: PHONE, name: "Fatou Diop" }),
  });
  expect(created.status).toBe(201);
  clientId = ((await created.json()) as { id: string }).id;

  await admin.goto(`/clients/${clientId}`);
  await admin.getByRole("heading", { name: "Fatou Diop", level: 1 }).waitFor();
  await admin.locator('.live[data-live="live"]').waitFor();
  // The customer never wrote: no free text, and no order to ask about yet.
  const closed = admin.getByTestId("reply-closed");
  await closed.waitFor();
  expect(await closed.textContent()).toContain(fr["reply.closedNever"]);
  expect(await closed.textContent()).toContain(fr["reply.nothingToAsk"]);

  await admin.getByRole("button", { name: fr["client.newOrder"] }).click();
  const form = admin.getByRole("dialog", { name: fr["orderForm.title"] });
  await form.locator('input[name="lines.0.name"]').fill("Robe d’été");
  await form.locator('input[name="lines.0.price"]').fill("35");
  await form.getByRole("button", { name: fr["orderForm.submit"] }).click();
  const order = admin.locator('.order-item[data-status="pending"]');
  await order.waitFor();
  orderId = (await order.getAttribute("data-order-id"))!;

  // The job runner sends the request within a second; the log sender marks it sent.
  const request = admin.locator('.bubble[data-direction="out"]', { hasText: "Robe d’été" });
  await request.waitFor();
  await admin.locator('.bubble[data-direction="out"][data-status="sent"]').waitFor();
  expect(await request.locator(".delivery--sent").count()).toBe(1);
  expect(await request.locator(".delivery--sent .visually-hidden").textContent()).toBe(fr["client.messageStatus.sent"]);
  expect(plain(await request.locator(".bubble__body").textContent())).toContain("35,00 €");
  // Outside the window, the reply box offers the template again instead.
  await closed.getByRole("button", { name: fr["action.order.resend"] }).waitFor();
});

test("after the customer writes, an agent replies from the thread; the reply turns sent", async () => {
  await postWebhook(harness.url, JID, "c'est combien ?");
  await admin.locator('.bubble[data-direction="in"]', { hasText: "c'est combien ?" }).waitFor();
  const reply = admin.locator("#reply-text");
  await reply.waitFor();
  expect(await admin.locator("#reply-help").textContent()).toContain("ouverte jusqu’au");

  await reply.fill("Bonjour Fatou, le total est de 35,00 €, livraison comprise.");
  await reply.press("Enter");
  const sent = admin.locator('.bubble[data-direction="out"]', { hasText: "livraison comprise" });
  await sent.waitFor();
  await admin.locator('.bubble[data-direction="out"][data-status="sent"]', { hasText: "livraison comprise" }).waitFor();
  expect(await reply.inputValue()).toBe("");

  // The order's status history says who did what.
  await admin.locator(`.order-item[data-order-id="${orderId}"] .order-history summary`).click();
  const history = admin.locator(`.order-item[data-order-id="${orderId}"] .history__item[data-reason="created"]`);
  await history.waitFor();
  expect(await history.textContent()).toContain(fr["history.by.you"]);

  await screenshot(admin, "client-thread");
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.waitForTimeout(150);
  await screenshot(admin, "client-thread-390");
  await admin.setViewportSize({ width: 1280, height: 860 });
});

test("every delivery status has its tick; a failure's reason shows on keyboard focus and is read out", async () => {
  // The log sender never fails and nothing delivers "read" to it: the thread's answer is rewritten in the browser instead.
  const context = await harness.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const statuses = ["queued", "sent", "delivered", "read", "failed"] as const;
    await page.route(/\/trpc\/[^?]*messages\.list/, async (route) => {
      const response = await route.fetch();
      const paths = new URL(route.request().url()).pathname.replace("/trpc/", "").split(",");
      const body = (await response.json()) as { result: { data: { items: Record<string, unknown>[] } } }[];
      const answer = body[paths.indexOf("messages.list")];
      const template = answer?.result.data.items.find((item) => item.direction === "out");
      if (answer && template) {
        const at = Date.now();
        answer.result.data.items = [
          ...statuses
            .map((status, index) => ({
              ...template,
              id: `zz-${status}`,
              body: `Message ${status}`,
              status,
              sentAt: new Date(at + index * 1000).toISOString(),
              ...(status === "failed" ? { errorCode: "131026", errorReason: "Message undeliverable" } : {}),
            }))
            .reverse(),
          ...answer.result.data.items,
        ];
      }
      await route.fulfill({ response, json: body });
    });
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole("heading", { name: fr["overview.title"], level: 1 }).waitFor();
    await page.goto(`/clients/${clientId}`);
    for (const status of statuses) await page.locator(`.bubble[data-status="${status}"] .delivery--${status}`).first().waitFor();
    expect(await page.locator('.bubble[data-status="read"] .visually-hidden').last().textContent()).toBe(fr["client.messageStatus.read"]);
    const readColor = await page
      .locator(".delivery--read")
      .first()
      .evaluate((element) => getComputedStyle(element).color);
    const sentColor = await page
      .locator(".delivery--sent")
      .first()
      .evaluate((element) => getComputedStyle(element).color);
    expect(readColor).not.toBe(sentColor);

    const failed = page.locator('.bubble[data-status="failed"]').getByRole("button", { name: fr["client.messageStatus.failed"] });
    const tip = page.locator('.bubble[data-status="failed"] .delivery__tip');
    expect(await tip.evaluate((element) => getComputedStyle(element).visibility)).toBe("hidden");
    await failed.focus();
    await page.waitForTimeout(200);
    expect(await tip.evaluate((element) => getComputedStyle(element).visibility)).toBe("visible");
    expect(await tip.textContent()).toBe("Message undeliverable (131026)");
    // A screen reader reads the reason with the status, in the button's name.
    expect(plain(await failed.evaluate((element) => element.querySelector(".visually-hidden")?.textContent ?? null))).toBe(": Message undeliverable (131026)");
    expect(await page.locator('.bubble[data-status="failed"]').getByRole("button", { name: "Message undeliverable (131026)" }).count()).toBe(1);
    await screenshot(page, "client-ticks", { fullPage: false });
  } finally {
    await context.close();
  }
});

test("the call queue: an unclear reply puts the order there; one agent claims it, the other sees it and cannot; a call back in 2 h takes it out", async () => {
  for (const [email, name] of [
    ["amina@example.com", "Amina"],
    ["karim@example.com", "Karim"],
  ]) {
    const created = await trpc(admin, "users.create", { email, name, password: "agent-password-e2e", role: "agent" });
    expect(created.status).toBe(200);
  }
  const a = await newAgentPage("amina@example.com", "agent-password-e2e");
  const b = await newAgentPage("karim@example.com", "agent-password-e2e");
  try {
    for (const agent of [a.page, b.page]) {
      await agent.getByRole("link", { name: fr["nav.calls"] }).click();
      await agent.getByRole("heading", { name: fr["calls.title"], level: 1 }).waitFor();
    }
    expect(await b.page.locator('.nav__count[data-queue="calls"]').textContent()).toContain("1");

    const itemA = a.page.locator(`.call-item[data-order-id="${orderId}"]`);
    const itemB = b.page.locator(`.call-item[data-order-id="${orderId}"]`);
    await itemA.waitFor();
    expect(await itemA.getAttribute("data-reason")).toBe("unclear");
    expect(await itemA.locator(".badge--reason-unclear").textContent()).toBe(fr["calls.reason.unclear"]);
    expect(await itemA.textContent()).toContain("Fatou Diop");
    expect(await itemA.textContent()).toContain("c'est combien ?");
    expect(plain(await itemA.locator(".call-item__order strong").textContent())).toBe("35,00 €");
    expect(await itemA.locator(`a[href="tel:${PHONE}"]`).count()).toBe(1);
    expect(await itemA.locator('a[href="https://wa.me/33698765432"]').count()).toBe(1);
    expect(await itemA.locator(".call-item__last").textContent()).toContain(fr["client.messageStatus.sent"]);

    await itemA.getByRole("button", { name: fr["calls.claim"] }).click();
    await a.page.locator(`.call-item[data-order-id="${orderId}"][data-claim="mine"]`).waitFor();
    await itemA.getByTestId("outcome-form").waitFor();

    // Agent B sees the claim live, without a reload, and cannot take it.
    await b.page.locator(`.call-item[data-order-id="${orderId}"][data-claim="other"]`).waitFor();
    expect(await itemB.getByTestId("claimed-by").textContent()).toBe("En cours : Amina");
    expect(await itemB.getByRole("button", { name: fr["calls.claim"] }).isDisabled()).toBe(true);
    const refused = await trpc<{ error: { message: string; data: { errorCode: string } } }>(b.page, "calls.claim", { orderId });
    expect(refused.status).toBe(409);
    expect(refused.body.error.data.errorCode).toBe("conflict");
    expect(refused.body.error.message).toContain("Amina");
    await screenshot(b.page, "calls-claimed-by-other");

    await itemA.getByText(fr["calls.outcome.call_back"], { exact: true }).click();
    const when = itemA.locator('input[name="callBackAt"]');
    await when.waitFor();
    const inTwoHours = await a.page.evaluate(() => {
      const at = new Date(Date.now() + 2 * 3_600_000);
      const pad = (value: number) => String(value).padStart(2, "0");
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
    });
    await when.fill(inTwoHours);
    await itemA.locator('textarea[name="note"]').fill("Rappeler après le travail.");
    await screenshot(a.page, "calls");
    await a.page.setViewportSize({ width: 390, height: 844 });
    await a.page.waitForTimeout(150);
    await screenshot(a.page, "calls-390");
    await a.page.setViewportSize({ width: 1280, height: 860 });

    await itemA.getByRole("button", { name: fr["calls.record"] }).click();
    await a.page.getByText(fr["calls.empty"]).waitFor();
    await b.page.getByText(fr["calls.empty"]).waitFor();

    const outcomes = await trpc<{ result: { data: { outcome: string; callBackAt: string; userName: string; note: string }[] } }>(
      a.page,
      "calls.outcomes",
      { orderId },
      "query",
    );
    const [outcome] = outcomes.body.result.data;
    expect(outcome).toMatchObject({ outcome: "call_back", userName: "Amina", note: "Rappeler après le travail." });
    expect(Math.abs(Date.parse(outcome!.callBackAt) - (Date.now() + 2 * 3_600_000))).toBeLessThan(3 * 60_000);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test("review: “Laisser en attente” takes the order out of the queue without changing its status, and the history says so", async () => {
  await admin.getByRole("navigation").getByRole("link", { name: fr["nav.review"] }).click();
  await admin.getByRole("heading", { name: fr["review.title"], level: 1 }).waitFor();
  const item = admin.locator(`.review-item[data-order-id="${orderId}"]`);
  await item.waitFor();
  await item.getByRole("button", { name: fr["review.keepPending"] }).click();
  await admin.getByText(fr["review.empty"]).waitFor();

  await admin.goto(`/clients/${clientId}`);
  const order = admin.locator(`.order-item[data-order-id="${orderId}"]`);
  await order.waitFor();
  expect(await order.getAttribute("data-status")).toBe("pending");
  expect(await order.locator(".badge--review").count()).toBe(0);
  await order.locator(".order-history summary").click();
  const dismissed = order.locator('.history__item[data-reason="review_dismissed"]');
  await dismissed.waitFor();
  expect(await dismissed.textContent()).toContain(fr["history.reason.review_dismissed"]);
  expect(await dismissed.textContent()).toContain(fr["history.by.you"]);
});

test("an admin changes the reminders: a wrong duration is flagged next to its field, the saved values persist after a reload", async () => {
  await admin.getByRole("link", { name: fr["nav.settings"] }).click();
  await admin.getByRole("heading", { name: fr["settings.title"], level: 1 }).waitFor();
  const form = admin.getByTestId("confirmation-form");
  await form.waitFor();
  expect(await form.locator('input[name="reminders.0"]').inputValue()).toBe("2 h");
  expect(await form.locator('input[name="reminders.1"]').inputValue()).toBe("1 j");
  expect(await form.locator('input[name="timeout"]').inputValue()).toBe("2 j");

  await form.locator('input[name="reminders.0"]').fill("bientôt");
  await form.getByRole("button", { name: fr["common.save"] }).click();
  const error = form.locator("#cf-reminders-0-error");
  await error.waitFor();
  expect(await error.textContent()).toBe(fr["settings.error.duration"]);
  expect(await form.locator('input[name="reminders.0"]').getAttribute("aria-invalid")).toBe("true");

  await form.locator('input[name="reminders.0"]').fill("30 min");
  await form.locator('input[name="reminders.1"]').fill("3h");
  await form.getByRole("button", { name: fr["settings.confirmation.addReminder"] }).click();
  await form.locator('input[name="reminders.2"]').fill("1 jour");
  // The message texts: the built-in ones are the placeholders; the preview follows what is typed.
  expect(await form.locator('input[name="texts.fr.confirmButton"]').getAttribute("placeholder")).toBe("Confirmer");
  await form.locator('input[name="texts.fr.confirmButton"]').fill("Oui, je confirme");
  expect(await form.getByTestId("message-preview").textContent()).toContain("Oui, je confirme");
  expect(await form.getByTestId("message-preview").textContent()).toContain("Amina");
  await screenshot(admin, "settings-confirmation");
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.waitForTimeout(150);
  await screenshot(admin, "settings-confirmation-390");
  await admin.setViewportSize({ width: 1280, height: 860 });

  await form.getByRole("button", { name: fr["common.save"] }).click();
  await admin.getByText(fr["settings.confirmation.saved"]).waitFor();
  expect(await form.locator("#cf-reminders-0-error").count()).toBe(0);

  await admin.reload();
  const reloaded = admin.getByTestId("confirmation-form");
  await reloaded.waitFor();
  expect(await reloaded.locator('input[name^="reminders."]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual([
    "30 min",
    "3 h",
    "1 j",
  ]);
  expect(await reloaded.locator('input[name="texts.fr.confirmButton"]').inputValue()).toBe("Oui, je confirme");
  const saved = await trpc<{ result: { data: { settings: { remindersMs: number[] } } } }>(admin, "settings.confirmation", undefined, "query");
  expect(saved.body.result.data.settings.remindersMs).toEqual([30 * 60_000, 3 * 3_600_000, 24 * 3_600_000]);

  // The change is in the admin audit trail.
  await admin.getByRole("navigation").getByRole("link", { name: fr["nav.audit"], exact: true }).click();
  await admin.getByRole("heading", { name: fr["audit.title"], level: 1 }).waitFor();
  await admin.locator('tr[data-action="settings.updated"]').waitFor();
  await screenshot(admin, "audit");
  await admin.getByRole("button", { name: fr["audit.tab.status"] }).click();
  const statusRows = admin.getByTestId("status-changes").locator("tbody tr");
  await statusRows.first().waitFor();
  // The call outcome and the order's creation are there, with who made them.
  expect(await admin.getByTestId("status-changes").textContent()).toContain(fr["history.reason.created"]);
  await screenshot(admin, "audit-status");
});

/** A Meta Cloud API delivery (the provider's own format), sent with the integration key. */
async function postMetaMessage(waId: string, name: string, message: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${harness.url}/api/webhook/whatsapp/meta`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "102290129340398",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
                contacts: [{ profile: { name }, wa_id: waId }],
                messages: [{ from: waId, id: `wamid.${crypto.randomUUID()}`, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
              },
            },
          ],
        },
      ],
    }),
  });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
}

/** A client with one order whose confirmation request has gone out, so the next message answers it. */
async function clientAwaitingReply(phone: string, name: string): Promise<{ clientId: string; orderId: string }> {
  const headers = { "content-type": "application/json", "x-api-key": TEST_KEY };
  const client = (await (
    await fetch(`${harness.url}/api/clients`, { method: "POST", headers, body: JSON.stringify({ phoneNumber: phone, name }) })
  ).json()) as { id: string };
  const order = (await (
    await fetch(`${harness.url}/api/orders`, {
      method: "POST",
      headers,
      body: JSON.stringify({ clientId: client.id, products: [{ id: "sac", name: "Sac en cuir", price: 49, quantity: 1 }] }),
    })
  ).json()) as { id: string };
  const deadline = Date.now() + 15_000;
  for (;;) {
    const thread = (await (await fetch(`${harness.url}/api/clients/${client.id}/messages`, { headers })).json()) as {
      items: { direction: string; status: string }[];
    };
    if (thread.items.some((message) => message.direction === "out" && message.status === "sent")) break;
    if (Date.now() > deadline) throw new Error("the confirmation request was not sent");
    await Bun.sleep(200);
  }
  return { clientId: client.id, orderId: order.id };
}

let voice = { clientId: "", orderId: "" };
let photo = { clientId: "", orderId: "" };

test("a voice note and a photo read as such, never “unavailable”: in the review queue, the call queue and the conversation", async () => {
  voice = await clientAwaitingReply("+33698700001", "Nadia Amrani");
  photo = await clientAwaitingReply("+33698700002", "Youssef Alami");
  // A voice note without any text, as Meta sends it; a photo with a caption.
  await postMetaMessage("33698700001", "Nadia", { type: "audio", audio: { id: "1044532963916531", mime_type: "audio/ogg; codecs=opus", voice: true } });
  await postMetaMessage("33698700002", "Youssef", {
    type: "image",
    image: { id: "1468003587573727", mime_type: "image/jpeg", caption: "Il existe en marron ?" },
  });

  await admin.getByRole("navigation").getByRole("link", { name: fr["nav.review"] }).click();
  await admin.getByRole("heading", { name: fr["review.title"], level: 1 }).waitFor();
  const voiceItem = admin.locator(`.review-item[data-order-id="${voice.orderId}"]`);
  const photoItem = admin.locator(`.review-item[data-order-id="${photo.orderId}"]`);
  await voiceItem.waitFor();
  await photoItem.waitFor();
  expect(plain(await voiceItem.locator(".bubble__body").textContent())).toBe(`🎤 ${fr["message.kind.audio"]}`);
  expect(plain(await photoItem.locator(".bubble__body").textContent())).toBe(`📷 ${fr["message.kind.image"]} Il existe en marron ?`);
  expect(await admin.locator(".review-list").textContent()).not.toContain(fr["review.noMessage"]);
  await screenshot(admin, "review-media");

  await admin.getByRole("navigation").getByRole("link", { name: fr["nav.calls"] }).click();
  const voiceCall = admin.locator(`.call-item[data-order-id="${voice.orderId}"]`);
  await voiceCall.waitFor();
  expect(plain(await voiceCall.locator(".call-item__quote").textContent())).toContain(`« 🎤 ${fr["message.kind.audio"]} »`);

  await admin.goto(`/clients/${voice.clientId}`);
  const bubble = admin.locator('.bubble[data-direction="in"]').last();
  await bubble.waitFor();
  expect(plain(await bubble.locator(".bubble__body").textContent())).toBe(`🎤 ${fr["message.kind.audio"]}`);
  expect(await admin.locator(".thread").textContent()).not.toContain("[audio]");
  await screenshot(admin, "conversation-voice-note");

  // In English too.
  await admin.evaluate(() => localStorage.setItem("confirma.locale", "en"));
  await admin.reload();
  await admin.locator('.bubble[data-direction="in"] .message-kind[data-message-type="audio"]').waitFor();
  expect(plain(await admin.locator('.bubble[data-direction="in"]').last().locator(".bubble__body").textContent())).toBe(`🎤 ${en["message.kind.audio"]}`);
  await admin.evaluate(() => localStorage.setItem("confirma.locale", "fr"));
  await admin.reload();
  await admin.getByRole("heading", { name: "Nadia Amrani", level: 1 }).waitFor();
});

test("focus follows the work in the call queue: claim → the outcome choices, release → claim again, outcome → the next card, then the heading", async () => {
  await admin.getByRole("navigation").getByRole("link", { name: fr["nav.calls"] }).click();
  await admin.getByRole("heading", { name: fr["calls.title"], level: 1 }).waitFor();
  const cards = admin.locator(".call-item");
  await admin.locator(`.call-item[data-order-id="${voice.orderId}"]`).waitFor();
  await admin.locator(`.call-item[data-order-id="${photo.orderId}"]`).waitFor();
  expect(await cards.count()).toBe(2);
  const [firstId, secondId] = (await cards.evaluateAll((items) => items.map((item) => item.getAttribute("data-order-id")!))) as [string, string];
  const first = admin.locator(`.call-item[data-order-id="${firstId}"]`);
  const second = admin.locator(`.call-item[data-order-id="${secondId}"]`);
  /** Waits until the focused element is the one described (its id, its data-action, the card it sits in, its tag). */
  const waitForFocus = (want: { id?: string; action?: string; card?: string; tag?: string }) =>
    admin.waitForFunction(
      (want) => {
        const element = document.activeElement;
        if (!element || element === document.body) return false;
        return (
          (want.id === undefined || element.id === want.id) &&
          (want.action === undefined || element.getAttribute("data-action") === want.action) &&
          (want.card === undefined || element.closest(".call-item")?.getAttribute("data-order-id") === want.card) &&
          (want.tag === undefined || element.tagName === want.tag)
        );
      },
      want,
      { timeout: 10_000 },
    );

  // Keyboard: claim with Enter; focus lands on the first outcome choice, not on <body>.
  await first.getByRole("button", { name: fr["calls.claim"] }).focus();
  await admin.keyboard.press("Enter");
  await admin.locator(`.call-item[data-order-id="${firstId}"][data-claim="mine"]`).waitFor();
  await waitForFocus({ id: `outcome-${firstId}` });

  // Release: focus goes back to "Prendre en charge".
  await first.locator('[data-action="release"]').focus();
  await admin.keyboard.press("Enter");
  await admin.locator(`.call-item[data-order-id="${firstId}"][data-claim="free"]`).waitFor();
  await waitForFocus({ action: "claim", card: firstId });

  // Claim again, choose "confirmed" from the keyboard, record: the card leaves, focus moves to the next one.
  await admin.keyboard.press("Enter");
  await waitForFocus({ id: `outcome-${firstId}` });
  await admin.keyboard.press("Space");
  await first.getByRole("button", { name: fr["calls.record"] }).click();
  await first.waitFor({ state: "detached" });
  await waitForFocus({ tag: "H2", card: secondId });

  // The last card: after its outcome the queue is empty and focus is on the page heading.
  await second.getByRole("button", { name: fr["calls.claim"] }).click();
  await waitForFocus({ id: `outcome-${secondId}` });
  await second.getByText(fr["calls.outcome.confirmed"], { exact: true }).click();
  await second.getByRole("button", { name: fr["calls.record"] }).click();
  await admin.getByText(fr["calls.empty"]).waitFor();
  await waitForFocus({ id: "calls-title" });
});
