import { coordinateOf, idOf, isRecord, recordAt, stringAt, textAt } from "./provider-utils.ts";
import type { InboundMessage } from "./types.ts";

/**
 * Reads a Baileys `proto.IMessage` (WhatsApp Web protocol, as forwarded by Evolution API and by
 * WAHA's NOWEB engine in `_data.message`): `conversation`, `extendedTextMessage.text`,
 * `imageMessage.caption`, `buttonsResponseMessage.selectedButtonId`,
 * `templateButtonReplyMessage.selectedId`, `listResponseMessage.singleSelectReply.selectedRowId`,
 * `locationMessage.degreesLatitude`… Wrappers (`ephemeralMessage`, `viewOnceMessage*`,
 * `documentWithCaptionMessage`) are unwrapped first.
 */
export type BaileysContent = Pick<InboundMessage, "type" | "text" | "buttonPayload" | "replyToMessageId" | "media" | "location">;
export type BaileysRead = { content: BaileysContent } | { ignore: string };

const WRAPPERS = ["ephemeralMessage", "viewOnceMessage", "viewOnceMessageV2", "viewOnceMessageV2Extension", "documentWithCaptionMessage"];

const MEDIA_KEYS = [
  ["imageMessage", "image"],
  ["videoMessage", "video"],
  ["audioMessage", "audio"],
  ["documentMessage", "document"],
  ["stickerMessage", "sticker"],
] as const;

export function unwrapBaileysMessage(message: unknown): Record<string, unknown> | undefined {
  let current = isRecord(message) ? message : undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    const wrapper = WRAPPERS.map((key) => recordAt(recordAt(current, key), "message")).find(Boolean);
    if (!wrapper) break;
    current = wrapper;
  }
  return current;
}

/** `contextInfo.stanzaId` of whichever part of the message carries one. */
function quotedId(message: Record<string, unknown>): string | undefined {
  for (const part of Object.values(message)) {
    const id = idOf(recordAt(part, "contextInfo")?.stanzaId);
    if (id !== undefined) return id;
  }
  return undefined;
}

/**
 * @param extraMediaUrl a downloadable URL the gateway added next to the message (Evolution's
 *   `message.mediaUrl`), preferred over WhatsApp's encrypted CDN `url`.
 * @param base64 the file's bytes the gateway added (Evolution's `message.base64` with `webhook_base64`).
 */
export function readBaileysMessage(rawMessage: unknown, extraMediaUrl?: string, base64?: string): BaileysRead {
  const message = unwrapBaileysMessage(rawMessage);
  if (!message) return { ignore: "malformed" };
  const replyTo = quotedId(message);
  const withReply = (content: BaileysContent): BaileysRead => ({
    content: replyTo !== undefined && content.replyToMessageId === undefined ? { ...content, replyToMessageId: replyTo } : content,
  });

  if (typeof message.conversation === "string") return withReply({ type: "text", text: message.conversation });
  const extended = recordAt(message, "extendedTextMessage");
  if (extended) return withReply({ type: "text", text: stringAt(extended, "text") ?? "" });

  const buttons = recordAt(message, "buttonsResponseMessage");
  if (buttons) return withReply(tap("button", idOf(buttons.selectedButtonId), stringAt(buttons, "selectedDisplayText")));
  const template = recordAt(message, "templateButtonReplyMessage");
  if (template) return withReply(tap("button", idOf(template.selectedId), stringAt(template, "selectedDisplayText")));
  const list = recordAt(message, "listResponseMessage");
  if (list) {
    const rowId = idOf(recordAt(list, "singleSelectReply")?.selectedRowId);
    return withReply(tap("interactive", rowId, stringAt(list, "title")));
  }
  const interactive = recordAt(message, "interactiveResponseMessage");
  if (interactive) {
    const flow = recordAt(interactive, "nativeFlowResponseMessage");
    return withReply(tap("interactive", idFromParamsJson(stringAt(flow, "paramsJson")), stringAt(recordAt(interactive, "body"), "text")));
  }

  for (const [key, type] of MEDIA_KEYS) {
    const media = recordAt(message, key);
    if (!media) continue;
    const caption = stringAt(media, "caption");
    const url = extraMediaUrl ?? textAt(media, "url");
    const mimeType = textAt(media, "mimetype");
    const filename = textAt(media, "fileName");
    return withReply({
      type,
      text: caption ?? "",
      media: {
        ...(url ? { url } : {}),
        ...(mimeType ? { mimeType } : {}),
        ...(caption !== undefined ? { caption } : {}),
        ...(filename ? { filename } : {}),
        ...(base64 ? { base64 } : {}),
      },
    });
  }

  const place = recordAt(message, "locationMessage") ?? recordAt(message, "liveLocationMessage");
  if (place) {
    const latitude = coordinateOf(place.degreesLatitude, 90);
    const longitude = coordinateOf(place.degreesLongitude, 180);
    const name = textAt(place, "name");
    const address = textAt(place, "address");
    return withReply({
      type: "location",
      text: [name, address].filter(Boolean).join(", "),
      ...(latitude !== undefined && longitude !== undefined
        ? { location: { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) } }
        : {}),
    });
  }

  const contact = recordAt(message, "contactMessage") ?? recordAt(message, "contactsArrayMessage");
  if (contact) return withReply({ type: "contacts", text: stringAt(contact, "displayName") ?? "" });

  const reaction = recordAt(message, "reactionMessage");
  if (reaction) {
    const emoji = textAt(reaction, "text");
    if (emoji === undefined) return { ignore: "reaction_removed" };
    const reactedTo = idOf(recordAt(reaction, "key")?.id);
    return { content: { type: "reaction", text: emoji, ...(reactedTo !== undefined ? { replyToMessageId: reactedTo } : {}) } };
  }

  if (recordAt(message, "protocolMessage")) return { ignore: "protocol" };
  return withReply({ type: "unknown", text: "" });
}

function tap(type: "button" | "interactive", id: string | undefined, title: string | undefined): BaileysContent {
  return { type, text: title ?? id ?? "", ...(id !== undefined ? { buttonPayload: id } : {}) };
}

/** `{"id":"…"}` of a native-flow reply, when the JSON says so. */
function idFromParamsJson(paramsJson: string | undefined): string | undefined {
  if (paramsJson === undefined || paramsJson.length > 10_000) return undefined;
  try {
    const parsed: unknown = JSON.parse(paramsJson);
    return isRecord(parsed) ? idOf(parsed.id) : undefined;
  } catch {
    return undefined;
  }
}
