import { afterAll, describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { changeEvents, clientIdentities, clients, messages, webhookReceipts } from "@confirma/db";
import { computeTwilioSignature } from "@confirma/whatsapp";
import { metaEnvelope, metaInboundMessage } from "@confirma/whatsapp/testing";
import { count, eq } from "drizzle-orm";
import { openTestApp } from "./testing/test-app.ts";

/** Every provider through the real HTTP door: authentication, parsing, storage, the provider's answer. */
const APP_SECRET = "meta-app-secret-for-tests";
const TWILIO_TOKEN = "twilio-auth-token-for-tests";
const WAHA_KEY = "waha-hmac-key-for-tests";
const t = await openTestApp({
  WHATSAPP_APP_SECRET: APP_SECRET,
  WHATSAPP_VERIFY_TOKEN: "verify-me",
  TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
  WAHA_HMAC_KEY: WAHA_KEY,
  PUBLIC_URL: "https://confirma.example.com",
});
afterAll(() => t.close());

async function rowCounts() {
  const tables = { clients, messages, webhookReceipts, changeEvents, clientIdentities };
  return Object.fromEntries(
    await Promise.all(Object.entries(tables).map(async ([name, table]) => [name, (await t.db.select({ n: count() }).from(table))[0]?.n])),
  );
}

/** A text message from `from`, as Meta sends it. */
const metaText = (id: string, from: string, body: string, extra: Record<string, unknown> = {}) =>
  metaInboundMessage(from, "Sheena Nelson", { type: "text", text: { body }, ...extra }, { id });

/** Posts raw bytes to the webhook with Meta's signature over exactly those bytes. */
function postMeta(raw: string, { sign = true, tamper = false } = {}) {
  const signature = `sha256=${createHmac("sha256", APP_SECRET).update(raw).digest("hex")}`;
  const sent = tamper ? raw.replace("Oui", "Non") : raw;
  return t.app.request("/api/webhook/whatsapp", {
    method: "POST",
    headers: { "content-type": "application/json", ...(sign ? { "x-hub-signature-256": signature } : {}) },
    body: sent,
  });
}

describe("Meta Cloud API", () => {
  test("a signed delivery is stored without the integration key, the signature checked on the raw bytes", async () => {
    // Meta escapes non-ASCII as \\u sequences: re-serialised JSON would not match the signature.
    const raw = JSON.stringify(metaText("wamid.signed-1", "33645100001", "Oui je confirme")).replace("Sheena", "Sh\\u00e9ena");
    const response = await postMeta(raw);
    expect(response.status).toBe(200);
    const [client] = await t.db.select().from(clients).where(eq(clients.phoneNumber, "+33645100001"));
    expect(client?.name).toBe("Shéena Nelson");
    const [message] = await t.db.select().from(messages).where(eq(messages.providerMessageId, "wamid.signed-1"));
    expect(message).toMatchObject({ provider: "meta", body: "Oui je confirme", direction: "in", intent: "confirm" });
  });

  test("one byte changed after signing: 401 and nothing written", async () => {
    const before = await rowCounts();
    const response = await postMeta(JSON.stringify(metaText("wamid.tampered-1", "33645100002", "Oui")), { tamper: true });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_signature");
    expect(await rowCounts()).toEqual(before);
    expect(t.recentRejects.list()[0]).toMatchObject({ code: "invalid_signature" });
  });

  test("no signature and no key: 401 and nothing written", async () => {
    const before = await rowCounts();
    const response = await postMeta(JSON.stringify(metaText("wamid.unsigned-1", "33645100003", "Oui")), { sign: false });
    expect(response.status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  test("several messages in one delivery are stored together", async () => {
    const body = metaEnvelope({
      contacts: [{ profile: { name: "A" }, wa_id: "33645100004" }],
      messages: [
        { from: "33645100004", id: "wamid.batch-1", timestamp: "1764000000", type: "text", text: { body: "Bonjour" } },
        { from: "33645100004", id: "wamid.batch-2", timestamp: "1764000001", type: "text", text: { body: "une question" } },
      ],
    });
    expect((await postMeta(JSON.stringify(body))).status).toBe(200);
    const [row] = await t.db.select({ n: count() }).from(messages).where(eq(messages.provider, "meta"));
    expect(row?.n).toBeGreaterThanOrEqual(3);
  });

  test("statuses move our outbound message forward only, and never create a client", async () => {
    const [client] = await t.db.select().from(clients).where(eq(clients.phoneNumber, "+33645100001"));
    await t.db.insert(messages).values({
      clientId: client!.id,
      direction: "out",
      type: "template",
      body: "Confirmez-vous ?",
      provider: "meta",
      providerMessageId: "wamid.out-1",
      status: "sent",
    });
    const status = (state: string, id = "wamid.out-1") =>
      metaEnvelope({ statuses: [{ id, status: state, timestamp: "1764000100", recipient_id: "33645100001" }] });
    const before = await rowCounts();
    expect((await postMeta(JSON.stringify(status("read")))).status).toBe(200);
    expect((await postMeta(JSON.stringify(status("delivered")))).status).toBe(200);
    const [message] = await t.db.select().from(messages).where(eq(messages.providerMessageId, "wamid.out-1"));
    expect(message?.status).toBe("read");
    expect((await postMeta(JSON.stringify(status("delivered", "wamid.unknown-status")))).status).toBe(200);
    const after = await rowCounts();
    expect(after.clients).toBe(before.clients);
    expect(after.messages).toBe(before.messages);
  });

  test("a failed status keeps the provider's error code and reason", async () => {
    const [client] = await t.db.select().from(clients).where(eq(clients.phoneNumber, "+33645100001"));
    await t.db
      .insert(messages)
      .values({ clientId: client!.id, direction: "out", type: "template", body: "?", provider: "meta", providerMessageId: "wamid.out-2", status: "sent" });
    const failed = metaEnvelope({
      statuses: [
        {
          id: "wamid.out-2",
          status: "failed",
          timestamp: "1764000100",
          recipient_id: "33645100001",
          errors: [{ code: 131026, title: "Message undeliverable", message: "Message undeliverable" }],
        },
      ],
    });
    expect((await postMeta(JSON.stringify(failed))).status).toBe(200);
    const [message] = await t.db.select().from(messages).where(eq(messages.providerMessageId, "wamid.out-2"));
    expect(message).toMatchObject({ status: "failed", errorCode: "131026" });
    expect(message?.errorReason).toContain("undeliverable");
  });

  test("a sender known only by a business-scoped id is a client, linked when the phone shows up", async () => {
    const bsuidOnly = metaEnvelope({
      contacts: [{ profile: { name: "Sans Numéro" }, user_id: "US.13491208655302741918" }],
      messages: [{ from_user_id: "US.13491208655302741918", id: "wamid.bsuid-1", timestamp: "1764000000", type: "text", text: { body: "Bonjour" } }],
    });
    expect((await postMeta(JSON.stringify(bsuidOnly))).status).toBe(200);
    const [identity] = await t.db.select().from(clientIdentities).where(eq(clientIdentities.identity, "meta:US.13491208655302741918"));
    const [anonymous] = await t.db.select().from(clients).where(eq(clients.id, identity!.clientId));
    expect(anonymous?.phoneNumber).toBeNull();

    const withPhone = metaEnvelope({
      contacts: [{ profile: { name: "Sans Numéro" }, wa_id: "33645100005", user_id: "US.13491208655302741918" }],
      messages: [
        { from: "33645100005", from_user_id: "US.13491208655302741918", id: "wamid.bsuid-2", timestamp: "1764000001", type: "text", text: { body: "re" } },
      ],
    });
    expect((await postMeta(JSON.stringify(withPhone))).status).toBe(200);
    const [linked] = await t.db.select().from(clientIdentities).where(eq(clientIdentities.identity, "meta:US.13491208655302741918"));
    const [client] = await t.db.select().from(clients).where(eq(clients.id, linked!.clientId));
    expect(client?.phoneNumber).toBe("+33645100005");
    const thread = await t.db.select().from(messages).where(eq(messages.clientId, client!.id));
    expect(thread.map((message) => message.providerMessageId).sort()).toEqual(["wamid.bsuid-1", "wamid.bsuid-2"]);
    expect(await t.db.select().from(clients).where(eq(clients.id, anonymous!.id))).toEqual([]);
  });

  test("an event kind we do not handle is acknowledged", async () => {
    const body = { object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ field: "account_update", value: { event: "VERIFIED_ACCOUNT" } }] }] };
    expect((await postMeta(JSON.stringify(body))).status).toBe(200);
  });

  test("the GET verification handshake echoes the challenge only for the right token", async () => {
    const ok = await t.app.request("/api/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444");
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const wrong = await t.app.request("/api/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444");
    expect(wrong.status).toBe(403);
  });
});

describe("Twilio", () => {
  const url = "https://confirma.example.com/api/webhook/whatsapp";
  const form = {
    SmsMessageSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
    NumMedia: "0",
    ProfileName: "Awa",
    WaId: "221771234567",
    SmsSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
    SmsStatus: "received",
    Body: "Oui",
    To: "whatsapp:+14155238886",
    NumSegments: "1",
    MessageSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
    AccountSid: "AC00000000000000000000000000000000",
    From: "whatsapp:+221771234567",
    ApiVersion: "2010-04-01",
  };
  const post = (fields: Record<string, string>, signature: string) =>
    t.app.request("/api/webhook/whatsapp", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams(fields).toString(),
    });

  test("a signed form delivery (signed for PUBLIC_URL) is stored and answered with empty TwiML", async () => {
    const response = await post(form, computeTwilioSignature(TWILIO_TOKEN, url, Object.entries(form)));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("xml");
    expect(await response.text()).toContain("<Response></Response>");
    const [client] = await t.db.select().from(clients).where(eq(clients.phoneNumber, "+221771234567"));
    expect(client?.name).toBe("Awa");
  });

  test("a forged signature is refused and nothing is written", async () => {
    const before = await rowCounts();
    const response = await post({ ...form, MessageSid: "SMforged", Body: "Oui" }, computeTwilioSignature(TWILIO_TOKEN, url, Object.entries(form)));
    expect(response.status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("Baileys-style gateways (integration key)", () => {
  const post = (body: unknown, headers: Record<string, string> = {}) => t.call("POST", "/api/webhook/whatsapp", body, { headers });

  test("Evolution API: a message is stored; our own echo and group messages are acknowledged and ignored", async () => {
    const upsert = (key: Record<string, unknown>, text: string) => ({
      event: "messages.upsert",
      instance: "confirma",
      data: {
        key: { remoteJid: "212612345678@s.whatsapp.net", fromMe: false, id: "3EB0C767D26A1D4B0E15", ...key },
        pushName: "Youssef",
        message: { conversation: text },
        messageType: "conversation",
        messageTimestamp: 1764000000,
      },
      date_time: "2026-11-25T10:00:00.000Z",
      sender: "33600000000@s.whatsapp.net",
      apikey: "instance-key",
    });
    expect((await post(upsert({}, "wakha"))).status).toBe(200);
    const [client] = await t.db.select().from(clients).where(eq(clients.phoneNumber, "+212612345678"));
    expect(client?.name).toBe("Youssef");
    const before = await rowCounts();
    expect((await post(upsert({ fromMe: true, id: "3EB0ECHO" }, "Votre commande"))).status).toBe(200);
    expect((await post(upsert({ remoteJid: "120363025246125244@g.us", id: "3EB0GROUP", participant: "212612345679@s.whatsapp.net" }, "oui"))).status).toBe(200);
    expect((await post({ event: "connection.update", instance: "confirma", data: { state: "open" } })).status).toBe(200);
    expect(await rowCounts()).toEqual(before);
  });

  test("WAHA: the HMAC over the raw body authenticates without the key", async () => {
    const raw = JSON.stringify({
      event: "message",
      session: "default",
      engine: "WEBJS",
      payload: {
        id: "false_22501234567@c.us_AAAAAAAAAAAAAAAAAAAA",
        timestamp: 1764000000,
        from: "22501234567@c.us",
        fromMe: false,
        body: "Oui",
        hasMedia: false,
      },
    });
    const hmac = createHmac("sha512", WAHA_KEY).update(raw).digest("hex");
    const response = await t.app.request("/api/webhook/whatsapp", {
      method: "POST",
      headers: { "content-type": "application/json", "x-webhook-hmac": hmac, "x-webhook-hmac-algorithm": "sha512" },
      body: raw,
    });
    expect(response.status).toBe(200);
    const [client] = await t.db.select().from(clients).where(eq(clients.phoneNumber, "+22501234567"));
    expect(client).toBeDefined();
  });

  test("Green API: an incoming message is stored; an outgoing echo is ignored", async () => {
    const instanceData = { idInstance: 1101000001, wid: "33600000000@c.us", typeInstance: "whatsapp" };
    const incoming = {
      typeWebhook: "incomingMessageReceived",
      instanceData,
      timestamp: 1764000000,
      idMessage: "F7AEC1B7086ECDC7E6E45923F5EDB825",
      senderData: { chatId: "21650123456@c.us", sender: "21650123456@c.us", senderName: "Sami" },
      messageData: { typeMessage: "textMessage", textMessageData: { textMessage: "Je confirme" } },
    };
    expect((await post(incoming)).status).toBe(200);
    const [client] = await t.db.select().from(clients).where(eq(clients.phoneNumber, "+21650123456"));
    expect(client?.name).toBe("Sami");
    const before = await rowCounts();
    expect((await post({ ...incoming, typeWebhook: "outgoingAPIMessageReceived", idMessage: "ECHO1" })).status).toBe(200);
    expect(await rowCounts()).toEqual(before);
  });

  test("the provider can be forced by the URL", async () => {
    const response = await t.call("POST", "/api/webhook/whatsapp/seed", { from: "33645100009", body: "bonjour", type: "text" });
    expect(response.status).toBe(200);
    expect(response.body.success).toBe(true);
  });
});
