import type { AppRouter } from "@confirma/api";
import { metaInboundMessage } from "@confirma/whatsapp/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { BrowserContext, Page } from "playwright-core";
import { ADMIN, TEST_KEY, type Harness } from "./harness.ts";

/**
 * What a browser test sets up before it opens a page, through the server's own doors (the typed
 * API with the integration key or a user's session, the webhook): each test creates the data it
 * needs, with phone numbers no other test uses, and opens the page it tests, so it passes alone
 * (`bun test e2e/x.test.ts -t "<name>"`) as well as after the others.
 */

export type Api = ReturnType<typeof createTRPCClient<AppRouter>>;
export interface Account {
  email: string;
  password: string;
}

function apiWith(harness: Harness, headers: Record<string, string>): Api {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${harness.url}/trpc`, headers })] });
}

/** The typed API as the integration key calls it (a system caller, as a shop's back office would). */
export function keyApi(harness: Harness): Api {
  return apiWith(harness, { "x-api-key": TEST_KEY });
}

/** Signs in through the API: a session of its own, its cookie, and the typed API as that user. */
export async function signInApi(harness: Harness, account: Account = ADMIN): Promise<{ api: Api; cookie: { name: string; value: string } }> {
  const response = await fetch(`${harness.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${account.email} answered ${response.status}: ${await response.text()}`);
  const [name, value] = (response.headers.get("set-cookie") ?? "").split(";")[0]!.split("=") as [string, string];
  return { api: apiWith(harness, { cookie: `${name}=${value}` }), cookie: { name, value } };
}

/**
 * A page signed in as `account` in a browser profile of its own (closed by `harness.closeContexts()`),
 * with the typed API on the same session. With `path`, the page is open there and live.
 */
export async function openAs(
  harness: Harness,
  account: Account = ADMIN,
  { path, width, height }: { path?: string; width?: number; height?: number } = {},
): Promise<{ page: Page; context: BrowserContext; api: Api }> {
  const { api, cookie } = await signInApi(harness, account);
  const context = await harness.newContext({ width, height });
  await context.addCookies([{ ...cookie, url: harness.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  if (path) await openLive(page, path);
  return { page, context, api };
}

/** Opens `path` and waits until the page receives live updates. */
export async function openLive(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('.live[data-live="live"]').waitFor();
}

let phones = 0;
/** A French mobile number no other test of this server uses. */
export function uniquePhone(): string {
  phones++;
  return `+3367${String(phones).padStart(7, "0")}`;
}

/** The sender id a WhatsApp gateway in the seed format gives `phone` (`33…@s.whatsapp.net`). */
export const jidOf = (phone: string) => `${phone.slice(1)}@s.whatsapp.net`;

export interface ProductInput {
  id: string;
  name: string;
  price: number;
  quantity: number;
}
export const ROBE: ProductInput = { id: "robe", name: "Robe d’été", price: 35, quantity: 1 };
export const TWO_LINES: ProductInput[] = [
  { id: "prod1", name: "Produit A", price: 29.99, quantity: 2 },
  { id: "prod2", name: "Produit B", price: 49.99, quantity: 1 },
];

/** A client and one pending order, created by whoever `api` speaks for. */
export async function clientWithOrder(
  api: Api,
  { name, phone = uniquePhone(), products = [ROBE], currency }: { name: string; phone?: string; products?: ProductInput[]; currency?: string },
): Promise<{ clientId: string; orderId: string; phone: string }> {
  const { client } = await api.clients.create.mutate({ phoneNumber: phone, name });
  const order = await api.orders.create.mutate({ clientId: client.id, products, ...(currency ? { currency } : {}) });
  return { clientId: client.id, orderId: order.id, phone };
}

/** A client with one order whose confirmation request has gone out (the job runner sent it), so the next message answers it. */
export async function clientAwaitingReply(
  api: Api,
  options: { name: string; phone?: string; products?: ProductInput[] },
): Promise<{ clientId: string; orderId: string; phone: string }> {
  const created = await clientWithOrder(api, options);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const thread = await api.messages.list.query({ clientId: created.clientId });
    if (thread.items.some((message) => message.direction === "out" && message.status === "sent")) return created;
    if (Date.now() > deadline) throw new Error("the confirmation request was not sent");
    await Bun.sleep(200);
  }
}

/**
 * Takes every order out of the review and the call queue, so they hold only what the test then
 * puts in them: an order in review is left as it is ("leave pending", a dashboard user's decision,
 * so `api` must be a signed-in user's); one still waiting for a call is cancelled.
 */
export async function emptyQueues(api: Api): Promise<void> {
  const review = await api.orders.list.query({ needsReview: true, limit: 200 });
  for (const order of review.items) await api.orders.dismissReview.mutate({ id: order.id });
  const calls = await api.calls.queue.query({ limit: 200 });
  for (const order of calls.items) await api.orders.setStatus.mutate({ id: order.id, status: "cancelled" });
}

/** A Meta Cloud API delivery (the provider's own format) of one message from `phone`, sent with the integration key. */
export async function postMetaMessage(harness: Harness, phone: string, name: string, message: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${harness.url}/api/webhook/whatsapp/meta`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": TEST_KEY },
    body: JSON.stringify(metaInboundMessage(phone.slice(1), name, message)),
  });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
}
