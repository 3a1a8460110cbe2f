import { translate, type Locale, type MessageKey } from "../i18n/translate.ts";

/**
 * How a message reads in a list or a quote: the text of a text message, or for a voice note,
 * a photo, a location… an icon and a translated label, with the caption (or the place, the
 * contact's name) as `text`. `icon` and `label` are null for a message that is its text.
 */
export interface MessageSummary {
  type: string;
  icon: string | null;
  label: string | null;
  text: string;
}

/** Message types whose body is what the customer wrote or tapped. */
const TEXT_TYPES = new Set(["text", "template", "button", "interactive"]);

/** The icon and label of every non-text type the providers deliver (`packages/whatsapp` `InboundMessageType`). */
const KINDS: Record<string, { icon: string | null; label: MessageKey }> = {
  audio: { icon: "🎤", label: "message.kind.audio" },
  image: { icon: "📷", label: "message.kind.image" },
  video: { icon: "🎬", label: "message.kind.video" },
  document: { icon: "📄", label: "message.kind.document" },
  sticker: { icon: "🖼️", label: "message.kind.sticker" },
  location: { icon: "📍", label: "message.kind.location" },
  contacts: { icon: "👤", label: "message.kind.contacts" },
  reaction: { icon: null, label: "message.kind.reaction" },
};

const UNSUPPORTED = { icon: "❔", label: "message.kind.unsupported" } as const;

/**
 * `{ type: "audio", body: "" }` → 🎤 « Note vocale »; `{ type: "image", body: "La robe ?" }` →
 * 📷 « Photo » + "La robe ?"; a text message → its body. A type Confirma does not know yet reads
 * "unsupported message type", never "unavailable".
 */
export function summarizeMessage(message: { type: string; body: string }, locale: Locale): MessageSummary {
  const { type, body } = message;
  if (TEXT_TYPES.has(type)) {
    if (body !== "") return { type, icon: null, label: null, text: body };
    return type === "button" || type === "interactive"
      ? { type, icon: "🔘", label: translate(locale, "message.kind.button"), text: "" }
      : { type, icon: null, label: translate(locale, "message.kind.empty"), text: "" };
  }
  const kind = KINDS[type] ?? UNSUPPORTED;
  return { type, icon: kind.icon, label: translate(locale, kind.label), text: body };
}
