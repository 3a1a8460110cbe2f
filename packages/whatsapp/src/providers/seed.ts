import { normalizeProviderPhone, stripPhoneDecorations } from "../phone-number/phone-number.ts";
import { parseProviderTimestamp } from "./parse-timestamp.ts";
import type { DecodedBody, InboundMessageType, ParseResult, ProviderAdapter } from "./types.ts";

const SEED_FIELDS = new Set(["from", "body", "type", "id", "timestamp", "name"]);

const SEED_TYPES: Record<string, InboundMessageType> = {
  text: "text",
  chat: "text",
  button: "button",
  interactive: "interactive",
  image: "image",
  audio: "audio",
  ptt: "audio",
  video: "video",
  document: "document",
  sticker: "sticker",
  location: "location",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Types whose message is its words: without `body` there is nothing to store. */
const WORDS_TYPES = new Set<InboundMessageType>(["text", "button", "interactive"]);

/**
 * The user's original format: `{ from, body, type, id?, timestamp?, name? }`, where `from` is a
 * JID (`33612345678@s.whatsapp.net`, `…@c.us`) or a phone. Authenticated by the integration key.
 * Media may come without `body` (or with `body: null`): a voice note is `{ from, type: "audio", id }`.
 */
export const seedProvider: ProviderAdapter = {
  name: "seed",

  detect(body) {
    return body.format === "json" && isRecord(body.value) && "from" in body.value && ("body" in body.value || "type" in body.value);
  },

  verifySignature() {
    return "unconfigured";
  },

  parse(body: DecodedBody, { defaultCountry, receivedAt }): ParseResult {
    if (body.format !== "json" || !isRecord(body.value)) return invalid("expected a JSON object");
    const value = body.value;
    const unknown = Object.keys(value).filter((key) => !SEED_FIELDS.has(key));
    if (unknown.length > 0) return invalid(`unknown field(s): ${unknown.join(", ")}`);
    const { from, type, id, timestamp, name } = value;
    if (typeof from !== "string" || from.trim() === "") return invalid("`from` must be a non-empty string");
    if (type !== undefined && typeof type !== "string") return invalid("`type` must be a string");
    const messageType = seedType(type);
    // Media without a caption has no text; a text message without one has nothing at all.
    const text = value.body ?? (WORDS_TYPES.has(messageType) ? undefined : "");
    if (typeof text !== "string")
      return invalid(WORDS_TYPES.has(messageType) && value.body == null ? "`body` is required for a text message" : "`body` must be a string");
    if (id !== undefined && (typeof id !== "string" || id === "" || id.length > 256)) {
      return invalid("`id` must be a non-empty string of at most 256 characters");
    }
    if (name !== undefined && name !== null && typeof name !== "string") return invalid("`name` must be a string");
    if (text.length > 65_536) return invalid("`body` is longer than 65536 characters");

    if (/@g\.us$/i.test(from.trim())) return { ok: true, events: [{ kind: "ignored", provider: "seed", reason: "group", messageId: id }] };
    if (/^status@broadcast$/i.test(from.trim())) {
      return { ok: true, events: [{ kind: "ignored", provider: "seed", reason: "broadcast", messageId: id }] };
    }
    const phone = /@lid$/i.test(from.trim()) ? null : normalizeProviderPhone(from, defaultCountry);
    const lid = /@lid$/i.test(from.trim()) ? stripPhoneDecorations(from).replace(/@lid$/i, "") : undefined;
    if (!phone && !lid) return invalid("`from` is not a phone number or WhatsApp id", "invalid_phone");

    return {
      ok: true,
      events: [
        {
          kind: "message",
          provider: "seed",
          ...(id !== undefined ? { messageId: id } : {}),
          from: {
            ...(phone ? { phone } : { userId: `lid:${lid}` }),
            ...(typeof name === "string" && name.trim() !== "" ? { name: name.trim() } : {}),
          },
          type: messageType,
          text,
          timestamp: parseProviderTimestamp(timestamp, receivedAt),
        },
      ],
    };
  },

  reply({ clientIds }) {
    return {
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({ success: true, clientId: clientIds[0] ?? null }),
    };
  },
};

/** Own keys only: a `type` like "constructor" must not resolve to something inherited. */
function seedType(type: string | undefined): InboundMessageType {
  const key = (type ?? "text").toLowerCase();
  return Object.hasOwn(SEED_TYPES, key) ? (SEED_TYPES[key] ?? "unknown") : "unknown";
}

function invalid(message: string, code: "invalid_payload" | "invalid_phone" = "invalid_payload"): ParseResult {
  return { ok: false, code, message };
}
