import { describe, expect, test } from "bun:test";
import * as samples from "./fixtures/green-api-samples.ts";
import { json, onlyEvent, onlyMessage, onlyStatus, OPTIONS, webhookRequest } from "./fixtures/test-helpers.ts";
import { greenApiProvider as green } from "./green-api.ts";

describe("green-api: incoming messages", () => {
  test("documented text message", () => {
    expect(onlyMessage(green, json(samples.GREEN_TEXT))).toEqual({
      kind: "message",
      provider: "green-api",
      messageId: "F7AEC1B7086ECDC7E6E45923F5EDB825",
      from: { phone: "+79001234568", name: "GREEN-API" },
      type: "text",
      text: "I use GREEN-API to send this message to you!",
      timestamp: new Date(1588091580 * 1000),
    });
  });

  test("template button reply, both spellings of typeMessage", () => {
    const message = onlyMessage(green, json(samples.GREEN_TEMPLATE_BUTTON));
    expect([message.type, message.buttonPayload, message.text, message.replyToMessageId]).toEqual(["button", "1", "First Button", "BAE5BBB8415CF1AA"]);
    const singular = samples.incoming({
      typeMessage: "templateButtonReplyMessage",
      templateButtonReplyMessage: { stanzaId: "BAE53AFDD5F0C137", selectedIndex: 2, selectedId: "id1", selectedDisplayText: "red" },
    });
    expect(onlyMessage(green, json(singular))).toMatchObject({ buttonPayload: "id1", text: "red" });
  });

  test("simple buttons and list selection", () => {
    expect(onlyMessage(green, json(samples.GREEN_BUTTONS_RESPONSE))).toMatchObject({
      type: "button",
      buttonPayload: "1",
      text: "Green",
      replyToMessageId: "BAE53AFDD5F0C137",
    });
    expect(onlyMessage(green, json(samples.GREEN_LIST_RESPONSE))).toMatchObject({ type: "interactive", buttonPayload: "option2", text: "Option 2" });
  });

  test("location, document, quoted text", () => {
    expect(onlyMessage(green, json(samples.GREEN_LOCATION)).location).toEqual({
      latitude: 12.345678910111213,
      longitude: 14.151617181920212,
      name: "Empire State Building",
      address: "20 W 34th St., New York, NY 10001, USA",
    });
    expect(onlyMessage(green, json(samples.GREEN_DOCUMENT))).toMatchObject({
      type: "document",
      text: "",
      media: {
        url: "https://sw-media-out.storage.greenapi.net/1101000001/3EB0D00923D87A3FA01BAE.pdf",
        mimeType: "application/pdf",
        filename: "Harry Potter and the Philosopher's Stone.pdf",
      },
    });
    expect(onlyMessage(green, json(samples.GREEN_QUOTED))).toMatchObject({
      type: "text",
      text: "Quoting a text message",
      replyToMessageId: "3EB063C771F28EB323FAE3",
    });
  });

  test("reaction; removed reaction ignored", () => {
    expect(onlyMessage(green, json(samples.GREEN_REACTION))).toMatchObject({
      type: "reaction",
      text: "\u{1F44D}",
      replyToMessageId: "F7AEC1B7086ECDC7E6E45923F5EDB825",
    });
    const removed = samples.incoming({ typeMessage: "reactionMessage", extendedTextMessageData: { text: "" }, quotedMessage: { stanzaId: "X" } });
    expect(onlyEvent(green, json(removed))).toMatchObject({ kind: "ignored", reason: "reaction_removed" });
  });

  test("groups ignored; unknown message types keep the sender", () => {
    const group = samples.incoming({ typeMessage: "textMessage", textMessageData: { textMessage: "hi" } }, "G1", {
      chatId: "120363043968066561@g.us",
      sender: "71234567890@c.us",
      senderName: "x",
    });
    expect(onlyEvent(green, json(group))).toMatchObject({ kind: "ignored", reason: "group", messageId: "G1" });
    expect(onlyMessage(green, json(samples.incoming({ typeMessage: "pollMessage", pollMessageData: {} })))).toMatchObject({ type: "unknown", text: "" });
  });
});

describe("green-api: statuses and other webhooks", () => {
  test("documented sent status", () => {
    expect(onlyStatus(green, json(samples.GREEN_STATUS_SENT))).toEqual({
      kind: "status",
      provider: "green-api",
      messageId: "ECE6BBEA514B66872790C3D9D52C5C19",
      status: "sent",
      timestamp: new Date(1705901090 * 1000),
      recipient: { phone: "+71231234567" },
    });
  });

  test("delivered, read; failed / noAccount carry the status and description", () => {
    const status = (value: string, description?: string) =>
      onlyEvent(green, json({ ...samples.GREEN_STATUS_SENT, status: value, ...(description ? { description } : {}) }));
    expect(status("delivered")).toMatchObject({ kind: "status", status: "delivered" });
    expect(status("read")).toMatchObject({ kind: "status", status: "read" });
    expect(status("failed", "Recipient is not a WhatsApp user")).toMatchObject({
      status: "failed",
      error: { code: "failed", reason: "Recipient is not a WhatsApp user" },
    });
    expect(status("noAccount")).toMatchObject({ status: "failed", error: { code: "noAccount", reason: "noAccount" } });
    expect(status("yellowCard")).toMatchObject({ kind: "ignored", reason: "status_yellowCard" });
    expect(status("toString")).toMatchObject({ kind: "ignored", reason: "unsupported_status" });
  });

  test("echoes of our messages and other webhook types are ignored", () => {
    expect(onlyEvent(green, json(samples.GREEN_OUTGOING_API))).toEqual({
      kind: "ignored",
      provider: "green-api",
      reason: "echo",
      messageId: "BACB52BE2EDD30CAD9",
    });
    expect(onlyEvent(green, json({ ...samples.GREEN_OUTGOING_API, typeWebhook: "outgoingMessageReceived" }))).toMatchObject({ reason: "echo" });
    expect(onlyEvent(green, json(samples.GREEN_STATE_CHANGED))).toMatchObject({ reason: "unsupported_event" });
  });

  test("other messengers of the same API are ignored", () => {
    const telegram = { ...samples.GREEN_TEXT, instanceData: { idInstance: 3100000000, wid: "79991234567@c.us", typeInstance: "telegram" } };
    expect(onlyEvent(green, json(telegram))).toMatchObject({ kind: "ignored", reason: "unsupported_channel" });
  });

  test("broken incoming envelope is invalid", () => {
    expect(green.parse(json({ typeWebhook: "incomingMessageReceived", senderData: 1 }), OPTIONS).ok).toBe(false);
  });

  test("detect, signature, reply", () => {
    expect(green.detect(json(samples.GREEN_TEXT), webhookRequest(""))).toBe(true);
    expect(green.detect(json({ from: "x", body: "y" }), webhookRequest(""))).toBe(false);
    expect(green.verifySignature(webhookRequest("{}"), {})).toBe("unconfigured");
    expect(green.reply({ clientIds: [] })).toEqual({ status: 200, contentType: "application/json", body: '{"success":true}' });
  });
});
