import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppRouter, ChangeEventView } from "@confirma/api";
import { openTestDatabase } from "@confirma/db/testing";
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import { spawnServer, type SpawnedServer } from "./testing/spawn-server.ts";

/** Live updates against the real server process: idle periods, restarts, resuming, other instances. */
const KEY = "live-events-test-key-0123456789";
const dataDir = mkdtempSync(join(tmpdir(), "confirma-live-"));
const database = process.env.DATABASE_URL ? await openTestDatabase() : undefined;
const env = { DATA_DIR: dataDir, WHATSAPP_API_KEY: KEY, ...(database?.url ? { DATABASE_URL: database.url } : {}) };
const servers: SpawnedServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop("SIGKILL")));
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(extra: Record<string, string> = {}) {
  const server = await spawnServer({ ...env, ...extra });
  servers.push(server);
  return server;
}

function connect(url: string) {
  const withKey = (input: RequestInfo | URL, init?: RequestInit) =>
    fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), "x-api-key": KEY } });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: `${url}/trpc`, EventSource, eventSourceOptions: () => ({ fetch: withKey }) as never }),
        false: httpLink({ url: `${url}/trpc`, headers: { "x-api-key": KEY } }),
      }),
    ],
  });
}

/** Subscribes and collects events; `waitFor` resolves once a matching event has arrived. */
function collect(client: ReturnType<typeof connect>, lastEventId?: string) {
  const events: ChangeEventView[] = [];
  const started = Promise.withResolvers<void>();
  let wake = () => {};
  const subscription = client.events.onChange.subscribe(lastEventId ? { lastEventId } : {}, {
    onStarted: () => started.resolve(),
    onData: (event) => {
      events.push(event.data);
      wake();
    },
  });
  async function waitFor(match: (event: ChangeEventView) => boolean, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!events.some(match)) {
      if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 200);
      });
    }
    return events.find(match)!;
  }
  return { events, started: started.promise, waitFor, stop: () => subscription.unsubscribe() };
}

async function webhook(url: string, from: string, body: string, id: string) {
  const response = await fetch(`${url}/api/webhook/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": KEY },
    body: JSON.stringify({ from, body, type: "text", id }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { clientId: string }).clientId;
}

test("a subscription survives more than 10 s of silence, then a restart of the server, losing nothing", async () => {
  let server = await start();
  const port = new URL(server.url).port;
  const client = connect(server.url);
  const live = collect(client);
  await live.started;

  await Bun.sleep(12_000);
  const first = await webhook(server.url, "33645000001@s.whatsapp.net", "bonjour", "idle-1");
  await live.waitFor((event) => event.entity === "message" && event.clientId === first);

  await server.stop("SIGTERM");
  server = await start({ PORT: port });
  // Written before the client has reconnected: it must come back through lastEventId.
  const second = await webhook(server.url, "33645000002@s.whatsapp.net", "oui", "restart-1");
  const third = await webhook(server.url, "33645000003@s.whatsapp.net", "non", "restart-2");
  await live.waitFor((event) => event.entity === "message" && event.clientId === second, 30_000);
  await live.waitFor((event) => event.entity === "message" && event.clientId === third, 30_000);
  live.stop();

  const ids = live.events.map((event) => Number(event.id));
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
}, 150_000);

test("resuming with lastEventId replays what was missed while away", async () => {
  const server = servers.at(-1)!;
  const client = connect(server.url);
  const first = collect(client);
  await first.started;
  const before = await webhook(server.url, "33645000004@s.whatsapp.net", "bonjour", "resume-1");
  const seen = await first.waitFor((event) => event.clientId === before && event.entity === "message");
  first.stop();

  const missed = await webhook(server.url, "33645000005@s.whatsapp.net", "bonjour", "resume-2");
  const resumed = collect(client, seen.id);
  await resumed.waitFor((event) => event.clientId === missed && event.entity === "message");
  expect(resumed.events.every((event) => Number(event.id) > Number(seen.id))).toBe(true);
  resumed.stop();
}, 30_000);

test.skipIf(!process.env.DATABASE_URL)(
  "a change made through one server reaches a subscriber of another",
  async () => {
    const one = servers.at(-1)!;
    const other = await start({ DATA_DIR: mkdtempSync(join(tmpdir(), "confirma-live-b-")) });
    const live = collect(connect(one.url));
    await live.started;
    const clientId = await webhook(other.url, "33645000006@s.whatsapp.net", "oui", "cross-1");
    await live.waitFor((event) => event.clientId === clientId && event.entity === "message");
    live.stop();
  },
  30_000,
);
