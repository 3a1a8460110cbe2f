import { createHmac } from "node:crypto";
import { readBaileysMessage, type BaileysContent } from "./baileys-message.ts";
import { parseProviderTimestamp } from "./parse-timestamp.ts";
import {
  coordinateOf,
  idOf,
  ignored,
  invalid,
  isRecord,
  JSON_SUCCESS_REPLY,
  lookup,
  recordAt,
  safeEqualHex,
  stringAt,
  textAt,
  typeFromMime,
} from "./provider-utils.ts";
import type { DeliveryStatus, InboundEvent, InboundMessageType, ParseResult, ProviderAdapter } from "./types.ts";
import { nonPersonReason, senderFromJids } from "./whatsapp-jid.ts";

/**
 * WAHA (WhatsApp HTTP API): `{ event, session, engine, me, payload }`. `message` and
 * `message.any` carry a WAMessage (`id, timestamp, from, fromMe, body, hasMedia, media, location,
 * replyTo, _data`), `message.ack` an ack (`ack` -1…4 / `ackName` ERROR, PENDING, SERVER, DEVICE,
 * READ, PLAYED). Optional HMAC: `X-Webhook-Hmac` = hex HMAC-SHA512(raw body, key) with
 * `X-Webhook-Hmac-Algorithm: sha512`.
 */
const WAHA_ACKS: Record<string, DeliveryStatus | null> = {
  ERROR: "failed",
  PENDING: null,
  SERVER: "sent",
  DEVICE: "delivered",
  READ: "read",
  PLAYED: "read",
};
const ACK_NAME_BY_NUMBER: Record<string, string> = { "-1": "ERROR", "0": "PENDING", "1": "SERVER", "2": "DEVICE", "3": "READ", "4": "PLAYED" };

/** whatsapp-web.js message types (WEBJS engine, `_data.type`). */
const WEBJS_TYPES: Record<string, InboundMessageType> = {
  chat: "text",
  image: "image",
  video: "video",
  audio: "audio",
  ptt: "audio",
  document: "document",
  sticker: "sticker",
  location: "location",
  vcard: "contacts",
  multi_vcard: "contacts",
  buttons_response: "button",
  list_response: "interactive",
};

type Options = { defaultCountry: string; receivedAt: Date };

export const wahaProvider: ProviderAdapter = {
  name: "waha",

  detect(body) {
    if (body.format !== "json" || !isRecord(body.value)) return false;
    const value = body.value;
    return typeof value.event === "string" && typeof value.session === "string" && "payload" in value;
  },

  verifySignature(request, secrets) {
    const key = secrets.wahaHmacKey;
    if (!key) return "unconfigured";
    const signature = request.headers.get("x-webhook-hmac");
    if (signature === null || signature.trim() === "") return "missing";
    const algorithm = request.headers.get("x-webhook-hmac-algorithm");
    if (algorithm !== null && algorithm.trim().toLowerCase() !== "sha512") return "invalid";
    const expected = createHmac("sha512", key).update(request.rawBody).digest("hex");
    return safeEqualHex(expected, signature) ? "valid" : "invalid";
  },

  parse(body, options): ParseResult {
    if (body.format !== "json" || !isRecord(body.value)) return invalid("expected a JSON object");
    const envelope = body.value;
    if (typeof envelope.event !== "string") return invalid("`event` must be a string");
    const event = envelope.event;
    if (event !== "message" && event !== "message.any" && event !== "message.ack") {
      return { ok: true, events: [ignored("waha", "unsupported_event")] };
    }
    const payload = envelope.payload;
    if (!isRecord(payload)) return invalid("`payload` must be an object");
    return { ok: true, events: [event === "message.ack" ? parseAck(payload, envelope, options) : parseMessage(payload, options)] };
  },

  reply() {
    return { ...JSON_SUCCESS_REPLY };
  },
};

function parseMessage(payload: Record<string, unknown>, { defaultCountry, receivedAt }: Options): InboundEvent {
  const messageId = idOf(payload.id);
  const from = stringAt(payload, "from");
  if (messageId === undefined || from === undefined) return ignored("waha", "malformed", messageId);
  if (payload.fromMe === true) return ignored("waha", "echo", messageId);
  const notPerson = nonPersonReason(from);
  if (notPerson) return ignored("waha", notPerson, messageId);

  const data = recordAt(payload, "_data");
  const dataKey = recordAt(data, "key");
  const name = textAt(data, "notifyName") ?? textAt(data, "pushName");
  const sender = senderFromJids([from, stringAt(dataKey, "remoteJidAlt"), stringAt(dataKey, "senderPn")], defaultCountry, name);
  if (!sender) return ignored("waha", "no_sender", messageId);

  const content = readContent(payload, data);
  if ("ignore" in content) return ignored("waha", content.ignore, messageId);
  return {
    kind: "message",
    provider: "waha",
    messageId,
    from: sender,
    timestamp: parseProviderTimestamp(payload.timestamp, receivedAt),
    ...content,
  };
}

function readContent(payload: Record<string, unknown>, data: Record<string, unknown> | undefined): BaileysContent | { ignore: string } {
  const body = stringAt(payload, "body") ?? "";
  const webjsType = stringAt(data, "type");
  let base: BaileysContent = { type: lookup(WEBJS_TYPES, webjsType) ?? "text", text: body };
  if (webjsType === "buttons_response") {
    const id = idOf(data?.selectedButtonId);
    if (id !== undefined) base.buttonPayload = id;
  } else if (webjsType === "list_response") {
    const id = idOf(recordAt(recordAt(data, "listResponse"), "singleSelectReply")?.selectedRowId);
    if (id !== undefined) base.buttonPayload = id;
  } else if (webjsType === undefined && recordAt(data, "message")) {
    // NOWEB engine: `_data` is the Baileys message.
    const read = readBaileysMessage(recordAt(data, "message"));
    if ("ignore" in read) {
      if (read.ignore !== "malformed") return read;
    } else base = read.content;
  }

  const wahaMedia = recordAt(payload, "media");
  const mediaUrl = textAt(wahaMedia, "url") ?? textAt(payload, "mediaUrl");
  const mimeType = textAt(wahaMedia, "mimetype");
  const filename = textAt(wahaMedia, "filename");
  const hasMedia = payload.hasMedia === true || mediaUrl !== undefined;
  const location = recordAt(payload, "location");
  const latitude = coordinateOf(location?.latitude, 90);
  const longitude = coordinateOf(location?.longitude, 180);
  const description = textAt(location, "description");
  const replyTo = idOf(recordAt(payload, "replyTo")?.id) ?? base.replyToMessageId;

  let type = base.type;
  if (latitude !== undefined && longitude !== undefined) type = "location";
  else if (hasMedia && (type === "text" || type === "unknown")) type = mimeType ? typeFromMime(mimeType) : "document";

  const media = {
    ...base.media,
    ...(mediaUrl ? { url: mediaUrl } : {}),
    ...(mimeType ? { mimeType } : {}),
    ...(filename ? { filename } : {}),
    ...(hasMedia && body !== "" ? { caption: body } : {}),
  };
  return {
    ...base,
    type,
    text: body !== "" ? body : base.text,
    ...(replyTo !== undefined ? { replyToMessageId: replyTo } : {}),
    ...(Object.keys(media).length > 0 ? { media } : {}),
    ...(latitude !== undefined && longitude !== undefined ? { location: { latitude, longitude, ...(description ? { name: description } : {}) } } : {}),
  };
}

function parseAck(payload: Record<string, unknown>, envelope: Record<string, unknown>, { defaultCountry, receivedAt }: Options): InboundEvent {
  const messageId = idOf(payload.id);
  if (messageId === undefined) return ignored("waha", "malformed");
  if (payload.fromMe !== true) return ignored("waha", "not_outbound", messageId);
  const ackName = textAt(payload, "ackName")?.toUpperCase() ?? (typeof payload.ack === "number" ? lookup(ACK_NAME_BY_NUMBER, String(payload.ack)) : undefined);
  const status = lookup(WAHA_ACKS, ackName);
  if (status === undefined) return ignored("waha", "unsupported_status", messageId);
  if (status === null) return ignored("waha", `status_${ackName?.toLowerCase()}`, messageId);

  // For our own message, `to` is the chat it went to; `from` is used only if `to` is missing.
  const me = stringAt(recordAt(envelope, "me"), "id");
  const chat = [stringAt(payload, "to"), stringAt(payload, "from")].find((jid) => jid !== undefined && jid !== me);
  const recipient = chat !== undefined && nonPersonReason(chat) === undefined ? senderFromJids([chat], defaultCountry) : undefined;
  return {
    kind: "status",
    provider: "waha",
    messageId,
    status,
    timestamp: parseProviderTimestamp(payload.timestamp ?? envelope.timestamp, receivedAt),
    ...(recipient ? { recipient } : {}),
    ...(status === "failed" ? { error: { code: "ERROR", reason: "WhatsApp reported an error for this message" } } : {}),
  };
}
