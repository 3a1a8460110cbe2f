import { afterAll, expect, test } from "bun:test";
import fc from "fast-check";
import { openTestApp, TEST_KEY } from "./testing/test-app.ts";

/** Random, truncated and mutated deliveries never get a 5xx, never crash the server. */
const t = await openTestApp();
afterAll(() => t.close());
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const samples = [
  { from: "33612345678@s.whatsapp.net", body: "oui", type: "text", id: "fuzz-seed" },
  {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "1",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              contacts: [{ wa_id: "33612345678", profile: { name: "A" } }],
              messages: [{ from: "33612345678", id: "wamid.fuzz", timestamp: "1764000000", type: "text", text: { body: "oui" } }],
            },
          },
        ],
      },
    ],
  },
  {
    event: "messages.upsert",
    instance: "x",
    data: { key: { remoteJid: "33612345678@s.whatsapp.net", fromMe: false, id: "EVOFUZZ" }, message: { conversation: "oui" }, messageTimestamp: 1764000000 },
  },
  { event: "message", session: "default", payload: { id: "wahafuzz", from: "33612345678@c.us", fromMe: false, body: "oui", timestamp: 1764000000 } },
  {
    typeWebhook: "incomingMessageReceived",
    instanceData: { idInstance: 1, wid: "1@c.us", typeInstance: "whatsapp" },
    timestamp: 1764000000,
    idMessage: "GREENFUZZ",
    senderData: { chatId: "33612345678@c.us", sender: "33612345678@c.us" },
    messageData: { typeMessage: "textMessage", textMessageData: { textMessage: "oui" } },
  },
];

async function post(body: string, contentType = "application/json") {
  const response = await t.app.request("/api/webhook/whatsapp", { method: "POST", headers: { "content-type": contentType, "x-api-key": TEST_KEY }, body });
  const text = await response.text();
  return { status: response.status, text };
}

function expectHandled({ status, text }: { status: number; text: string }) {
  expect(status).toBeLessThan(500);
  if (status >= 400) expect(JSON.parse(text).error.code).toBeString();
}

test("random JSON values", async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => expectHandled(await post(JSON.stringify(value)))),
    { numRuns: RUNS },
  );
});

test("truncated samples", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...samples.map((sample) => JSON.stringify(sample))), fc.nat(), async (raw, cut) =>
      expectHandled(await post(raw.slice(0, cut % raw.length))),
    ),
    { numRuns: RUNS },
  );
});

/** Replaces one value somewhere in a sample with anything. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== "object") return replacement;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return replacement;
  const [head, ...rest] = path;
  const index = head! % entries.length;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string, unknown>)[entries[index]![0]] = mutate(entries[index]![1], rest, replacement);
  return copy;
}

test("samples with a value replaced by anything", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...samples),
      fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: "binary" }), fc.constant(undefined)),
      async (sample, path, replacement) => expectHandled(await post(JSON.stringify(mutate(sample, path, replacement)) ?? "")),
    ),
    { numRuns: RUNS },
  );
});

test("random bytes and form bodies", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ maxLength: 2048 }),
      fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain"),
      async (bytes, type) => {
        const response = await t.app.request("/api/webhook/whatsapp", {
          method: "POST",
          headers: { "content-type": type, "x-api-key": TEST_KEY },
          body: bytes,
        });
        expectHandled({ status: response.status, text: await response.text() });
      },
    ),
    { numRuns: RUNS },
  );
});

test("deeply nested and huge payloads are refused cleanly", async () => {
  expectHandled(await post("[".repeat(100_000) + "]".repeat(100_000)));
  expectHandled(await post(JSON.stringify({ from: "33612345678", body: "x".repeat(900_000), type: "text" })));
  expectHandled(await post(JSON.stringify({ from: "33612345678", body: "\ud800", type: "text", id: "lone-surrogate" })));
});

test("a message with characters PostgreSQL cannot store is kept without them", async () => {
  for (const [id, body] of [
    ["nul", "a\u0000b"],
    ["nul-unclear", "Bonjour\u0000 ?"],
  ] as const) {
    const { status } = await post(JSON.stringify({ from: "33612345679", body, type: "text", id }));
    expect(status).toBe(200);
  }
  const { status } = await post(JSON.stringify({ from: "33612345679", body: "oui\u0000", type: "text", id: "nul-confirm", name: "A\u0000" }));
  expect(status).toBe(200);
});
