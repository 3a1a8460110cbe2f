import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { createEvolutionSender } from "./evolution-sender.ts";
import { closedPortUrl, json, onlyRequest, startFakeProvider, type RecordedRequest } from "./fixtures/fake-provider.ts";
import type { SendResult, TemplateMessage } from "./types.ts";

const API_KEY = "evo-global-key-0123456789";
const INSTANCE = "confirma-prod";
const NOT_ON_WHATSAPP = "33600000000";
let counter = 0;

/** Answers like Evolution API v2: apikey check, instance check, schema, "exists" check, then the Baileys message. */
function evolutionApi(request: RecordedRequest): Response {
  const match = /^\/message\/(sendText|sendButtons)\/([^/]+)$/.exec(request.path);
  if (request.method !== "POST" || !match) return evolutionError(404, "Not Found", ["Cannot POST " + request.path]);
  if (request.headers.apikey !== API_KEY) return evolutionError(401, "Unauthorized", "Unauthorized");
  if (match[2] !== INSTANCE) return evolutionError(404, "Not Found", [`The "${match[2]}" instance does not exist`]);
  const body = request.body as Record<string, unknown> | undefined;
  const required = match[1] === "sendText" ? ["number", "text"] : ["number"];
  const missing = required.find((key) => typeof body?.[key] !== "string");
  if (!body || missing) return evolutionError(400, "Bad Request", [[`instance requires property "${missing ?? "number"}"`]]);
  const number = body.number as string;
  const jid = number.includes("@") ? number : `${number}@s.whatsapp.net`;
  if (number === NOT_ON_WHATSAPP) return evolutionError(400, "Bad Request", [{ jid, exists: false, number }]);
  counter += 1;
  return json(201, {
    key: { remoteJid: jid, fromMe: true, id: `3EB0C767D097B7C7C0${counter}` },
    pushName: "",
    status: "PENDING",
    message: match[1] === "sendText" ? { conversation: body.text } : { viewOnceMessage: {} },
    messageType: match[1] === "sendText" ? "conversation" : "viewOnceMessage",
    messageTimestamp: 1764090000,
    instanceId: "8d5ad35f-3ac6-4b8d-9d3c-1f9c2e4d7a10",
    source: "unknown",
  });
}

function evolutionError(status: number, error: string, message: unknown): Response {
  return json(status, { status, error, response: { message } });
}

const fake = startFakeProvider(evolutionApi);
const sender = createEvolutionSender({ baseUrl: `${fake.url}/`, apiKey: API_KEY, instance: INSTANCE, timeoutMs: 2_000 });
const TO = { phone: "+33612345678" };
const TEXT = { kind: "text", text: "Votre commande #1042 est en route." } as const;
const BUTTONS = [
  { title: "Confirmer", payload: "confirma:confirm:ord_1042" },
  { title: "Annuler", payload: "confirma:cancel:ord_1042" },
];

afterEach(() => fake.reset());
afterAll(() => fake.stop());

function expectFailure(result: SendResult, code: string, retryable: boolean): string {
  if (result.ok) throw new Error(`expected a failure, got ${result.providerMessageId}`);
  expect({ code: result.code, retryable: result.retryable }).toEqual({ code, retryable });
  return result.reason;
}

describe("evolution sender: requests", () => {
  test("text: POST /message/sendText/{instance} with the apikey header; id = key.id", async () => {
    const result = await sender.send(TO, TEXT);
    expect(result).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^3EB0C767D097B7C7C0\d+$/) });
    const request = onlyRequest(fake);
    expect(request.method).toBe("POST");
    expect(request.path).toBe(`/message/sendText/${INSTANCE}`);
    expect(request.headers.apikey).toBe(API_KEY);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toEqual({ number: "33612345678", text: "Votre commande #1042 est en route." });
  });

  test("text with buttons: POST /message/sendButtons/{instance}, first line as title", async () => {
    const text = "Commande #1042 : 45,90 €\nConfirmez-vous la livraison demain ?";
    expect((await sender.send(TO, { kind: "text", text, buttons: BUTTONS })).ok).toBe(true);
    const request = onlyRequest(fake);
    expect(request.path).toBe(`/message/sendButtons/${INSTANCE}`);
    expect(request.body).toEqual({
      number: "33612345678",
      title: "Commande #1042 : 45,90 €",
      description: "Confirmez-vous la livraison demain ?",
      footer: "",
      buttons: [
        { type: "reply", displayText: "Confirmer", id: "confirma:confirm:ord_1042" },
        { type: "reply", displayText: "Annuler", id: "confirma:cancel:ord_1042" },
      ],
    });
  });

  test("a template goes out as its rendered text, with its buttons when it has some", async () => {
    const template: TemplateMessage = {
      kind: "template",
      name: "order_confirmation",
      language: "fr",
      bodyParameters: ["Marie", "#1042"],
      buttons: BUTTONS,
      text: "Bonjour Marie, confirmez-vous votre commande #1042 ?",
    };
    expect((await sender.send(TO, template)).ok).toBe(true);
    expect(onlyRequest(fake).path).toBe(`/message/sendButtons/${INSTANCE}`);
    expect(onlyRequest(fake).body).toMatchObject({ title: template.text, description: "" });
    fake.reset();

    expect((await sender.send(TO, { ...template, buttons: [] })).ok).toBe(true);
    expect(onlyRequest(fake).path).toBe(`/message/sendText/${INSTANCE}`);
    expect(onlyRequest(fake).body).toEqual({ number: "33612345678", text: template.text });
  });

  test("a customer known only by a LID is sent to <id>@lid", async () => {
    expect((await sender.send({ userId: "lid:210987654321098" }, TEXT)).ok).toBe(true);
    expect(onlyRequest(fake).body).toMatchObject({ number: "210987654321098@lid" });
  });

  test("no phone and a non-LID id, a bad phone, or 4 buttons never reach Evolution", async () => {
    expectFailure(await sender.send({ userId: "meta:US.13491208655302741918" }, TEXT), "no_phone", false);
    expectFailure(await sender.send({ phone: "+0" }, TEXT), "invalid_recipient", false);
    const four = ["a", "b", "c", "d"].map((id) => ({ title: id, payload: id }));
    expectFailure(await sender.send(TO, { kind: "text", text: "?", buttons: four }), "invalid_message", false);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("evolution sender: failures", () => {
  test("400 number not on WhatsApp is not retryable", async () => {
    const reason = expectFailure(await sender.send({ phone: `+${NOT_ON_WHATSAPP}` }, TEXT), "http_400", false);
    expect(reason).toBe("This number is not on WhatsApp");
  });

  test("400 schema error carries Evolution's message", async () => {
    fake.use(() => evolutionError(400, "Bad Request", [['instance requires property "text"']]));
    expect(expectFailure(await sender.send(TO, TEXT), "http_400", false)).toBe('instance requires property "text"');
  });

  test("401 wrong apikey and 404 unknown instance are not retryable", async () => {
    const wrongKey = createEvolutionSender({ baseUrl: fake.url, apiKey: "nope", instance: INSTANCE });
    expectFailure(await wrongKey.send(TO, TEXT), "http_401", false);
    const wrongInstance = createEvolutionSender({ baseUrl: fake.url, apiKey: API_KEY, instance: "other" });
    expect(expectFailure(await wrongInstance.send(TO, TEXT), "http_404", false)).toBe('The "other" instance does not exist');
  });

  test("500 and 429 are retryable", async () => {
    fake.use(() => evolutionError(500, "Internal Server Error", "Connection Closed"));
    expect(expectFailure(await sender.send(TO, TEXT), "http_500", true)).toBe("Connection Closed");
    fake.use(() => new Response("Too Many Requests", { status: 429 }));
    expectFailure(await sender.send(TO, TEXT), "http_429", true);
  });

  test("an error echoing the api key is redacted", async () => {
    fake.use((request) => evolutionError(500, "Internal Server Error", [`bad key ${request.headers.apikey}`]));
    const reason = expectFailure(await sender.send(TO, TEXT), "http_500", true);
    expect(reason).not.toContain(API_KEY);
  });

  test("a slow answer times out (retryable)", async () => {
    const impatient = createEvolutionSender({ baseUrl: fake.url, apiKey: API_KEY, instance: INSTANCE, timeoutMs: 50 });
    fake.use(async () => {
      await Bun.sleep(400);
      return json(201, { key: { id: "late" } });
    });
    expectFailure(await impatient.send(TO, TEXT), "timeout", true);
  });

  test("malformed JSON on a 201 is not retryable (it may have been sent)", async () => {
    fake.use(() => new Response("{ key: ", { status: 201, headers: { "Content-Type": "application/json" } }));
    expectFailure(await sender.send(TO, TEXT), "invalid_response", false);
  });

  test("nobody listening is a retryable network error", async () => {
    const offline = createEvolutionSender({ baseUrl: await closedPortUrl(), apiKey: API_KEY, instance: INSTANCE });
    expectFailure(await offline.send(TO, TEXT), "network", true);
  });
});
