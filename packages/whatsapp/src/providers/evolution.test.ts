import { describe, expect, test } from "bun:test";
import { evolutionProvider as evolution } from "./evolution.ts";
import * as samples from "./fixtures/evolution-samples.ts";
import { json, onlyEvent, onlyMessage, onlyStatus, OPTIONS, parseEvents, webhookRequest } from "./fixtures/test-helpers.ts";

describe("evolution: messages.upsert", () => {
  test("text from a phone JID", () => {
    expect(onlyMessage(evolution, json(samples.EVOLUTION_TEXT))).toEqual({
      kind: "message",
      provider: "evolution",
      messageId: "3EB0F4A1F841F02958FB74",
      from: { phone: "+33612345678", name: "Camille" },
      type: "text",
      text: "Oui je confirme",
      timestamp: new Date(1752927185 * 1000),
    });
  });

  test("@lid chat: phone from remoteJidAlt (or senderPn) and lid userId; without alt only the userId", () => {
    expect(onlyMessage(evolution, json(samples.EVOLUTION_LID_WITH_ALT)).from).toEqual({
      phone: "+5511997765220",
      userId: "lid:272516946294519",
      name: "Camille",
    });
    const withSenderPn = samples.evolutionEnvelope(
      "messages.upsert",
      samples.upsertData({ conversation: "oi" }, { remoteJid: "272516946294519@lid", senderPn: "5511997765220@s.whatsapp.net" }),
    );
    expect(onlyMessage(evolution, json(withSenderPn)).from).toMatchObject({ phone: "+5511997765220", userId: "lid:272516946294519" });
    expect(onlyMessage(evolution, json(samples.EVOLUTION_LID_ONLY)).from).toEqual({ userId: "lid:140913951141911", name: "Camille" });
  });

  test("echo, group and status@broadcast are ignored", () => {
    expect(onlyEvent(evolution, json(samples.EVOLUTION_FROM_ME))).toMatchObject({ kind: "ignored", reason: "echo", messageId: "3EB0DF1A40B383B0DC01" });
    expect(onlyEvent(evolution, json(samples.EVOLUTION_GROUP))).toMatchObject({ kind: "ignored", reason: "group" });
    expect(onlyEvent(evolution, json(samples.EVOLUTION_STATUS_BROADCAST))).toMatchObject({ kind: "ignored", reason: "broadcast" });
  });

  test("image with caption; upper-case event name", () => {
    const message = onlyMessage(evolution, json(samples.EVOLUTION_IMAGE));
    expect(message.type).toBe("image");
    expect(message.text).toBe("colis reçu");
    expect(message.media).toEqual({ url: "https://mmg.whatsapp.net/o1/v/t62.7118-24/f1/m231/up-oil-image.enc", mimeType: "image/jpeg", caption: "colis reçu" });
  });

  test("button, template and list replies: payload = selected id, text = display text, reply = stanzaId", () => {
    const buttons = onlyMessage(evolution, json(samples.EVOLUTION_BUTTONS_RESPONSE));
    expect([buttons.type, buttons.buttonPayload, buttons.text, buttons.replyToMessageId]).toEqual(["button", "confirm_1042", "Confirmer", "BAE5F030602BE692"]);
    const template = onlyMessage(evolution, json(samples.EVOLUTION_TEMPLATE_REPLY));
    expect([template.type, template.buttonPayload, template.text, template.replyToMessageId]).toEqual(["button", "cancel_1042", "Annuler", "BAE5F030602BE693"]);
    const list = onlyMessage(evolution, json(samples.EVOLUTION_LIST_RESPONSE));
    expect([list.type, list.buttonPayload, list.text]).toEqual(["interactive", "slot_tomorrow", "Livraison demain"]);
  });

  test("extendedTextMessage reply and location", () => {
    const reply = onlyMessage(evolution, json(samples.EVOLUTION_EXTENDED_REPLY));
    expect([reply.text, reply.replyToMessageId]).toEqual(["oui pour celle-ci", "BAE5F030602BE695"]);
    expect(onlyMessage(evolution, json(samples.EVOLUTION_LOCATION)).location).toEqual({
      latitude: 48.8583701,
      longitude: 2.2944813,
      name: "Tour Eiffel",
      address: "Champ de Mars, Paris",
    });
  });

  test("ephemeral wrapper, device suffix, Long timestamps and arrays of data", () => {
    const data = samples.upsertData(
      { ephemeralMessage: { message: { extendedTextMessage: { text: "éphémère" } } } },
      { remoteJid: "33612345678:24@s.whatsapp.net" },
      { messageTimestamp: { low: 1752927185, high: 0, unsigned: true } },
    );
    const events = parseEvents(evolution, json(samples.evolutionEnvelope("messages.upsert", [data, samples.upsertData({ conversation: "2" }, { id: "B" })])));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ kind: "message", text: "éphémère", from: { phone: "+33612345678" }, timestamp: new Date(1752927185 * 1000) });
  });

  test("reaction and removed reaction", () => {
    const reaction = samples.upsertData({
      reactionMessage: { key: { remoteJid: "33612345678@s.whatsapp.net", fromMe: true, id: "BAE5F030602BE692" }, text: "\u{1F44D}" },
    });
    expect(onlyMessage(evolution, json(samples.evolutionEnvelope("messages.upsert", reaction)))).toMatchObject({
      type: "reaction",
      text: "\u{1F44D}",
      replyToMessageId: "BAE5F030602BE692",
    });
    const removed = samples.upsertData({ reactionMessage: { key: { id: "BAE5F030602BE692" }, text: "" } });
    expect(onlyEvent(evolution, json(samples.evolutionEnvelope("messages.upsert", removed)))).toMatchObject({ kind: "ignored", reason: "reaction_removed" });
  });
});

describe("evolution: messages.update", () => {
  test("DELIVERY_ACK of our message is delivered, keyed by the WhatsApp id", () => {
    expect(onlyStatus(evolution, json(samples.EVOLUTION_UPDATE_DELIVERED))).toEqual({
      kind: "status",
      provider: "evolution",
      messageId: "3EB017363CD9B439D2A1A4",
      status: "delivered",
      timestamp: OPTIONS.receivedAt,
      recipient: { phone: "+33612345678" },
    });
  });

  test("names and Baileys numbers map the same way", () => {
    const update = (status: unknown, fromMe = true) =>
      onlyEvent(evolution, json(samples.evolutionEnvelope("messages.update", { keyId: "K1", remoteJid: "33612345678@s.whatsapp.net", fromMe, status })));
    const cases: [unknown, string, string][] = [
      ["SERVER_ACK", "status", "sent"],
      ["READ", "status", "read"],
      ["PLAYED", "status", "read"],
      ["ERROR", "status", "failed"],
      [2, "status", "sent"],
      [3, "status", "delivered"],
      [4, "status", "read"],
      [0, "status", "failed"],
    ];
    for (const [raw, kind, status] of cases) expect(update(raw)).toMatchObject({ kind, status });
    expect(update("PENDING")).toMatchObject({ kind: "ignored", reason: "status_pending" });
    expect(update(1)).toMatchObject({ kind: "ignored", reason: "status_pending" });
    expect(update("DELIVERY_ACK", false)).toMatchObject({ kind: "ignored", reason: "not_outbound" });
    expect(update("WHATEVER")).toMatchObject({ kind: "ignored", reason: "unsupported_status" });
  });

  test("v1 shape { key, update } is understood", () => {
    const body = samples.evolutionEnvelope("MESSAGES_UPDATE", [
      { key: { id: "MSG_ID", remoteJid: "33612345678@s.whatsapp.net", fromMe: true }, update: { status: 3 } },
    ]);
    expect(onlyStatus(evolution, json(body))).toMatchObject({ messageId: "MSG_ID", status: "delivered" });
  });
});

describe("evolution: other events, detection, signature", () => {
  test("other events are ignored; send.message is our echo", () => {
    expect(onlyEvent(evolution, json(samples.EVOLUTION_CONNECTION_UPDATE))).toEqual({ kind: "ignored", provider: "evolution", reason: "unsupported_event" });
    for (const event of ["qrcode.updated", "presence.update", "CONTACTS_UPSERT"]) {
      expect(onlyEvent(evolution, json(samples.evolutionEnvelope(event, {})))).toMatchObject({ reason: "unsupported_event" });
    }
    expect(onlyEvent(evolution, json(samples.evolutionEnvelope("send.message", {})))).toMatchObject({ reason: "echo" });
  });

  test("broken data is invalid", () => {
    expect(evolution.parse(json(samples.evolutionEnvelope("messages.upsert", "x")), OPTIONS).ok).toBe(false);
    expect(evolution.parse(json({ event: 1, instance: "i", data: {} }), OPTIONS).ok).toBe(false);
  });

  test("detects the envelope; no signature", () => {
    expect(evolution.detect(json(samples.EVOLUTION_TEXT), webhookRequest(""))).toBe(true);
    expect(evolution.detect(json({ event: "message", session: "default", payload: {} }), webhookRequest(""))).toBe(false);
    expect(evolution.verifySignature(webhookRequest("{}"), { metaAppSecret: "x", wahaHmacKey: "y" })).toBe("unconfigured");
    expect(evolution.reply({ clientIds: [] })).toEqual({ status: 200, contentType: "application/json", body: '{"success":true}' });
  });
});
