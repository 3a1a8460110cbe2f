import { describe, expect, test } from "bun:test";
import * as samples from "./fixtures/waha-samples.ts";
import { json, onlyEvent, onlyMessage, onlyStatus, OPTIONS, webhookRequest } from "./fixtures/test-helpers.ts";
import { wahaProvider as waha } from "./waha.ts";

const payloadOf = (sample: { payload: Record<string, unknown> }, patch: Record<string, unknown>) => ({ ...sample, payload: { ...sample.payload, ...patch } });

describe("waha: messages", () => {
  test("the documented message example is our own message: ignored as echo", () => {
    expect(onlyEvent(waha, json(samples.WAHA_DOC_MESSAGE))).toEqual({
      kind: "ignored",
      provider: "waha",
      reason: "echo",
      messageId: "true_11111111111@c.us_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    });
    expect(onlyEvent(waha, json({ ...samples.WAHA_DOC_MESSAGE, event: "message.any" }))).toMatchObject({ reason: "echo" });
  });

  test("inbound text with notify name and replyTo", () => {
    expect(onlyMessage(waha, json(samples.WAHA_INBOUND_TEXT))).toEqual({
      kind: "message",
      provider: "waha",
      messageId: "false_33612345678@c.us_3EB0C431C26A1916E07E",
      from: { phone: "+33612345678", name: "Camille" },
      type: "text",
      text: "Oui je confirme",
      replyToMessageId: "true_33612345678@c.us_3EB0B430B6F8F1D0E053",
      timestamp: new Date(1667561485 * 1000),
    });
  });

  test("message.any from a customer is a message too", () => {
    expect(onlyEvent(waha, json({ ...samples.WAHA_INBOUND_TEXT, event: "message.any" }))).toMatchObject({ kind: "message" });
  });

  test("media: url, mime type, filename, body as caption", () => {
    const message = onlyMessage(waha, json(samples.WAHA_MEDIA));
    expect(message.type).toBe("document");
    expect(message.text).toBe("la facture");
    expect(message.media).toEqual({
      url: "http://localhost:3000/api/files/false_33612345678@c.us_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.pdf",
      mimeType: "application/pdf",
      filename: "facture.pdf",
      caption: "la facture",
    });
    const legacy = payloadOf(samples.WAHA_MEDIA, { media: undefined, mediaUrl: "http://localhost:3000/api/files/x.oga", _data: { type: "ptt" } });
    expect(onlyMessage(waha, json(legacy))).toMatchObject({ type: "audio", media: { url: "http://localhost:3000/api/files/x.oga" } });
  });

  test("location with string coordinates", () => {
    expect(onlyMessage(waha, json(samples.WAHA_LOCATION)).location).toEqual({ latitude: 48.8583701, longitude: 2.2944813, name: "Tour Eiffel" });
  });

  test("groups, status broadcast, channels ignored; @lid gives a lid userId", () => {
    expect(onlyEvent(waha, json(payloadOf(samples.WAHA_INBOUND_TEXT, { from: "120363025246125486@g.us", participant: "33612345678@c.us" })))).toMatchObject({
      reason: "group",
    });
    expect(onlyEvent(waha, json(payloadOf(samples.WAHA_INBOUND_TEXT, { from: "status@broadcast" })))).toMatchObject({ reason: "broadcast" });
    expect(onlyEvent(waha, json(payloadOf(samples.WAHA_INBOUND_TEXT, { from: "120363000000000000@newsletter" })))).toMatchObject({ reason: "channel" });
    expect(onlyMessage(waha, json(payloadOf(samples.WAHA_INBOUND_TEXT, { from: "140913951141911@lid" }))).from).toEqual({
      userId: "lid:140913951141911",
      name: "Camille",
    });
  });

  test("NOWEB: the Baileys message in _data gives button payloads and the LID's phone", () => {
    const noweb = {
      event: "message",
      session: "default",
      engine: "NOWEB",
      payload: {
        id: "false_140913951141911@lid_3EB0A",
        timestamp: 1767366759,
        from: "140913951141911@lid",
        fromMe: false,
        body: "Confirmer",
        hasMedia: false,
        _data: {
          key: { remoteJid: "140913951141911@lid", remoteJidAlt: "33612345678@s.whatsapp.net", fromMe: false, id: "3EB0A" },
          pushName: "Camille",
          message: { buttonsResponseMessage: { selectedButtonId: "confirm_1042", selectedDisplayText: "Confirmer" } },
        },
      },
    };
    expect(onlyMessage(waha, json(noweb))).toMatchObject({
      type: "button",
      buttonPayload: "confirm_1042",
      text: "Confirmer",
      from: { phone: "+33612345678", userId: "lid:140913951141911", name: "Camille" },
    });
  });

  test("WEBJS buttons_response and list_response", () => {
    const button = payloadOf(samples.WAHA_INBOUND_TEXT, { body: "Confirmer", _data: { type: "buttons_response", selectedButtonId: "confirm_1042" } });
    expect(onlyMessage(waha, json(button))).toMatchObject({ type: "button", buttonPayload: "confirm_1042", text: "Confirmer" });
    const list = payloadOf(samples.WAHA_INBOUND_TEXT, {
      body: "Demain",
      _data: { type: "list_response", listResponse: { singleSelectReply: { selectedRowId: "slot_tomorrow" } } },
    });
    expect(onlyMessage(waha, json(list))).toMatchObject({ type: "interactive", buttonPayload: "slot_tomorrow" });
  });
});

describe("waha: message.ack", () => {
  test("documented READ ack of our message", () => {
    expect(onlyStatus(waha, json(samples.WAHA_ACK_READ))).toEqual({
      kind: "status",
      provider: "waha",
      messageId: "true_11111111111@c.us_4CC5EDD64BC22EBA6D639F2AF571346C",
      status: "read",
      timestamp: OPTIONS.receivedAt,
      recipient: { phone: "+11111111111" },
    });
  });

  test("every ack value", () => {
    const ack = (ackValue: number, ackName?: string) => onlyEvent(waha, json(payloadOf(samples.WAHA_ACK_READ, { ack: ackValue, ackName })));
    expect(ack(-1, "ERROR")).toMatchObject({ kind: "status", status: "failed", error: { code: "ERROR" } });
    expect(ack(0, "PENDING")).toMatchObject({ kind: "ignored", reason: "status_pending" });
    expect(ack(1, "SERVER")).toMatchObject({ kind: "status", status: "sent" });
    expect(ack(2, "DEVICE")).toMatchObject({ kind: "status", status: "delivered" });
    expect(ack(3)).toMatchObject({ kind: "status", status: "read" });
    expect(ack(4, "PLAYED")).toMatchObject({ kind: "status", status: "read" });
    expect(ack(9)).toMatchObject({ kind: "ignored", reason: "unsupported_status" });
  });

  test("acks of messages we received are not statuses", () => {
    expect(onlyEvent(waha, json(payloadOf(samples.WAHA_ACK_READ, { fromMe: false })))).toMatchObject({ kind: "ignored", reason: "not_outbound" });
  });
});

describe("waha: envelope, signature, reply", () => {
  test("other events ignored; broken payload invalid", () => {
    expect(onlyEvent(waha, json(samples.WAHA_SESSION_STATUS))).toEqual({ kind: "ignored", provider: "waha", reason: "unsupported_event" });
    expect(waha.parse(json({ event: "message", session: "default", payload: "x" }), OPTIONS).ok).toBe(false);
  });

  test("WAHA's documented HMAC example", () => {
    const headers = { "X-Webhook-Hmac": samples.WAHA_HMAC, "X-Webhook-Hmac-Algorithm": "sha512" };
    const secrets = { wahaHmacKey: samples.WAHA_HMAC_KEY };
    expect(waha.verifySignature(webhookRequest(samples.WAHA_HMAC_BODY, headers), secrets)).toBe("valid");
    expect(waha.verifySignature(webhookRequest(`${samples.WAHA_HMAC_BODY} `, headers), secrets)).toBe("invalid");
    expect(waha.verifySignature(webhookRequest(samples.WAHA_HMAC_BODY, { ...headers, "X-Webhook-Hmac-Algorithm": "sha256" }), secrets)).toBe("invalid");
    expect(waha.verifySignature(webhookRequest(samples.WAHA_HMAC_BODY, { "X-Webhook-Hmac": samples.WAHA_HMAC.toUpperCase() }), secrets)).toBe("valid");
    expect(waha.verifySignature(webhookRequest(samples.WAHA_HMAC_BODY, headers), { wahaHmacKey: "other" })).toBe("invalid");
    expect(waha.verifySignature(webhookRequest(samples.WAHA_HMAC_BODY), secrets)).toBe("missing");
    expect(waha.verifySignature(webhookRequest(samples.WAHA_HMAC_BODY, headers), {})).toBe("unconfigured");
  });

  test("detect and reply", () => {
    expect(waha.detect(json(samples.WAHA_INBOUND_TEXT), webhookRequest(""))).toBe(true);
    expect(waha.detect(json({ event: "messages.upsert", instance: "x", data: {} }), webhookRequest(""))).toBe(false);
    expect(waha.reply({ clientIds: [] }).status).toBe(200);
  });
});
