import { readGreenMessageData } from "./green-api-message.ts";
import { parseProviderTimestamp } from "./parse-timestamp.ts";
import { idOf, ignored, invalid, isRecord, JSON_SUCCESS_REPLY, lookup, recordAt, stringAt, textAt } from "./provider-utils.ts";
import type { DeliveryStatus, InboundEvent, ParseResult, ProviderAdapter } from "./types.ts";
import { nonPersonReason, senderFromJids } from "./whatsapp-jid.ts";

/**
 * Green API: `{ typeWebhook, instanceData: { idInstance, wid, typeInstance }, timestamp, idMessage,
 * senderData: { chatId, sender, senderName, senderContactName, chatName }, messageData }` for
 * `incomingMessageReceived`; `{ typeWebhook: "outgoingMessageStatus", chatId, idMessage, status,
 * description? }` for our messages' statuses. Echoes of our own messages
 * (`outgoingMessageReceived`, `outgoingAPIMessageReceived`) are ignored. No signature (Green API
 * authenticates with a token in the Authorization header, checked by the server).
 */
const GREEN_STATUSES: Record<string, DeliveryStatus | null> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
  noAccount: "failed",
  notInGroup: "failed",
  noActiveSession: "failed",
  // Queued or held by Green API, not a delivery outcome yet.
  pending: null,
  yellowCard: null,
};

type Options = { defaultCountry: string; receivedAt: Date };

export const greenApiProvider: ProviderAdapter = {
  name: "green-api",

  detect(body) {
    return body.format === "json" && isRecord(body.value) && typeof body.value.typeWebhook === "string";
  },

  verifySignature() {
    return "unconfigured";
  },

  parse(body, options): ParseResult {
    if (body.format !== "json" || !isRecord(body.value)) return invalid("expected a JSON object");
    const value = body.value;
    const typeWebhook = value.typeWebhook;
    if (typeof typeWebhook !== "string") return invalid("`typeWebhook` must be a string");
    switch (typeWebhook) {
      case "incomingMessageReceived":
        return parseIncoming(value, options);
      case "outgoingMessageStatus":
        return { ok: true, events: [parseStatus(value, options)] };
      case "outgoingMessageReceived":
      case "outgoingAPIMessageReceived":
        return { ok: true, events: [ignored("green-api", "echo", idOf(value.idMessage))] };
      default:
        return { ok: true, events: [ignored("green-api", "unsupported_event")] };
    }
  },

  reply() {
    return { ...JSON_SUCCESS_REPLY };
  },
};

function parseIncoming(value: Record<string, unknown>, { defaultCountry, receivedAt }: Options): ParseResult {
  // The same webhook format serves Green API's other messengers; only WhatsApp instances are ours.
  const typeInstance = stringAt(recordAt(value, "instanceData"), "typeInstance");
  if (typeInstance !== undefined && typeInstance !== "whatsapp") {
    return { ok: true, events: [ignored("green-api", "unsupported_channel", idOf(value.idMessage))] };
  }
  const senderData = recordAt(value, "senderData");
  const messageData = recordAt(value, "messageData");
  if (!senderData || !messageData) return invalid("`senderData` and `messageData` must be objects");
  const messageId = idOf(value.idMessage);
  const chatId = stringAt(senderData, "chatId");
  if (messageId === undefined || chatId === undefined) return { ok: true, events: [ignored("green-api", "malformed", messageId)] };

  const notPerson = nonPersonReason(chatId);
  if (notPerson) return { ok: true, events: [ignored("green-api", notPerson, messageId)] };
  const name = textAt(senderData, "senderName") ?? textAt(senderData, "senderContactName");
  const from = senderFromJids([stringAt(senderData, "sender") ?? chatId, chatId], defaultCountry, name);
  if (!from) return { ok: true, events: [ignored("green-api", "no_sender", messageId)] };

  const read = readGreenMessageData(messageData);
  if ("ignore" in read) return { ok: true, events: [ignored("green-api", read.ignore, messageId)] };
  return {
    ok: true,
    events: [
      {
        kind: "message",
        provider: "green-api",
        messageId,
        from,
        timestamp: parseProviderTimestamp(value.timestamp, receivedAt),
        ...read.content,
      },
    ],
  };
}

function parseStatus(value: Record<string, unknown>, { defaultCountry, receivedAt }: Options): InboundEvent {
  const messageId = idOf(value.idMessage);
  if (messageId === undefined) return ignored("green-api", "malformed");
  const statusName = stringAt(value, "status");
  const status = lookup(GREEN_STATUSES, statusName);
  if (status === undefined) return ignored("green-api", "unsupported_status", messageId);
  if (status === null) return ignored("green-api", `status_${statusName}`, messageId);
  const chatId = stringAt(value, "chatId");
  const recipient = chatId !== undefined && nonPersonReason(chatId) === undefined ? senderFromJids([chatId], defaultCountry) : undefined;
  const description = textAt(value, "description");
  return {
    kind: "status",
    provider: "green-api",
    messageId,
    status,
    timestamp: parseProviderTimestamp(value.timestamp, receivedAt),
    ...(recipient ? { recipient } : {}),
    ...(status === "failed" ? { error: { code: statusName ?? "failed", reason: description ?? statusName ?? "failed" } } : {}),
  };
}
