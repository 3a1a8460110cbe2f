import { afterAll, expect, test } from "bun:test";
import { ChangeFeed, type AppRouter, type ChangeEventView } from "@confirma/api";
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, type TRPCClientError } from "@trpc/client";
import { EventSource } from "eventsource";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

/** Live subscriptions share one reader per process and are capped per key or session and in total. */
const t = await openTestApp();
const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request) => t.app.fetch(request) });
const url = `http://127.0.0.1:${server.port}`;
afterAll(async () => {
  await server.stop(true);
  await t.close();
});

const withKey = (input: RequestInfo | URL, init?: RequestInit) =>
  fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), "x-api-key": TEST_KEY } });
const client = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url: `${url}/trpc`, EventSource, eventSourceOptions: () => ({ fetch: withKey }) as never }),
      false: httpLink({ url: `${url}/trpc`, headers: { "x-api-key": TEST_KEY } }),
    }),
  ],
});

function subscribe() {
  const events: ChangeEventView[] = [];
  const failed = Promise.withResolvers<TRPCClientError<AppRouter>>();
  const subscription = client.events.onChange.subscribe({}, { onData: (event) => events.push(event.data), onError: (error) => failed.resolve(error as never) });
  return { events, failed: failed.promise, stop: () => subscription.unsubscribe() };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

async function message(phone: string, id: string) {
  const response = await t.call("POST", "/api/webhook/whatsapp", { from: phone, body: "bonjour", type: "text", id });
  expect(response.status).toBe(200);
  return response.body.clientId as string;
}

/** Writes a change and waits until every subscriber has it. */
async function changeSeenBy(subscribers: ReturnType<typeof subscribe>[], phone: string, id: string, timeoutMs?: number) {
  const clientId = await message(phone, id);
  await until(
    () => subscribers.every((s) => s.events.some((event) => event.clientId === clientId && event.entity === "message")),
    `message ${id} on every subscription`,
    timeoutMs,
  );
}

/** Waits until every subscription is registered: a fresh one starts from now, so a change may come before it is. */
async function allListening(subscribers: ReturnType<typeof subscribe>[], label: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await changeSeenBy(subscribers, `+336459${label.length}${String(attempt).padStart(4, "0")}`, `${label}-${attempt}`, 3_000);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

test("ten subscribers are served by one read of each change, and each receives every change", async () => {
  const subscribers = Array.from({ length: 10 }, () => subscribe());
  try {
    await allListening(subscribers, "warm");
    const readsBefore = t.changeFeed.stats().reads;
    const changes = 12;
    for (let n = 0; n < changes; n++) await changeSeenBy(subscribers, `+3364510${String(n).padStart(4, "0")}`, `fan-${n}`);
    const reads = t.changeFeed.stats().reads - readsBefore;
    // One read per notification (a poll may add one); ten readers would make it ten per change.
    expect(reads).toBeGreaterThanOrEqual(changes);
    expect(reads).toBeLessThanOrEqual(changes + 3);
    for (const subscriber of subscribers) {
      const fan = subscriber.events.filter((event) => event.entity === "message").length;
      expect(fan).toBeGreaterThanOrEqual(changes + 1);
    }
  } finally {
    for (const subscriber of subscribers) subscriber.stop();
  }
}, 60_000);

test("an eleventh subscription of one key is refused with too_many_subscriptions; closing one frees its slot", async () => {
  await until(() => t.changeFeed.stats().subscriptions === 0, "earlier subscriptions to close");
  const subscribers = Array.from({ length: 10 }, () => subscribe());
  try {
    await allListening(subscribers, "cap");
    const refused = subscribe();
    const error = await refused.failed;
    expect(error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429, errorCode: "too_many_subscriptions" });
    expect(error.message).toContain("10");
    refused.stop();

    subscribers.shift()!.stop();
    await until(() => t.changeFeed.stats().subscriptions === 9, "the closed subscription to free its slot");
    const replacement = subscribe();
    subscribers.push(replacement);
    await allListening(subscribers, "replaced");
  } finally {
    for (const subscriber of subscribers) subscriber.stop();
  }
}, 60_000);

test("past the process-wide total, any key or session is refused until a subscription closes", async () => {
  const feed = new ChangeFeed(t.db, t.database.listen, { maxSubscriptions: 3 });
  await feed.start();
  const controllers: AbortController[] = [];
  const open = (owner: string) => {
    const controller = new AbortController();
    controllers.push(controller);
    const iterator = feed.subscribe(null, { owner, signal: controller.signal })[Symbol.asyncIterator]();
    return { controller, next: iterator.next() };
  };
  try {
    const open1 = open("session-a");
    open("session-b");
    open("key");
    const refused = open("session-c");
    expect(refused.next).rejects.toMatchObject({ code: "too_many_subscriptions" });
    await refused.next.catch(() => {});
    open1.controller.abort();
    expect(await open1.next).toEqual({ done: true, value: undefined });
    const admitted = open("session-c");
    await message("+33645300001", "total-1");
    expect(await admitted.next).toMatchObject({ done: false });
  } finally {
    for (const controller of controllers) controller.abort();
    await feed.stop();
  }
}, 30_000);
