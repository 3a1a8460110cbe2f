import { describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import * as samples from "./fixtures/meta-samples.ts";
import { json, onlyEvent, onlyMessage, onlyStatus, parseEvents, RECEIVED_AT, webhookRequest } from "./fixtures/test-helpers.ts";
import { metaCloudProvider as meta, verifyMetaHandshake } from "./meta-cloud.ts";

describe("meta: messages", () => {
  test("documented text message", () => {
    const message = onlyMessage(meta, json(samples.META_TEXT));
    expect(message).toEqual({
      kind: "message",
      provider: "meta",
      messageId: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
      from: { phone: "+16505551234", name: "Sheena Nelson" },
      type: "text",
      text: "Does it come in another color?",
      timestamp: new Date(1749416383 * 1000),
    });
  });

  test("template quick-reply button: payload, text and the message it answers", () => {
    const message = onlyMessage(meta, json(samples.META_TEMPLATE_BUTTON));
    expect(message.type).toBe("button");
    expect(message.buttonPayload).toBe("Unsubscribe");
    expect(message.text).toBe("Unsubscribe");
    expect(message.replyToMessageId).toBe("wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=");
  });

  test("interactive button_reply and list_reply: payload = id, text = title", () => {
    const button = onlyMessage(meta, json(samples.META_BUTTON_REPLY));
    expect([button.type, button.buttonPayload, button.text]).toEqual(["interactive", "cancel-button", "Cancel"]);
    const list = onlyMessage(meta, json(samples.META_LIST_REPLY));
    expect([list.type, list.buttonPayload, list.text]).toEqual(["interactive", "priority_express", "Priority Mail Express"]);
    expect(list.replyToMessageId).toBe("wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=");
  });

  test("image: media id, mime type, caption as text", () => {
    const message = onlyMessage(meta, json(samples.META_IMAGE));
    expect(message.type).toBe("image");
    expect(message.text).toBe("This is a caption");
    expect(message.media).toEqual({ id: "2754859441498128", mimeType: "image/jpeg", caption: "This is a caption" });
  });

  test("audio, video, document and sticker keep their type and media id", () => {
    for (const type of ["audio", "video", "document", "sticker"] as const) {
      const body = samples.metaEnvelope({
        messages: [
          {
            from: "33612345678",
            id: `wamid.${type}`,
            timestamp: "1739321024",
            type,
            [type]: { id: `${type}-1`, mime_type: "application/octet-stream", filename: "bon.pdf" },
          },
        ],
      });
      const message = onlyMessage(meta, json(body));
      expect(message.type).toBe(type);
      expect(message.media?.id).toBe(`${type}-1`);
      expect(message.from).toEqual({ phone: "+33612345678" });
    }
  });

  test("location", () => {
    const message = onlyMessage(meta, json(samples.META_LOCATION));
    expect(message.type).toBe("location");
    expect(message.location).toEqual({
      latitude: 37.44221496582,
      longitude: -122.16178894043,
      name: "Philz Coffee",
      address: "101 Forest Ave, Palo Alto, CA 94301",
    });
  });

  test("contacts message lists the shared names", () => {
    const body = samples.metaEnvelope({
      contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
      messages: [
        {
          from: "16505551234",
          id: "wamid.c",
          timestamp: "1739321024",
          type: "contacts",
          contacts: [{ name: { formatted_name: "Barbara Johnson", first_name: "Barbara" }, phones: [{ phone: "+19175559999", wa_id: "19175559999" }] }],
        },
      ],
    });
    const message = onlyMessage(meta, json(body));
    expect([message.type, message.text]).toEqual(["contacts", "Barbara Johnson"]);
  });

  test("reaction is a message of type reaction with the emoji as text; a removed reaction is ignored", () => {
    const reaction = onlyMessage(meta, json(samples.META_REACTION));
    expect([reaction.type, reaction.text, reaction.replyToMessageId]).toEqual([
      "reaction",
      "\u{1F44D}",
      "wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=",
    ]);
    expect(onlyEvent(meta, json(samples.META_REACTION_REMOVED))).toMatchObject({ kind: "ignored", reason: "reaction_removed" });
  });

  test("unsupported message keeps the sender as type unknown", () => {
    const message = onlyMessage(meta, json(samples.META_UNSUPPORTED));
    expect([message.type, message.text, message.from.phone]).toEqual(["unknown", "", "+16505551234"]);
  });

  test("BSUID only: userId meta:<id>, no phone invented; both when both are present", () => {
    expect(onlyMessage(meta, json(samples.META_BSUID_ONLY)).from).toEqual({ userId: "meta:US.13491208655302741918", name: "test user name" });
    expect(onlyMessage(meta, json(samples.META_BSUID_WITH_PHONE)).from).toEqual({
      phone: "+16315551181",
      userId: "meta:US.13491208655302741918",
      name: "test user name",
    });
  });

  test("no phone and no user id: ignored no_sender", () => {
    const body = samples.metaEnvelope({ messages: [{ id: "wamid.x", timestamp: "1", type: "text", text: { body: "?" } }] });
    expect(onlyEvent(meta, json(body))).toEqual({ kind: "ignored", provider: "meta", reason: "no_sender", messageId: "wamid.x" });
  });

  test("several messages, changes and entries in one delivery, in order", () => {
    const first = samples.META_TEXT.entry[0];
    const second = samples.META_BUTTON_REPLY.entry[0];
    const status = samples.META_STATUS_DELIVERED.entry[0];
    if (!first || !second || !status) throw new Error("fixture");
    const body = { object: "whatsapp_business_account", entry: [{ id: "1", changes: [...first.changes, ...second.changes] }, status] };
    const events = parseEvents(meta, json(body));
    expect(events.map((event) => event.kind)).toEqual(["message", "message", "status"]);
  });

  test("unknown fields and value-level errors are one ignored event each", () => {
    expect(onlyEvent(meta, json(samples.META_TEMPLATE_STATUS_UPDATE))).toEqual({ kind: "ignored", provider: "meta", reason: "unsupported_event" });
    const accountUpdate = samples.metaEnvelope({ phone_number: "15550783881", event: "VERIFIED_ACCOUNT" }, "account_update");
    expect(onlyEvent(meta, json(accountUpdate))).toMatchObject({ kind: "ignored", reason: "unsupported_event" });
    expect(onlyEvent(meta, json(samples.META_VALUE_ERRORS))).toMatchObject({ kind: "ignored", reason: "provider_error" });
  });

  test("a broken envelope is invalid_payload; a broken item is ignored as malformed", () => {
    expect(meta.parse(json({ object: "whatsapp_business_account", entry: "nope" }), { defaultCountry: "FR", receivedAt: RECEIVED_AT }).ok).toBe(false);
    expect(meta.parse({ format: "form", fields: {} }, { defaultCountry: "FR", receivedAt: RECEIVED_AT }).ok).toBe(false);
    expect(onlyEvent(meta, json({ object: "whatsapp_business_account", entry: [42] }))).toMatchObject({ reason: "malformed" });
    expect(onlyEvent(meta, json(samples.metaEnvelope({ messages: [{ from: "1", type: "text" }] })))).toMatchObject({ reason: "malformed" });
  });
});

describe("meta: statuses", () => {
  test("delivered, with phone and BSUID of the recipient", () => {
    expect(onlyStatus(meta, json(samples.META_STATUS_DELIVERED))).toEqual({
      kind: "status",
      provider: "meta",
      messageId: "ABGGFlA5Fpa",
      status: "delivered",
      timestamp: new Date(1504902988 * 1000),
      recipient: { phone: "+16315551181", userId: "meta:US.13491208655302741918" },
    });
  });

  test("failed carries the error code and reason", () => {
    const status = onlyStatus(meta, json(samples.META_STATUS_FAILED));
    expect(status.status).toBe("failed");
    expect(status.error).toEqual({
      code: "131049",
      reason:
        "This message was not delivered to maintain healthy ecosystem engagement.: In order to maintain a healthy ecosystem engagement, the message failed to be delivered.",
    });
  });

  test("sent and read map; played is read; deleted is ignored", () => {
    const statusOf = (value: string) =>
      onlyEvent(meta, json(samples.metaEnvelope({ statuses: [{ id: "wamid.s", status: value, timestamp: "1739321024", recipient_id: "16505551234" }] })));
    expect(statusOf("sent")).toMatchObject({ kind: "status", status: "sent" });
    expect(statusOf("read")).toMatchObject({ kind: "status", status: "read" });
    expect(statusOf("played")).toMatchObject({ kind: "status", status: "read" });
    expect(statusOf("deleted")).toMatchObject({ kind: "ignored", reason: "unsupported_status" });
  });
});

describe("meta: signature", () => {
  const secret = "meta-app-secret";
  const raw = '{"object":"whatsapp_business_account","entry":[],"name":"Ren\\u00e9"}';
  const sign = (body: string | Uint8Array) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

  test("verifies against the raw bytes, escapes included", () => {
    expect(meta.verifySignature(webhookRequest(raw, { "X-Hub-Signature-256": sign(raw) }), { metaAppSecret: secret })).toBe("valid");
    // Re-serialising the parsed JSON turns "\u00e9" into "é": the signature no longer matches.
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(reserialised).not.toBe(raw);
    expect(meta.verifySignature(webhookRequest(reserialised, { "X-Hub-Signature-256": sign(raw) }), { metaAppSecret: secret })).toBe("invalid");
  });

  test("one altered byte fails; missing header, missing secret and bad formats are reported", () => {
    const bytes = new TextEncoder().encode(raw);
    const altered = bytes.slice();
    altered[10] = (altered[10] ?? 0) ^ 1;
    expect(meta.verifySignature(webhookRequest(altered, { "X-Hub-Signature-256": sign(bytes) }), { metaAppSecret: secret })).toBe("invalid");
    expect(meta.verifySignature(webhookRequest(raw), { metaAppSecret: secret })).toBe("missing");
    expect(meta.verifySignature(webhookRequest(raw, { "X-Hub-Signature-256": sign(raw) }), {})).toBe("unconfigured");
    expect(
      meta.verifySignature(webhookRequest(raw, { "X-Hub-Signature-256": sign(raw).toUpperCase().replace("SHA256", "sha256") }), { metaAppSecret: secret }),
    ).toBe("valid");
    expect(meta.verifySignature(webhookRequest(raw, { "X-Hub-Signature-256": sign(raw).slice(7) }), { metaAppSecret: secret })).toBe("invalid");
    expect(meta.verifySignature(webhookRequest(raw, { "X-Hub-Signature-256": "sha1=abc" }), { metaAppSecret: secret })).toBe("invalid");
  });
});

describe("meta: handshake and reply", () => {
  const params = (query: string) => new URLSearchParams(query);

  test("echoes the challenge only for subscribe with the right token", () => {
    expect(verifyMetaHandshake(params("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock"), "meatyhamhock")).toEqual({
      ok: true,
      challenge: "1158201444",
    });
    expect(verifyMetaHandshake(params("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=other"), "meatyhamhock")).toEqual({ ok: false });
    expect(verifyMetaHandshake(params("hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock"), "meatyhamhock")).toEqual({ ok: false });
    expect(verifyMetaHandshake(params("hub.mode=subscribe&hub.challenge=1&hub.verify_token="), undefined)).toEqual({ ok: false });
    expect(verifyMetaHandshake(params("hub.mode=subscribe&hub.verify_token=meatyhamhock"), "meatyhamhock")).toEqual({ ok: false });
    expect(verifyMetaHandshake(params("hub.mode=subscribe&hub.challenge=%3Cscript%3E%20x&hub.verify_token=meatyhamhock"), "meatyhamhock")).toEqual({
      ok: false,
    });
  });

  test("reply is 200 JSON success", () => {
    expect(meta.reply({ clientIds: [] })).toEqual({ status: 200, contentType: "application/json", body: '{"success":true}' });
  });
});
