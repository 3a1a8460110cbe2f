import { readBaileysMessage } from "./baileys-message.ts";
import { parseProviderTimestamp } from "./parse-timestamp.ts";
import { idOf, ignored, invalid, isRecord, JSON_SUCCESS_REPLY, lookup, recordAt, stringAt, textAt } from "./provider-utils.ts";
import type { DeliveryStatus, InboundEvent, ParseResult, ProviderAdapter } from "./types.ts";
import { nonPersonReason, senderFromJids } from "./whatsapp-jid.ts";

/**
 * Evolution API (Baileys gateway) webhooks:
 * `{ event: "messages.upsert", instance, data, destination, date_time, sender, server_url, apikey }`
 * (event names may also come as `MESSAGES_UPSERT`). No signature: the integration key in a
 * header authenticates the call, so verifySignature is "unconfigured".
 */

/**
 * Message statuses, by name (what Evolution sends in `messages.update`) and by Baileys'
 * `WebMessageInfo.Status` number (ERROR 0, PENDING 1, SERVER_ACK 2, DELIVERY_ACK 3, READ 4, PLAYED 5).
 */
const EVOLUTION_STATUSES: Record<string, DeliveryStatus | null> = {
  ERROR: "failed",
  PENDING: null,
  SERVER_ACK: "sent",
  DELIVERY_ACK: "delivered",
  READ: "read",
  PLAYED: "read",
  DELETED: null,
};
const STATUS_BY_NUMBER = ["ERROR", "PENDING", "SERVER_ACK", "DELIVERY_ACK", "READ", "PLAYED"];

type Options = { defaultCountry: string; receivedAt: Date };

export function evolutionEventName(event: string): string {
  return event.trim().toLowerCase().replace(/_/g, ".");
}

export const evolutionProvider: ProviderAdapter = {
  name: "evolution",

  detect(body) {
    if (body.format !== "json" || !isRecord(body.value)) return false;
    const value = body.value;
    return typeof value.event === "string" && typeof value.instance === "string" && "data" in value;
  },

  verifySignature() {
    return "unconfigured";
  },

  parse(body, options): ParseResult {
    if (body.format !== "json" || !isRecord(body.value)) return invalid("expected a JSON object");
    const { event, data } = body.value;
    if (typeof event !== "string") return invalid("`event` must be a string");
    const name = evolutionEventName(event);
    if (name !== "messages.upsert" && name !== "messages.update") {
      return { ok: true, events: [ignored("evolution", name === "send.message" ? "echo" : "unsupported_event")] };
    }
    if (Array.isArray(data) && data.length === 0) return { ok: true, events: [ignored("evolution", "empty")] };
    const items = Array.isArray(data) ? data : [data];
    if (!items.some(isRecord)) return invalid("`data` must be an object or an array of objects");
    const events = items.map((item) => (name === "messages.upsert" ? parseUpsert(item, options) : parseUpdate(item, options)));
    return { ok: true, events: events.length > 0 ? events : [ignored("evolution", "empty")] };
  },

  reply() {
    return { ...JSON_SUCCESS_REPLY };
  },
};

function parseUpsert(item: unknown, { defaultCountry, receivedAt }: Options): InboundEvent {
  const key = recordAt(item, "key");
  const messageId = idOf(key?.id);
  const remoteJid = stringAt(key, "remoteJid");
  if (!isRecord(item) || messageId === undefined || remoteJid === undefined) return ignored("evolution", "malformed", messageId);
  if (key?.fromMe === true) return ignored("evolution", "echo", messageId);
  const notPerson = nonPersonReason(remoteJid);
  if (notPerson) return ignored("evolution", notPerson, messageId);

  const pushName = textAt(item, "pushName");
  const from = senderFromJids(
    [remoteJid, stringAt(key, "remoteJidAlt"), stringAt(key, "senderPn")],
    defaultCountry,
    pushName && pushName !== remoteJid.split("@")[0] ? pushName : undefined,
  );
  if (!from) return ignored("evolution", "no_sender", messageId);

  const read = readBaileysMessage(item.message, textAt(recordAt(item, "message"), "mediaUrl"), textAt(recordAt(item, "message"), "base64"));
  if ("ignore" in read) return ignored("evolution", read.ignore, messageId);
  const dataReply = idOf(recordAt(item, "contextInfo")?.stanzaId);
  return {
    kind: "message",
    provider: "evolution",
    messageId,
    from,
    timestamp: parseProviderTimestamp(timestampValue(item.messageTimestamp), receivedAt),
    ...read.content,
    ...(read.content.replyToMessageId === undefined && dataReply !== undefined && read.content.type !== "reaction" ? { replyToMessageId: dataReply } : {}),
  };
}

/** `messages.update`: v2 sends `{ keyId, remoteJid, fromMe, status }`, v1 `{ id, remoteJid, fromMe, status }` or `{ key, update }`. */
function parseUpdate(item: unknown, { defaultCountry, receivedAt }: Options): InboundEvent {
  if (!isRecord(item)) return ignored("evolution", "malformed");
  const key = recordAt(item, "key");
  const messageId = idOf(item.keyId) ?? idOf(key?.id) ?? idOf(item.id);
  if (messageId === undefined) return ignored("evolution", "malformed");
  const fromMe = typeof item.fromMe === "boolean" ? item.fromMe : key?.fromMe;
  if (fromMe !== true) return ignored("evolution", "not_outbound", messageId);

  const rawStatus = item.status ?? recordAt(item, "update")?.status;
  const statusName = typeof rawStatus === "number" ? STATUS_BY_NUMBER[rawStatus] : typeof rawStatus === "string" ? rawStatus.toUpperCase() : undefined;
  const status = lookup(EVOLUTION_STATUSES, statusName);
  if (status === undefined) return ignored("evolution", "unsupported_status", messageId);
  if (status === null) return ignored("evolution", `status_${statusName?.toLowerCase()}`, messageId);

  const remoteJid = stringAt(item, "remoteJid") ?? stringAt(key, "remoteJid");
  const recipient = remoteJid !== undefined && nonPersonReason(remoteJid) === undefined ? senderFromJids([remoteJid], defaultCountry) : undefined;
  return {
    kind: "status",
    provider: "evolution",
    messageId,
    status,
    timestamp: parseProviderTimestamp(timestampValue(item.datetime), receivedAt),
    ...(recipient ? { recipient } : {}),
    ...(status === "failed" ? { error: { code: statusName ?? "ERROR", reason: "WhatsApp reported an error for this message" } } : {}),
  };
}

/** Baileys timestamps may be a number, a numeric string, or a protobuf Long `{ low, high }`. */
function timestampValue(value: unknown): unknown {
  if (isRecord(value) && typeof value.low === "number") return value.low >>> 0;
  return value;
}
