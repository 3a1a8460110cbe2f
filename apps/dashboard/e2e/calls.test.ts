import { expect, test } from "bun:test";
import { TRPCClientError } from "@trpc/client";
import type { Page } from "playwright-core";
import { en } from "../src/i18n/en.ts";
import { fr } from "../src/i18n/fr.ts";
import {
  type Account,
  type Api,
  clientAwaitingReply,
  clientWithOrder,
  emptyQueues,
  jidOf,
  keyApi,
  openAs,
  openLive,
  postMetaMessage,
  uniquePhone,
} from "./fixtures.ts";
import { ADMIN, plain, postWebhook, screenshot, useHarness } from "./harness.ts";

/**
 * The confirmation loop as agents live it, in a real Chromium against the real server (which
 * sends with WHATSAPP_SENDER=log): the confirmation request shows in the thread with its tick,
 * an agent replies inside the 24-hour window, two agents share the call queue without calling
 * the same customer, and an admin tunes the reminders. One server for the file; each test
 * creates what it needs and opens its pages in browser profiles of their own.
 */
const harness = useHarness();

/** A client whose order awaits a reply, and the customer's unclear answer: the order is in the review and the call queue. */
async function unclearReply(name: string, text = "c'est combien ?") {
  const created = await clientAwaitingReply(keyApi(harness), { name });
  await postWebhook(harness.url, jidOf(created.phone), text);
  return created;
}

test("an order created in the dashboard sends the confirmation request: it shows in the thread with a sent tick", async () => {
  const { client } = await keyApi(harness).clients.create.mutate({ phoneNumber: uniquePhone(), name: "Fatou Diop" });
  const { page: admin } = await openAs(harness, ADMIN, { path: `/clients/${client.id}` });
  await admin.getByRole("heading", { name: "Fatou Diop", level: 1 }).waitFor();
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
  // The admin creates the order (through the API, as the dashboard would): the history says "you".
  const { page: admin, api } = await openAs(harness);
  const { clientId, orderId, phone } = await clientAwaitingReply(api, { name: "Fatou Diop" });
  await openLive(admin, `/clients/${clientId}`);
  await postWebhook(harness.url, jidOf(phone), "c'est combien ?");
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
  const { clientId } = await clientAwaitingReply(keyApi(harness), { name: "Fatou Diop" });
  const { page } = await openAs(harness);
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
});

test("the call queue: an unclear reply puts the order there; one agent claims it, the other sees it and cannot; a call back in 2 h takes it out", async () => {
  const amina: Account = { email: "amina@example.com", password: "agent-password-e2e" };
  const karim: Account = { email: "karim@example.com", password: "agent-password-e2e" };
  const { api: adminApi } = await openAs(harness);
  for (const [agent, name] of [
    [amina, "Amina"],
    [karim, "Karim"],
  ] as const) {
    await adminApi.users.create.mutate({ ...agent, name, role: "agent" });
  }
  await emptyQueues(adminApi);
  const { orderId, phone } = await unclearReply("Fatou Diop");
  const a = await openAs(harness, amina, { path: "/calls" });
  const b = await openAs(harness, karim, { path: "/calls" });
  for (const agent of [a.page, b.page]) await agent.getByRole("heading", { name: fr["calls.title"], level: 1 }).waitFor();
  expect(await b.page.locator('.nav__count[data-queue="calls"]').textContent()).toContain("1");

  const itemA = a.page.locator(`.call-item[data-order-id="${orderId}"]`);
  const itemB = b.page.locator(`.call-item[data-order-id="${orderId}"]`);
  await itemA.waitFor();
  expect(await itemA.getAttribute("data-reason")).toBe("unclear");
  expect(await itemA.locator(".badge--reason-unclear").textContent()).toBe(fr["calls.reason.unclear"]);
  expect(await itemA.textContent()).toContain("Fatou Diop");
  expect(await itemA.textContent()).toContain("c'est combien ?");
  expect(plain(await itemA.locator(".call-item__order strong").textContent())).toBe("35,00 €");
  expect(await itemA.locator(`a[href="tel:${phone}"]`).count()).toBe(1);
  expect(await itemA.locator(`a[href="https://wa.me/${phone.slice(1)}"]`).count()).toBe(1);
  expect(await itemA.locator(".call-item__last").textContent()).toContain(fr["client.messageStatus.sent"]);

  await itemA.getByRole("button", { name: fr["calls.claim"] }).click();
  await a.page.locator(`.call-item[data-order-id="${orderId}"][data-claim="mine"]`).waitFor();
  await itemA.getByTestId("outcome-form").waitFor();

  // Agent B sees the claim live, without a reload, and cannot take it.
  await b.page.locator(`.call-item[data-order-id="${orderId}"][data-claim="other"]`).waitFor();
  expect(await itemB.getByTestId("claimed-by").textContent()).toBe("En cours : Amina");
  expect(await itemB.getByRole("button", { name: fr["calls.claim"] }).isDisabled()).toBe(true);
  const refused = await b.api.calls.claim.mutate({ orderId }).catch((error: unknown) => error);
  if (!(refused instanceof TRPCClientError)) throw new Error("the second claim went through");
  expect(refused.data).toMatchObject({ httpStatus: 409, errorCode: "conflict" });
  expect(refused.message).toContain("Amina");
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

  const [outcome] = await a.api.calls.outcomes.query({ orderId });
  expect(outcome).toMatchObject({ outcome: "call_back", userName: "Amina", note: "Rappeler après le travail." });
  expect(Math.abs(Date.parse(String(outcome!.callBackAt)) - (Date.now() + 2 * 3_600_000))).toBeLessThan(3 * 60_000);
});

test("review: “Laisser en attente” takes the order out of the queue without changing its status, and the history says so", async () => {
  const { clientId, orderId } = await unclearReply("Fatou Diop");
  const { page: admin } = await openAs(harness, ADMIN, { path: "/review" });
  await admin.getByRole("heading", { name: fr["review.title"], level: 1 }).waitFor();
  const item = admin.locator(`.review-item[data-order-id="${orderId}"]`);
  await item.waitFor();
  await item.getByRole("button", { name: fr["review.keepPending"] }).click();
  await item.waitFor({ state: "detached" });

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
  // An order, so the status-change audit has a row; the built-in settings put back afterwards.
  await clientWithOrder(keyApi(harness), { name: "Fatou Diop" });
  const { page: admin, api } = await openAs(harness, ADMIN, { path: "/settings" });
  const { settings: before } = await api.settings.confirmation.query();
  try {
    await changeReminders(admin, api);
  } finally {
    await api.settings.updateConfirmation.mutate(before);
  }
});

/** The settings page's part of the test above: edit, fail, fix, save, reload, then the audit trail. */
async function changeReminders(admin: Page, api: Api) {
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
  const saved = await api.settings.confirmation.query();
  expect(saved.settings.remindersMs).toEqual([30 * 60_000, 3 * 3_600_000, 24 * 3_600_000]);

  // The change is in the admin audit trail.
  await admin.getByRole("navigation").getByRole("link", { name: fr["nav.audit"], exact: true }).click();
  await admin.getByRole("heading", { name: fr["audit.title"], level: 1 }).waitFor();
  await admin.locator('tr[data-action="settings.updated"]').waitFor();
  await screenshot(admin, "audit");
  await admin.getByRole("button", { name: fr["audit.tab.status"] }).click();
  const statusRows = admin.getByTestId("status-changes").locator("tbody tr");
  await statusRows.first().waitFor();
  // The order's creation is there.
  expect(await admin.getByTestId("status-changes").textContent()).toContain(fr["history.reason.created"]);
  await screenshot(admin, "audit-status");
}

test("a voice note and a photo read as such, never “unavailable”: in the review queue, the call queue and the conversation", async () => {
  const api = keyApi(harness);
  const [voice, photo] = await Promise.all([clientAwaitingReply(api, { name: "Nadia Amrani" }), clientAwaitingReply(api, { name: "Youssef Alami" })]);
  // A voice note without any text, as Meta sends it; a photo with a caption.
  await postMetaMessage(harness, voice.phone, "Nadia", {
    type: "audio",
    audio: { id: "1044532963916531", mime_type: "audio/ogg; codecs=opus", voice: true },
  });
  await postMetaMessage(harness, photo.phone, "Youssef", {
    type: "image",
    image: { id: "1468003587573727", mime_type: "image/jpeg", caption: "Il existe en marron ?" },
  });

  const { page: admin } = await openAs(harness, ADMIN, { path: "/review" });
  await admin.getByRole("heading", { name: fr["review.title"], level: 1 }).waitFor();
  const voiceItem = admin.locator(`.review-item[data-order-id="${voice.orderId}"]`);
  const photoItem = admin.locator(`.review-item[data-order-id="${photo.orderId}"]`);
  await voiceItem.waitFor();
  await photoItem.waitFor();
  // No file can be fetched here (no provider credentials): the card says so, never "unavailable".
  expect(plain(await voiceItem.locator(".bubble__body").textContent())).toStartWith(`🎤 ${fr["message.kind.audio"]}`);
  expect(plain(await photoItem.locator(".bubble__body").textContent())).toStartWith(`📷 ${fr["message.kind.image"]}`);
  expect(plain(await photoItem.locator(".bubble__body").textContent())).toContain("Il existe en marron ?");
  expect(await admin.locator(".review-list").textContent()).not.toContain(fr["review.noMessage"]);
  await screenshot(admin, "review-media");

  await admin.getByRole("navigation").getByRole("link", { name: fr["nav.calls"] }).click();
  const voiceCall = admin.locator(`.call-item[data-order-id="${voice.orderId}"]`);
  await voiceCall.waitFor();
  expect(plain(await voiceCall.locator(".call-item__quote").textContent())).toContain(`« 🎤 ${fr["message.kind.audio"]}`);

  await admin.goto(`/clients/${voice.clientId}`);
  const bubble = admin.locator('.bubble[data-direction="in"]').last();
  await bubble.waitFor();
  expect(plain(await bubble.locator(".bubble__body").textContent())).toStartWith(`🎤 ${fr["message.kind.audio"]}`);
  expect(await admin.locator(".thread").textContent()).not.toContain("[audio]");
  await screenshot(admin, "conversation-voice-note");

  // In English too.
  await admin.evaluate(() => localStorage.setItem("confirma.locale", "en"));
  await admin.reload();
  await admin.locator('.bubble[data-direction="in"] [data-message-type="audio"]').waitFor();
  expect(plain(await admin.locator('.bubble[data-direction="in"]').last().locator(".bubble__body").textContent())).toStartWith(
    `🎤 ${en["message.kind.audio"]}`,
  );
});

test("focus follows the work in the call queue: claim → the first outcome, release → claim again, outcome → the next card's first action, then the heading", async () => {
  // Two orders to call, and nothing else in the queue.
  const { page: admin, api } = await openAs(harness);
  await emptyQueues(api);
  const queued = await Promise.all([unclearReply("Nadia Amrani"), unclearReply("Youssef Alami", "Il existe en marron ?")]);
  await openLive(admin, "/calls");
  await admin.getByRole("heading", { name: fr["calls.title"], level: 1 }).waitFor();
  const cards = admin.locator(".call-item");
  for (const { orderId } of queued) await admin.locator(`.call-item[data-order-id="${orderId}"]`).waitFor();
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

  // Keyboard: claim with Enter; focus lands on the first outcome ("Confirmé"), not on <body>.
  await first.getByRole("button", { name: fr["calls.claim"] }).focus();
  await admin.keyboard.press("Enter");
  await admin.locator(`.call-item[data-order-id="${firstId}"][data-claim="mine"]`).waitFor();
  await waitForFocus({ action: "quick-confirmed", card: firstId });

  // Release: focus goes back to "Prendre en charge".
  await first.locator('[data-action="release"]').focus();
  await admin.keyboard.press("Enter");
  await admin.locator(`.call-item[data-order-id="${firstId}"][data-claim="free"]`).waitFor();
  await waitForFocus({ action: "claim", card: firstId });

  // Claim again, record "confirmed" from the keyboard: the card leaves, the next one opens on its first action.
  await admin.keyboard.press("Enter");
  await waitForFocus({ action: "quick-confirmed", card: firstId });
  await admin.keyboard.press("Enter");
  await first.waitFor({ state: "detached" });
  await waitForFocus({ action: "claim", card: secondId });

  // The last card, through the full outcome form: after it the queue is empty and focus is on the page heading.
  await second.getByRole("button", { name: fr["calls.claim"] }).click();
  await waitForFocus({ action: "quick-confirmed", card: secondId });
  await second.getByText(fr["calls.outcome.confirmed"], { exact: true }).click();
  await second.getByRole("button", { name: fr["calls.record"] }).click();
  await admin.getByText(fr["calls.empty"]).waitFor();
  await waitForFocus({ id: "calls-title" });
});
