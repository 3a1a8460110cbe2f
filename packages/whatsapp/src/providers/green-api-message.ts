import { coordinateOf, idOf, recordAt, stringAt, textAt, typeFromMime } from "./provider-utils.ts";
import type { InboundMessage, InboundMessageType } from "./types.ts";

/** What a Green API `messageData` says, before sender and ids are attached. */
export type GreenContent = Pick<InboundMessage, "type" | "text" | "buttonPayload" | "replyToMessageId" | "media" | "location">;

const FILE_TYPES: Record<string, InboundMessageType> = {
  imageMessage: "image",
  videoMessage: "video",
  audioMessage: "audio",
  documentMessage: "document",
  stickerMessage: "sticker",
};

/**
 * Reads Green API's `messageData` ("Incoming webhooks format" pages): `textMessage`,
 * `extendedTextMessage`, `quotedMessage` (deprecated form), file messages (`fileMessageData`),
 * `locationMessage`, `contactMessage`, `buttonsResponseMessage`, `templateButtonsReplyMessage`
 * (documented both with and without the "s"; the data object is `templateButtonReplyMessage`),
 * `listResponseMessage`, `reactionMessage`. A reaction without an emoji is a removal: ignored.
 */
export function readGreenMessageData(messageData: Record<string, unknown>): { content: GreenContent } | { ignore: string } {
  const typeMessage = stringAt(messageData, "typeMessage") ?? "";
  const quoted = idOf(recordAt(messageData, "quotedMessage")?.stanzaId);
  const done = (content: GreenContent, replyTo?: string) => {
    const reply = replyTo ?? quoted;
    return { content: reply !== undefined && content.replyToMessageId === undefined ? { ...content, replyToMessageId: reply } : content };
  };
  const extended = recordAt(messageData, "extendedTextMessageData");

  switch (typeMessage) {
    case "textMessage":
      return done({ type: "text", text: stringAt(recordAt(messageData, "textMessageData"), "textMessage") ?? "" });

    case "extendedTextMessage":
      return done({ type: "text", text: stringAt(extended, "text") ?? "" });

    case "quotedMessage":
      return done({ type: "text", text: stringAt(extended, "text") ?? "" }, idOf(extended?.stanzaId));

    case "imageMessage":
    case "videoMessage":
    case "audioMessage":
    case "documentMessage":
    case "stickerMessage": {
      const file = recordAt(messageData, "fileMessageData");
      const caption = stringAt(file, "caption");
      const mimeType = textAt(file, "mimeType");
      const url = textAt(file, "downloadUrl");
      const filename = textAt(file, "fileName");
      const type = FILE_TYPES[typeMessage] ?? typeFromMime(mimeType);
      return done({
        type,
        text: caption ?? "",
        media: {
          ...(url ? { url } : {}),
          ...(mimeType ? { mimeType } : {}),
          ...(caption ? { caption } : {}),
          ...(filename ? { filename } : {}),
        },
      });
    }

    case "locationMessage": {
      const place = recordAt(messageData, "locationMessageData");
      const latitude = coordinateOf(place?.latitude, 90);
      const longitude = coordinateOf(place?.longitude, 180);
      const name = textAt(place, "nameLocation");
      const address = textAt(place, "address");
      return done({
        type: "location",
        text: [name, address].filter(Boolean).join(", "),
        ...(latitude !== undefined && longitude !== undefined
          ? { location: { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) } }
          : {}),
      });
    }

    case "contactMessage":
    case "contactsArrayMessage":
      return done({ type: "contacts", text: textAt(recordAt(messageData, "contactMessageData"), "displayName") ?? "" });

    case "buttonsResponseMessage": {
      const reply = recordAt(messageData, "buttonsResponseMessage");
      return done(tap("button", idOf(reply?.selectedButtonId), stringAt(reply, "selectedButtonText")), idOf(reply?.stanzaId));
    }

    case "templateButtonsReplyMessage":
    case "templateButtonReplyMessage": {
      const reply = recordAt(messageData, "templateButtonReplyMessage") ?? recordAt(messageData, "templateButtonsReplyMessage");
      return done(tap("button", idOf(reply?.selectedId), stringAt(reply, "selectedDisplayText")), idOf(reply?.stanzaId));
    }

    case "listResponseMessage": {
      const reply = recordAt(messageData, "listResponseMessage");
      return done(tap("interactive", idOf(reply?.singleSelectReply), stringAt(reply, "title")), idOf(reply?.stanzaId));
    }

    case "reactionMessage": {
      const emoji = textAt(extended, "text");
      if (emoji === undefined) return { ignore: "reaction_removed" };
      return done({ type: "reaction", text: emoji });
    }

    default:
      return done({ type: "unknown", text: "" });
  }
}

function tap(type: "button" | "interactive", id: string | undefined, title: string | undefined): GreenContent {
  // An empty `selectedId` (documented for template buttons without an id) is no payload.
  return { type, text: title ?? id ?? "", ...(id !== undefined ? { buttonPayload: id } : {}) };
}
