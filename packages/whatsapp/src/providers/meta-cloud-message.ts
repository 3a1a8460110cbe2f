import { coordinateOf, idOf, isRecord, recordAt, stringAt, textAt } from "./provider-utils.ts";
import type { InboundMessage, InboundMessageType } from "./types.ts";

/** What a Cloud API message says, before sender and ids are attached. */
export type MessageContent = Pick<InboundMessage, "type" | "text" | "buttonPayload" | "replyToMessageId" | "media" | "location">;

/** Either the content, or the reason the message is not one we act on. */
export type ContentResult = { content: MessageContent } | { ignore: string };

const MEDIA_TYPES = new Set<InboundMessageType>(["image", "audio", "video", "document", "sticker"]);

/**
 * Reads one `messages[]` item of a Meta WhatsApp Cloud API `messages` webhook (the shapes of the
 * "messages webhook reference": text, button, interactive, media, location, contacts, reaction,
 * unsupported…). Reactions become `reaction` messages with the emoji as text; a removed reaction
 * (no `emoji`) is ignored.
 */
export function readMetaMessageContent(message: Record<string, unknown>): ContentResult {
  const type = stringAt(message, "type") ?? "unknown";
  const contextId = idOf(recordAt(message, "context")?.id);
  const withContext = (content: MessageContent): ContentResult => ({
    content: contextId !== undefined && content.replyToMessageId === undefined ? { ...content, replyToMessageId: contextId } : content,
  });

  switch (type) {
    case "text":
      return withContext({ type: "text", text: stringAt(recordAt(message, "text"), "body") ?? "" });

    case "button": {
      // Quick-reply button of a template message.
      const button = recordAt(message, "button");
      const payload = idOf(button?.payload);
      const text = stringAt(button, "text") ?? payload ?? "";
      return withContext({ type: "button", text, ...(payload !== undefined ? { buttonPayload: payload } : {}) });
    }

    case "interactive":
      return withContext(readInteractive(recordAt(message, "interactive")));

    case "image":
    case "audio":
    case "video":
    case "document":
    case "sticker": {
      const media = recordAt(message, type);
      const caption = stringAt(media, "caption");
      return withContext({
        type: MEDIA_TYPES.has(type) ? (type as InboundMessageType) : "unknown",
        text: caption ?? "",
        media: {
          ...optional("id", idOf(media?.id)),
          ...optional("url", textAt(media, "url")),
          ...optional("mimeType", textAt(media, "mime_type")),
          ...optional("caption", caption),
          ...optional("filename", textAt(media, "filename")),
        },
      });
    }

    case "location": {
      const location = recordAt(message, "location");
      const latitude = coordinateOf(location?.latitude, 90);
      const longitude = coordinateOf(location?.longitude, 180);
      const name = textAt(location, "name");
      const address = textAt(location, "address");
      return withContext({
        type: "location",
        text: [name, address].filter(Boolean).join(", "),
        ...(latitude !== undefined && longitude !== undefined
          ? { location: { latitude, longitude, ...optional("name", name), ...optional("address", address) } }
          : {}),
      });
    }

    case "contacts": {
      const contacts = Array.isArray(message.contacts) ? message.contacts : [];
      const names = contacts.map((contact) => textAt(recordAt(contact, "name"), "formatted_name")).filter(Boolean);
      return withContext({ type: "contacts", text: names.join(", ") });
    }

    case "reaction": {
      const reaction = recordAt(message, "reaction");
      const emoji = textAt(reaction, "emoji");
      if (emoji === undefined) return { ignore: "reaction_removed" };
      const reactedTo = idOf(reaction?.message_id);
      return withContext({ type: "reaction", text: emoji, ...(reactedTo !== undefined ? { replyToMessageId: reactedTo } : {}) });
    }

    case "order":
      return withContext({ type: "unknown", text: stringAt(recordAt(message, "order"), "text") ?? "" });

    case "system":
      return { ignore: "system" };

    case "request_welcome":
      return { ignore: "request_welcome" };

    default:
      // "unsupported", "unknown" and future types: keep the sender, nothing to read.
      return withContext({ type: "unknown", text: "" });
  }
}

function readInteractive(interactive: Record<string, unknown> | undefined): MessageContent {
  const kind = stringAt(interactive, "type");
  if (kind === "button_reply" || kind === "list_reply") {
    const reply = recordAt(interactive, kind);
    const id = idOf(reply?.id);
    const title = stringAt(reply, "title") ?? id ?? "";
    return { type: "interactive", text: title, ...(id !== undefined ? { buttonPayload: id } : {}) };
  }
  if (kind === "nfm_reply") {
    return { type: "interactive", text: stringAt(recordAt(interactive, "nfm_reply"), "body") ?? "" };
  }
  return { type: "interactive", text: "" };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Meta's error object (`code`, `title`, `message`, `error_data.details`) as our `{ code, reason }`. */
export function metaError(error: unknown): { code: string; reason: string } | undefined {
  if (!isRecord(error)) return undefined;
  const code = idOf(error.code) ?? "unknown";
  const title = textAt(error, "title") ?? textAt(error, "message");
  const details = textAt(recordAt(error, "error_data"), "details");
  const parts = [title, details].filter((part, index, all): part is string => !!part && all.indexOf(part) === index);
  return { code, reason: parts.join(": ") || "unknown error" };
}
