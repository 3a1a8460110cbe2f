import { describe, expect, test } from "bun:test";
import { createHash, createHmac } from "node:crypto";
import * as samples from "./fixtures/twilio-samples.ts";
import { form, formBody, onlyEvent, onlyMessage, onlyStatus, OPTIONS, RECEIVED_AT, webhookRequest } from "./fixtures/test-helpers.ts";
import { TWILIO_EMPTY_TWIML, twilioProvider as twilio } from "./twilio.ts";
import { computeTwilioSignature, twilioUrlVariants } from "./twilio-signature.ts";

describe("twilio: inbound messages", () => {
  test("text: sender from whatsapp:+…, profile name, SID", () => {
    expect(onlyMessage(twilio, form(samples.TWILIO_TEXT))).toEqual({
      kind: "message",
      provider: "twilio",
      messageId: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
      from: { phone: "+33612345678", name: "Camille" },
      type: "text",
      text: "Oui, je confirme ma commande",
      timestamp: RECEIVED_AT,
    });
  });

  test("button tap: payload, text, replied message", () => {
    const message = onlyMessage(twilio, form(samples.TWILIO_BUTTON));
    expect(message.type).toBe("button");
    expect(message.buttonPayload).toBe("confirm_order_1042");
    expect(message.text).toBe("Confirmer");
    expect(message.replyToMessageId).toBe("MM5cc44eecf7dab0d48d4529d0fa4af44d");
  });

  test("button without MessageType nor Body still reads as a button", () => {
    const { MessageType: _type, Body: _body, ...fields } = samples.TWILIO_BUTTON;
    const message = onlyMessage(twilio, form(fields));
    expect([message.type, message.text, message.buttonPayload]).toEqual(["button", "Confirmer", "confirm_order_1042"]);
  });

  test("media: first media URL and content type, body as caption", () => {
    const message = onlyMessage(twilio, form(samples.TWILIO_IMAGE));
    expect(message.type).toBe("image");
    expect(message.media).toEqual({ url: samples.TWILIO_IMAGE.MediaUrl0, mimeType: "image/jpeg", caption: "Le colis abîmé" });
    const { MessageType: _type, ...untyped } = samples.TWILIO_IMAGE;
    expect(onlyMessage(twilio, form(untyped)).type).toBe("image");
  });

  test("location", () => {
    const message = onlyMessage(twilio, form(samples.TWILIO_LOCATION));
    expect(message.type).toBe("location");
    expect(message.location).toEqual({
      latitude: 48.8583701,
      longitude: 2.2944813,
      name: "Tour Eiffel",
      address: "Champ de Mars, 5 Av. Anatole France, 75007 Paris",
    });
  });

  test("WaId is the fallback identity; no identity at all is ignored", () => {
    const { From: _from, ...withoutFrom } = samples.TWILIO_TEXT;
    expect(onlyMessage(twilio, form(withoutFrom)).from.phone).toBe("+33612345678");
    const { WaId: _waId, ...anonymous } = withoutFrom;
    expect(onlyEvent(twilio, form(anonymous))).toMatchObject({ kind: "ignored", reason: "no_sender" });
  });

  test("JSON or SID-less bodies are invalid", () => {
    expect(twilio.parse({ format: "json", value: samples.TWILIO_TEXT }, OPTIONS).ok).toBe(false);
    expect(twilio.parse(form({ From: "whatsapp:+33612345678", Body: "x" }), OPTIONS).ok).toBe(false);
  });
});

describe("twilio: status callbacks", () => {
  test("read: recipient is To, never a message", () => {
    expect(onlyStatus(twilio, form(samples.TWILIO_STATUS_READ))).toEqual({
      kind: "status",
      provider: "twilio",
      messageId: "SM3f7b9a2f1d8e4c6b9a0d2e4f6a8b0c1d",
      status: "read",
      timestamp: RECEIVED_AT,
      recipient: { phone: "+33612345678" },
    });
  });

  test("undelivered is failed with the error code", () => {
    const status = onlyStatus(twilio, form(samples.TWILIO_STATUS_UNDELIVERED));
    expect(status.status).toBe("failed");
    expect(status.error).toEqual({ code: "63016", reason: "Twilio error 63016" });
    const withMessage = onlyStatus(twilio, form({ ...samples.TWILIO_STATUS_UNDELIVERED, MessageStatus: "failed", ErrorMessage: "Outside the allowed window" }));
    expect(withMessage.error).toEqual({ code: "63016", reason: "Outside the allowed window" });
  });

  test("sent and delivered map; queued, sending and accepted are ignored", () => {
    const withStatus = (value: string) => onlyEvent(twilio, form({ ...samples.TWILIO_STATUS_READ, MessageStatus: value, SmsStatus: value }));
    expect(withStatus("sent")).toMatchObject({ kind: "status", status: "sent" });
    expect(withStatus("delivered")).toMatchObject({ kind: "status", status: "delivered" });
    for (const value of ["queued", "sending", "accepted"]) expect(withStatus(value)).toMatchObject({ kind: "ignored", reason: `status_${value}` });
    expect(withStatus("constructor")).toMatchObject({ kind: "ignored", reason: "unsupported_status" });
  });
});

describe("twilio: signature", () => {
  test("Twilio's documented example vectors", () => {
    const entries = (params: Record<string, string>) => Object.entries(params);
    expect(computeTwilioSignature(samples.TWILIO_DOC_TOKEN, samples.TWILIO_DOC_URL, entries(samples.TWILIO_DOC_PARAMS))).toBe(samples.TWILIO_DOC_SIGNATURE);
    expect(computeTwilioSignature(samples.TWILIO_DOC_TOKEN, samples.TWILIO_DOC_URL, entries(samples.TWILIO_PHP_DOC_PARAMS))).toBe(
      samples.TWILIO_PHP_DOC_SIGNATURE,
    );
  });

  test("verifySignature checks the raw form body against the request URL", () => {
    const raw = formBody(samples.TWILIO_DOC_PARAMS); // "+" is sent as %2B
    const secrets = { twilioAuthToken: samples.TWILIO_DOC_TOKEN };
    const request = (signature: string | undefined, url = samples.TWILIO_DOC_URL, body = raw) =>
      webhookRequest(body, signature === undefined ? {} : { "X-Twilio-Signature": signature }, url);
    expect(twilio.verifySignature(request(samples.TWILIO_DOC_SIGNATURE), secrets)).toBe("valid");
    expect(twilio.verifySignature(request(samples.TWILIO_DOC_SIGNATURE, "https://mycompany.com:443/myapp.php?foo=1&bar=2"), secrets)).toBe("valid");
    expect(twilio.verifySignature(request(samples.TWILIO_DOC_SIGNATURE, "https://mycompany.com/myapp.php?foo=1&bar=3"), secrets)).toBe("invalid");
    expect(twilio.verifySignature(request(samples.TWILIO_DOC_SIGNATURE, samples.TWILIO_DOC_URL, raw.replace("1234", "1235")), secrets)).toBe("invalid");
    expect(twilio.verifySignature(request(samples.TWILIO_PHP_DOC_SIGNATURE), secrets)).toBe("invalid");
    expect(twilio.verifySignature(request(undefined), secrets)).toBe("missing");
    expect(twilio.verifySignature(request(samples.TWILIO_DOC_SIGNATURE), {})).toBe("unconfigured");
  });

  test("a WhatsApp delivery signed over its own fields, in any order", () => {
    const url = "https://confirma.example/webhooks/twilio";
    const signature = computeTwilioSignature("token", url, Object.entries(samples.TWILIO_BUTTON));
    const raw = formBody(Object.fromEntries(Object.entries(samples.TWILIO_BUTTON).reverse()));
    expect(twilio.verifySignature(webhookRequest(raw, { "X-Twilio-Signature": signature }, url), { twilioAuthToken: "token" })).toBe("valid");
  });

  test("JSON bodies: URL-only signature plus bodySHA256", () => {
    const body = '{"hello":"world"}';
    const url = `https://confirma.example/hook?bodySHA256=${createHash("sha256").update(body).digest("hex")}`;
    const signature = createHmac("sha1", "token").update(url).digest("base64");
    expect(twilio.verifySignature(webhookRequest(body, { "X-Twilio-Signature": signature }, url), { twilioAuthToken: "token" })).toBe("valid");
    expect(twilio.verifySignature(webhookRequest(`${body} `, { "X-Twilio-Signature": signature }, url), { twilioAuthToken: "token" })).toBe("invalid");
  });

  test("URL variants add or drop the default port only", () => {
    expect(twilioUrlVariants("https://a.example/x?y=1")).toEqual(["https://a.example/x?y=1", "https://a.example:443/x?y=1"]);
    expect(twilioUrlVariants("https://a.example:443/x")).toEqual(["https://a.example:443/x", "https://a.example/x"]);
    expect(twilioUrlVariants("not a url")).toEqual(["not a url"]);
  });
});

describe("twilio: detect and reply", () => {
  test("detects Twilio forms only", () => {
    expect(twilio.detect(form(samples.TWILIO_TEXT), webhookRequest(""))).toBe(true);
    expect(twilio.detect(form(samples.TWILIO_STATUS_READ), webhookRequest(""))).toBe(true);
    expect(twilio.detect({ format: "json", value: samples.TWILIO_TEXT }, webhookRequest(""))).toBe(false);
    expect(twilio.detect(form({ From: "x", Body: "y" }), webhookRequest(""))).toBe(false);
  });

  test("replies with empty TwiML", () => {
    expect(twilio.reply({ clientIds: ["c1"] })).toEqual({ status: 200, contentType: "text/xml", body: TWILIO_EMPTY_TWIML });
    expect(TWILIO_EMPTY_TWIML).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});
