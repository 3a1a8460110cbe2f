import { normalizeProviderPhone } from "../phone-number/phone-number.ts";
import { coordinateOf, idOf, ignored, invalid, lookup, typeFromMime } from "./provider-utils.ts";
import { isValidTwilioSignature } from "./twilio-signature.ts";
import type { DeliveryStatus, InboundEvent, InboundMessage, InboundMessageType, ParseResult, ProviderAdapter } from "./types.ts";

/**
 * Twilio (WhatsApp senders and SMS): `application/x-www-form-urlencoded` posts. An inbound
 * message has `From=whatsapp:+…` (the customer), `Body`, `MessageSid`, `NumMedia`/`MediaUrl0`,
 * `ProfileName`, `WaId`, `ButtonPayload`/`ButtonText`, `OriginalRepliedMessageSid`,
 * `Latitude`/`Longitude`. A status callback has `MessageStatus`, where `From` is OUR number and
 * `To` the customer; it never becomes a message.
 */
const TWILIO_STATUSES: Record<string, DeliveryStatus | null> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
  undelivered: "failed",
  // Not yet on WhatsApp's side, or not a delivery outcome: acknowledged and ignored.
  accepted: null,
  queued: null,
  sending: null,
  scheduled: null,
  canceled: null,
  receiving: null,
  partially_delivered: null,
};

const TWILIO_MESSAGE_TYPES: Record<string, InboundMessageType> = {
  text: "text",
  image: "image",
  audio: "audio",
  video: "video",
  document: "document",
  sticker: "sticker",
  location: "location",
  button: "button",
  interactive: "interactive",
  contacts: "contacts",
  reaction: "reaction",
};

export const TWILIO_EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

type Fields = Record<string, string>;

/** The raw value of a form field (own property only), or undefined. */
function rawField(fields: Fields, name: string): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** A form field's trimmed value, undefined when absent or blank. */
function field(fields: Fields, name: string): string | undefined {
  const value = rawField(fields, name)?.trim();
  return value ? value : undefined;
}

export const twilioProvider: ProviderAdapter = {
  name: "twilio",

  detect(body) {
    if (body.format !== "form") return false;
    const { fields } = body;
    return (
      field(fields, "AccountSid") !== undefined && (field(fields, "MessageSid") ?? field(fields, "SmsMessageSid") ?? field(fields, "SmsSid")) !== undefined
    );
  },

  verifySignature(request, secrets) {
    const token = secrets.twilioAuthToken;
    if (!token) return "unconfigured";
    const signature = request.headers.get("x-twilio-signature");
    if (signature === null || signature.trim() === "") return "missing";
    return isValidTwilioSignature(token, signature, request.url, request.rawBody) ? "valid" : "invalid";
  },

  parse(body, { defaultCountry, receivedAt }): ParseResult {
    if (body.format !== "form") return invalid("expected form fields");
    const fields = body.fields;
    const messageId = idOf(field(fields, "MessageSid") ?? field(fields, "SmsMessageSid") ?? field(fields, "SmsSid"));
    if (messageId === undefined) return invalid("`MessageSid` is missing");

    const messageStatus = field(fields, "MessageStatus")?.toLowerCase();
    if (messageStatus !== undefined && messageStatus !== "received") {
      return { ok: true, events: [parseStatus(fields, messageId, messageStatus, defaultCountry, receivedAt)] };
    }

    const from = field(fields, "From");
    const waId = field(fields, "WaId");
    const phone = (from ? normalizeProviderPhone(from, defaultCountry) : null) ?? (waId ? normalizeProviderPhone(waId, defaultCountry) : null);
    if (!phone) return { ok: true, events: [ignored("twilio", "no_sender", messageId)] };
    const name = field(fields, "ProfileName");

    return {
      ok: true,
      events: [
        {
          kind: "message",
          provider: "twilio",
          messageId,
          from: { phone, ...(name ? { name } : {}) },
          // Twilio sends no message time on inbound webhooks: the receipt time is the best we have.
          timestamp: receivedAt,
          ...readContent(fields),
        },
      ],
    };
  },

  reply() {
    return { status: 200, contentType: "text/xml", body: TWILIO_EMPTY_TWIML };
  },
};

function parseStatus(fields: Fields, messageId: string, messageStatus: string, defaultCountry: string, receivedAt: Date): InboundEvent {
  const status = lookup(TWILIO_STATUSES, messageStatus);
  if (status === undefined) return ignored("twilio", "unsupported_status", messageId);
  if (status === null) return ignored("twilio", `status_${messageStatus}`, messageId);
  const to = field(fields, "To");
  const phone = to ? normalizeProviderPhone(to, defaultCountry) : null;
  const errorCode = field(fields, "ErrorCode");
  const errorMessage = field(fields, "ErrorMessage");
  const error =
    status === "failed" ? { code: errorCode ?? "unknown", reason: errorMessage ?? (errorCode ? `Twilio error ${errorCode}` : messageStatus) } : undefined;
  return {
    kind: "status",
    provider: "twilio",
    messageId,
    status,
    timestamp: receivedAt,
    ...(phone ? { recipient: { phone } } : {}),
    ...(error ? { error } : {}),
  };
}

function readContent(fields: Fields): Pick<InboundMessage, "type" | "text" | "buttonPayload" | "replyToMessageId" | "media" | "location"> {
  const body = rawField(fields, "Body") ?? "";
  const declared = lookup(TWILIO_MESSAGE_TYPES, field(fields, "MessageType")?.toLowerCase());
  const buttonPayload = field(fields, "ButtonPayload");
  const buttonText = field(fields, "ButtonText");
  const replyTo = idOf(field(fields, "OriginalRepliedMessageSid"));
  const numMedia = Number(field(fields, "NumMedia") ?? "0");
  const mediaUrl = field(fields, "MediaUrl0");
  const mimeType = field(fields, "MediaContentType0");
  const latitude = coordinateOf(field(fields, "Latitude"), 90);
  const longitude = coordinateOf(field(fields, "Longitude"), 180);

  let type: InboundMessageType = declared ?? "text";
  if (declared === undefined) {
    if (buttonPayload !== undefined || buttonText !== undefined) type = "button";
    else if (latitude !== undefined && longitude !== undefined) type = "location";
    else if (numMedia > 0 && mediaUrl !== undefined) type = typeFromMime(mimeType);
  }

  const location =
    latitude !== undefined && longitude !== undefined
      ? {
          latitude,
          longitude,
          ...(field(fields, "Label") ? { name: field(fields, "Label") } : {}),
          ...(field(fields, "Address") ? { address: field(fields, "Address") } : {}),
        }
      : undefined;

  return {
    type,
    text: body !== "" ? body : (buttonText ?? ""),
    ...(buttonPayload !== undefined ? { buttonPayload } : {}),
    ...(replyTo !== undefined ? { replyToMessageId: replyTo } : {}),
    ...(numMedia > 0 && mediaUrl !== undefined
      ? { media: { url: mediaUrl, ...(mimeType ? { mimeType } : {}), ...(body !== "" ? { caption: body } : {}) } }
      : {}),
    ...(location ? { location } : {}),
  };
}
