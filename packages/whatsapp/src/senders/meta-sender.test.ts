import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { closedPortUrl, json, onlyRequest, startFakeProvider, type RecordedRequest } from "./fixtures/fake-provider.ts";
import { createMetaSender, DEFAULT_GRAPH_VERSION, isRetryableMetaError } from "./meta-sender.ts";
import type { SendResult, TemplateMessage } from "./types.ts";

const TOKEN = "EAAG-test-token-0123456789";
const PHONE_NUMBER_ID = "106540352242922";
let counter = 0;

/** Answers like the Cloud API: bearer check, `messaging_product` check, then `{ contacts, messages }`. */
function graphApi(request: RecordedRequest): Response {
  const match = /^\/(v\d+\.\d+)\/(\d+)\/messages$/.exec(request.path);
  if (request.method !== "POST" || !match) return graphError(400, 100, "Unsupported post request.");
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return graphError(401, 190, "Invalid OAuth access token - Cannot parse access token", "OAuthException");
  }
  const body = request.body as Record<string, unknown> | undefined;
  if (body?.messaging_product !== "whatsapp") return graphError(400, 100, "(#100) The parameter messaging_product is required.");
  const input = (body.to ?? body.recipient) as string;
  counter += 1;
  return json(200, {
    messaging_product: "whatsapp",
    contacts: [body.to !== undefined ? { input, wa_id: input } : { input, user_id: input }],
    messages: [{ id: `wamid.HBgLMzM2MTIzNDU2NzgVAgARGBI${counter}`, ...(body.type === "template" ? { message_status: "accepted" } : {}) }],
  });
}

function graphError(status: number, code: number, message: string, type = "OAuthException", details?: string): Response {
  return json(status, {
    error: {
      message,
      type,
      code,
      ...(details ? { error_data: { messaging_product: "whatsapp", details } } : {}),
      fbtrace_id: "Az8or2yhqkZfEZ-_4Qn_Bam",
    },
  });
}

const fake = startFakeProvider(graphApi);
const sender = createMetaSender({ graphUrl: fake.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, timeoutMs: 2_000 });
const TO = { phone: "+33612345678" };
const TEXT = { kind: "text", text: "Votre commande #1042 est en route." } as const;

afterEach(() => fake.reset());
afterAll(() => fake.stop());

function expectFailure(result: SendResult, code: string, retryable: boolean): string {
  if (result.ok) throw new Error(`expected a failure, got ${result.providerMessageId}`);
  expect({ code: result.code, retryable: result.retryable }).toEqual({ code, retryable });
  return result.reason;
}

describe("meta sender: requests", () => {
  test("template with body parameters and two quick-reply buttons", async () => {
    const template: TemplateMessage = {
      kind: "template",
      name: "order_confirmation",
      language: "fr",
      bodyParameters: ["Marie", "#1042", "45,90 €"],
      buttons: [
        { title: "Confirmer", payload: "confirma:confirm:ord_1042" },
        { title: "Annuler", payload: "confirma:cancel:ord_1042" },
      ],
      text: "Bonjour Marie, confirmez-vous votre commande #1042 de 45,90 € ?",
    };
    const result = await sender.send(TO, template);

    expect(result).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^wamid\./) });
    const request = onlyRequest(fake);
    expect(request.method).toBe("POST");
    expect(request.path).toBe(`/${DEFAULT_GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`);
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "33612345678",
      type: "template",
      template: {
        name: "order_confirmation",
        language: { code: "fr" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Marie" },
              { type: "text", text: "#1042" },
              { type: "text", text: "45,90 €" },
            ],
          },
          { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "confirma:confirm:ord_1042" }] },
          { type: "button", sub_type: "quick_reply", index: "1", parameters: [{ type: "payload", payload: "confirma:cancel:ord_1042" }] },
        ],
      },
    });
  });

  test("template without parameters or buttons has no components", async () => {
    const template: TemplateMessage = { kind: "template", name: "hello_world", language: "en_US", bodyParameters: [], buttons: [], text: "Hello" };
    expect((await sender.send(TO, template)).ok).toBe(true);
    expect(onlyRequest(fake).body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "33612345678",
      type: "template",
      template: { name: "hello_world", language: { code: "en_US" } },
    });
  });

  test("text without buttons", async () => {
    expect((await sender.send(TO, TEXT)).ok).toBe(true);
    expect(onlyRequest(fake).body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "33612345678",
      type: "text",
      text: { preview_url: false, body: "Votre commande #1042 est en route." },
    });
  });

  test("text with buttons becomes interactive reply buttons; long titles are cut safely", async () => {
    const result = await sender.send(TO, {
      kind: "text",
      text: "On confirme ?",
      buttons: [
        { title: "Oui", payload: "yes" },
        { title: "Non, je veux annuler ma commande", payload: "no" },
        { title: "Plus tard 👨‍👩‍👧‍👦👨‍👩‍👧‍👦 merci", payload: "later" },
      ],
    });
    expect(result.ok).toBe(true);
    const body = onlyRequest(fake).body as { interactive: { action: { buttons: { reply: { title: string } }[] } } };
    expect(body as unknown).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "33612345678",
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "On confirme ?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "yes", title: "Oui" } },
            { type: "reply", reply: { id: "no", title: "Non, je veux annule…" } },
            { type: "reply", reply: { id: "later", title: "Plus tard…" } },
          ],
        },
      },
    });
    for (const button of body.interactive.action.buttons) expect(button.reply.title.length).toBeLessThanOrEqual(20);
  });

  test("a list of choices becomes an interactive list message (it replaces the buttons); more than 10 rows is refused", async () => {
    const rows = [
      { title: "Tout confirmer", payload: "confirma:confirm:request:r1" },
      { title: "Confirmer la commande #A1B2C3 tout de suite", payload: "confirma:confirm:a1" },
    ];
    const result = await sender.send(TO, { kind: "text", text: "Vos commandes", buttons: [rows[0]!], list: { label: "Répondre", rows } });
    expect(result.ok).toBe(true);
    expect(onlyRequest(fake).body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "33612345678",
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "Vos commandes" },
        action: {
          button: "Répondre",
          sections: [
            {
              rows: [
                { id: "confirma:confirm:request:r1", title: "Tout confirmer" },
                { id: "confirma:confirm:a1", title: "Confirmer la commande #…" },
              ],
            },
          ],
        },
      },
    });
    const eleven = Array.from({ length: 11 }, (_, index) => ({ title: `r${index}`, payload: `p${index}` }));
    expectFailure(await sender.send(TO, { kind: "text", text: "?", list: { label: "Répondre", rows: eleven } }), "invalid_message", false);
  });

  test("more than 3 reply buttons or an oversized payload is refused before any request", async () => {
    const buttons = ["a", "b", "c", "d"].map((id) => ({ title: id, payload: id }));
    expectFailure(await sender.send(TO, { kind: "text", text: "?", buttons }), "invalid_message", false);
    const long = [{ title: "Oui", payload: "x".repeat(257) }];
    expectFailure(await sender.send(TO, { kind: "text", text: "?", buttons: long }), "invalid_message", false);
    expect(fake.requests).toHaveLength(0);
  });

  test("a customer known only by a business-scoped user id is sent to with `recipient`", async () => {
    const result = await sender.send({ userId: "meta:US.13491208655302741918" }, TEXT);
    expect(result.ok).toBe(true);
    const body = onlyRequest(fake).body as Record<string, unknown>;
    expect(body.recipient).toBe("US.13491208655302741918");
    expect(body).not.toHaveProperty("to");
  });

  test("phone wins over the user id; no phone and a non-Meta id, or a bad phone, never reach Meta", async () => {
    await sender.send({ phone: "+33612345678", userId: "meta:US.1" }, TEXT);
    expect(onlyRequest(fake).body).toMatchObject({ to: "33612345678" });
    expect(onlyRequest(fake).body).not.toHaveProperty("recipient");
    fake.reset();
    expectFailure(await sender.send({ userId: "lid:123456789" }, TEXT), "no_phone", false);
    expectFailure(await sender.send({}, TEXT), "no_phone", false);
    expectFailure(await sender.send({ phone: "06 12" }, TEXT), "invalid_recipient", false);
    expect(fake.requests).toHaveLength(0);
  });

  test("version and graph URL are configurable", async () => {
    const custom = createMetaSender({ graphUrl: `${fake.url}/`, version: "v25.0", phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN });
    expect((await custom.send(TO, TEXT)).ok).toBe(true);
    expect(onlyRequest(fake).path).toBe(`/v25.0/${PHONE_NUMBER_ID}/messages`);
  });
});

describe("meta sender: failures", () => {
  test("500 without a Graph error is retryable", async () => {
    fake.use(() => new Response("", { status: 500 }));
    expectFailure(await sender.send(TO, TEXT), "http_500", true);
  });

  test("400 re-engagement (131047) is not retryable, with Meta's details as reason", async () => {
    const details = "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";
    fake.use(() => graphError(400, 131047, "(#131047) Re-engagement message", "OAuthException", details));
    expect(expectFailure(await sender.send(TO, TEXT), "131047", false)).toBe(details);
  });

  test("throttling sent as HTTP 400 (130429, 131056) is retryable", async () => {
    fake.use(() => graphError(400, 130429, "(#130429) Rate limit hit", "OAuthException", "Cloud API message throughput has been reached."));
    expectFailure(await sender.send(TO, TEXT), "130429", true);
    fake.use(() => graphError(400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit"));
    expectFailure(await sender.send(TO, TEXT), "131056", true);
  });

  test("429 is retryable and keeps Meta's code", async () => {
    fake.use(() => graphError(429, 4, "(#4) Application request limit reached"));
    expectFailure(await sender.send(TO, TEXT), "4", true);
  });

  test("503 server temporarily unavailable (133004) is retryable; 500 with a permanent code (3) is not", async () => {
    fake.use(() => graphError(503, 133004, "(#133004) Server temporarily unavailable"));
    expectFailure(await sender.send(TO, TEXT), "133004", true);
    fake.use(() => graphError(500, 3, "(#3) Application does not have the capability to make this API call."));
    expectFailure(await sender.send(TO, TEXT), "3", false);
  });

  test("template errors and undeliverable messages are not retryable", async () => {
    for (const code of [132000, 132001, 131026, 131051, 100]) {
      fake.use(() => graphError(400, code, `(#${code}) error`));
      expectFailure(await sender.send(TO, TEXT), String(code), false);
    }
  });

  test("401 expired token (190) is not retryable and the reason never contains the token", async () => {
    const wrong = createMetaSender({ graphUrl: fake.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: "EAAG-expired-secret" });
    fake.use((request) => graphError(401, 190, `Error validating access token: ${request.headers.authorization} has expired.`));
    const reason = expectFailure(await wrong.send(TO, TEXT), "190", false);
    expect(reason).not.toContain("EAAG-expired-secret");
    expect(reason).toContain("[redacted]");
  });

  test("the real bearer check of the fake answers 401 / 190 to a wrong token", async () => {
    const wrong = createMetaSender({ graphUrl: fake.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: "nope" });
    expectFailure(await wrong.send(TO, TEXT), "190", false);
  });

  test("a slow answer times out (retryable)", async () => {
    const impatient = createMetaSender({ graphUrl: fake.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, timeoutMs: 50 });
    fake.use(async () => {
      await Bun.sleep(400);
      return json(200, { messages: [{ id: "wamid.late" }] });
    });
    expectFailure(await impatient.send(TO, TEXT), "timeout", true);
  });

  test("malformed JSON: on a 200 not retryable (it may have been sent), on a 502 retryable", async () => {
    fake.use(() => new Response("{ not json", { status: 200, headers: { "Content-Type": "application/json" } }));
    expectFailure(await sender.send(TO, TEXT), "invalid_response", false);
    fake.use(() => new Response("<html>Bad Gateway</html>", { status: 502, headers: { "Content-Type": "text/html" } }));
    expectFailure(await sender.send(TO, TEXT), "http_502", true);
  });

  test("nobody listening is a retryable network error", async () => {
    const offline = createMetaSender({ graphUrl: await closedPortUrl(), phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN });
    expectFailure(await offline.send(TO, TEXT), "network", true);
  });

  test("a throwing fetch is a failure, never an exception", async () => {
    const broken = createMetaSender({ phoneNumberId: PHONE_NUMBER_ID, accessToken: TOKEN, fetch: () => Promise.reject(new TypeError("boom")) });
    expectFailure(await broken.send(TO, TEXT), "network", true);
  });
});

describe("isRetryableMetaError", () => {
  test("codes win over the HTTP status; unknown codes fall back to it", () => {
    expect([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 131057, 133004].every((code) => isRetryableMetaError(code, 400))).toBe(true);
    expect([0, 3, 10, 100, 190, 200, 299, 131026, 131047, 131051, 132000, 132001].some((code) => isRetryableMetaError(code, 500))).toBe(false);
    expect(isRetryableMetaError(999999, 503)).toBe(true);
    expect(isRetryableMetaError(999999, 400)).toBe(false);
    expect(isRetryableMetaError(undefined, 429)).toBe(true);
  });
});
