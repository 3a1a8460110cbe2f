import { createHmac } from "node:crypto";
import { normalizeProviderPhone } from "../phone-number/phone-number.ts";
import { metaError, readMetaMessageContent } from "./meta-cloud-message.ts";
import { parseProviderTimestamp } from "./parse-timestamp.ts";
import { firstRecord, idOf, ignored, invalid, isRecord, lookup, recordAt, safeEqual, safeEqualHex, stringAt, textAt } from "./provider-utils.ts";
import type { DeliveryStatus, InboundEvent, ParseResult, ProviderAdapter, Sender } from "./types.ts";

/**
 * Meta WhatsApp Cloud API (and 360dialog, which forwards Meta's envelope untouched):
 * `{ object: "whatsapp_business_account", entry: [{ changes: [{ field, value }] }] }`, signed with
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app secret)>`.
 */
const META_STATUSES: Record<string, DeliveryStatus> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  played: "read",
  failed: "failed",
};

type Options = { defaultCountry: string; receivedAt: Date };

export const metaCloudProvider: ProviderAdapter = {
  name: "meta",

  detect(body) {
    return body.format === "json" && isRecord(body.value) && body.value.object === "whatsapp_business_account";
  },

  verifySignature(request, secrets) {
    const secret = secrets.metaAppSecret;
    if (!secret) return "unconfigured";
    const header = request.headers.get("x-hub-signature-256");
    if (header === null || header.trim() === "") return "missing";
    const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
    if (!match?.[1]) return "invalid";
    const expected = createHmac("sha256", secret).update(request.rawBody).digest("hex");
    return safeEqualHex(expected, match[1]) ? "valid" : "invalid";
  },

  parse(body, options): ParseResult {
    if (body.format !== "json" || !isRecord(body.value)) return invalid("expected a JSON object");
    const envelope = body.value;
    if (envelope.object !== "whatsapp_business_account") return invalid("`object` is not whatsapp_business_account");
    if (!Array.isArray(envelope.entry)) return invalid("`entry` must be an array");

    const events: InboundEvent[] = [];
    for (const entry of envelope.entry) {
      if (!isRecord(entry) || !Array.isArray(entry.changes)) {
        events.push(ignored("meta", "malformed"));
        continue;
      }
      for (const change of entry.changes) {
        if (!isRecord(change) || !isRecord(change.value)) {
          events.push(ignored("meta", "malformed"));
          continue;
        }
        const field = change.field;
        if (field !== "messages" && field !== undefined) {
          events.push(ignored("meta", "unsupported_event"));
          continue;
        }
        events.push(...parseMessagesValue(change.value, options));
      }
    }
    return { ok: true, events: events.length > 0 ? events : [ignored("meta", "empty")] };
  },

  reply() {
    return { status: 200, contentType: "application/json", body: '{"success":true}' };
  },
};

/** One `value` of a `messages` change: inbound messages, statuses of ours, or errors. */
function parseMessagesValue(value: Record<string, unknown>, options: Options): InboundEvent[] {
  const contacts = Array.isArray(value.contacts) ? value.contacts.filter(isRecord) : [];
  const events: InboundEvent[] = [];
  if (Array.isArray(value.messages)) {
    for (const message of value.messages) events.push(parseMessage(message, contacts, options));
  }
  if (Array.isArray(value.statuses)) {
    for (const status of value.statuses) events.push(parseStatus(status, options));
  }
  if (events.length === 0) {
    // A value with only `errors` (e.g. 130429 rate limit) or a kind of change we do not handle.
    events.push(ignored("meta", Array.isArray(value.errors) ? "provider_error" : "unsupported_event"));
  }
  return events;
}

function parseMessage(message: unknown, contacts: Record<string, unknown>[], { defaultCountry, receivedAt }: Options): InboundEvent {
  if (!isRecord(message)) return ignored("meta", "malformed");
  const messageId = idOf(message.id);
  if (messageId === undefined) return ignored("meta", "malformed");
  if (message.group_id !== undefined) return ignored("meta", "group", messageId);

  const from = idOf(message.from);
  const fromUserId = idOf(message.from_user_id);
  const contact =
    contacts.find((c) => (from !== undefined && idOf(c.wa_id) === from) || (fromUserId !== undefined && idOf(c.user_id) === fromUserId)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const phoneSource = from ?? idOf(contact?.wa_id);
  const phone = phoneSource !== undefined ? normalizeProviderPhone(phoneSource, defaultCountry) : null;
  const userId = fromUserId ?? idOf(contact?.user_id);
  if (!phone && userId === undefined) return ignored("meta", "no_sender", messageId);
  const name = textAt(recordAt(contact, "profile"), "name");
  const sender: Sender = {
    ...(phone ? { phone } : {}),
    ...(userId !== undefined ? { userId: `meta:${userId}` } : {}),
    ...(name ? { name } : {}),
  };

  const read = readMetaMessageContent(message);
  if ("ignore" in read) return ignored("meta", read.ignore, messageId);
  return {
    kind: "message",
    provider: "meta",
    messageId,
    from: sender,
    timestamp: parseProviderTimestamp(message.timestamp, receivedAt),
    ...read.content,
  };
}

function parseStatus(status: unknown, { defaultCountry, receivedAt }: Options): InboundEvent {
  if (!isRecord(status)) return ignored("meta", "malformed");
  const messageId = idOf(status.id);
  if (messageId === undefined) return ignored("meta", "malformed");
  const mapped = lookup(META_STATUSES, stringAt(status, "status"));
  if (mapped === undefined) return ignored("meta", "unsupported_status", messageId);

  const isGroup = status.recipient_type === "group";
  const recipientId = isGroup ? undefined : idOf(status.recipient_id);
  const phone = recipientId !== undefined ? normalizeProviderPhone(recipientId, defaultCountry) : null;
  const userId = idOf(status.recipient_user_id);
  const recipient: Sender | undefined =
    phone || userId !== undefined ? { ...(phone ? { phone } : {}), ...(userId !== undefined ? { userId: `meta:${userId}` } : {}) } : undefined;
  const error = mapped === "failed" ? metaError(firstRecord(status.errors)) : undefined;

  return {
    kind: "status",
    provider: "meta",
    messageId,
    status: mapped,
    timestamp: parseProviderTimestamp(status.timestamp, receivedAt),
    ...(recipient ? { recipient } : {}),
    ...(error ? { error } : {}),
  };
}

/**
 * The GET handshake Meta sends when a webhook URL is registered:
 * `hub.mode=subscribe&hub.verify_token=<ours>&hub.challenge=<echo me>`. The token is compared in
 * constant time; the challenge must be printable ASCII of at most 256 characters, since the
 * server echoes it back verbatim.
 */
export function verifyMetaHandshake(params: URLSearchParams, verifyToken: string | undefined): { ok: true; challenge: string } | { ok: false } {
  if (!verifyToken) return { ok: false };
  if (params.get("hub.mode") !== "subscribe") return { ok: false };
  const token = params.get("hub.verify_token");
  const challenge = params.get("hub.challenge");
  if (token === null || challenge === null || !/^[\x21-\x7e]{1,256}$/.test(challenge)) return { ok: false };
  return safeEqual(token, verifyToken) ? { ok: true, challenge } : { ok: false };
}
