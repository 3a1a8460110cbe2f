/** The providers Confirma understands. `seed` is the user's original `{ from, body, type }` format. */
export const PROVIDER_NAMES = ["seed", "meta", "twilio", "evolution", "waha", "green-api"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/**
 * Who sent a message. At least one of `phone` / `userId` is set.
 * `phone` is E.164 (`+33612345678`), already normalised with `normalizeProviderPhone`.
 * `userId` is an opaque identity when the provider hides the phone (Meta business-scoped
 * user id, Baileys `@lid`), prefixed by its kind: `meta:<id>`, `lid:<id>`.
 */
export interface Sender {
  phone?: string;
  userId?: string;
  /** Display name the provider gave (WhatsApp profile name), if any. */
  name?: string;
}

export type InboundMessageType =
  | "text"
  | "button"
  | "interactive"
  | "image"
  | "audio"
  | "video"
  | "document"
  | "sticker"
  | "location"
  | "contacts"
  | "reaction"
  | "unknown";

export interface InboundMessage {
  kind: "message";
  provider: ProviderName;
  /** The provider's message id, opaque; absent only for the seed format when the caller sent none. */
  messageId?: string;
  from: Sender;
  type: InboundMessageType;
  /** Text to understand: the body, a caption, a button title; "" when there is none. */
  text: string;
  /** Payload of a quick-reply / interactive button or list row, when the message is a tap. */
  buttonPayload?: string;
  /** Provider id of the message this one replies to (Meta `context.id`, quoted message). */
  replyToMessageId?: string;
  /** When the customer sent it, as the provider says; falls back to receipt time. */
  timestamp: Date;
  /** The file: the provider's id or URL to fetch it from, or its bytes in base64 when the gateway sent them (Evolution's `webhook_base64`). */
  media?: { id?: string; url?: string; mimeType?: string; caption?: string; filename?: string; base64?: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
}

export type DeliveryStatus = "sent" | "delivered" | "read" | "failed";

export interface StatusUpdate {
  kind: "status";
  provider: ProviderName;
  /** Provider id of *our* outbound message. */
  messageId: string;
  status: DeliveryStatus;
  timestamp: Date;
  /** The customer the message went to, when the provider says. */
  recipient?: Sender;
  error?: { code: string; reason: string };
}

export interface IgnoredEvent {
  kind: "ignored";
  provider: ProviderName;
  /** Short machine reason: `echo`, `group`, `unsupported_event`, `broadcast`, … */
  reason: string;
  messageId?: string;
}

export type InboundEvent = InboundMessage | StatusUpdate | IgnoredEvent;

/** The HTTP request as the webhook received it: raw bytes untouched, so signatures can be checked. */
export interface WebhookRequest {
  method: string;
  /** The full URL the provider called, rebuilt with PUBLIC_URL behind a proxy. */
  url: string;
  headers: Headers;
  rawBody: Uint8Array;
}

/** The body decoded once by the server: JSON value or form fields, by content type. */
export type DecodedBody = { format: "json"; value: unknown } | { format: "form"; fields: Record<string, string> };

export interface ProviderSecrets {
  metaAppSecret?: string;
  twilioAuthToken?: string;
  wahaHmacKey?: string;
}

export type ParseResult = { ok: true; events: InboundEvent[] } | { ok: false; code: "invalid_payload" | "invalid_phone"; message: string };

/** What the webhook answers the provider once the delivery is stored. */
export interface ProviderReply {
  status: number;
  contentType: string;
  body: string;
}

export interface DeliveryOutcome {
  /** Client ids touched by the delivery's messages, in event order. */
  clientIds: string[];
}

/**
 * One provider: detect → verify → parse. Pure functions of the request, no I/O, no database.
 */
export interface ProviderAdapter {
  name: ProviderName;
  /** True when the decoded body (and headers) look like this provider's envelope. */
  detect(body: DecodedBody, request: WebhookRequest): boolean;
  /**
   * Checks the provider's own signature. `"unconfigured"` when this provider has no signature
   * or its secret is not set, `"missing"` when the header is absent.
   * Must work on the raw bytes, never on re-serialised JSON.
   */
  verifySignature(request: WebhookRequest, secrets: ProviderSecrets): "valid" | "invalid" | "missing" | "unconfigured";
  /** Turns the body into normalised events. Never throws: bad shapes give `ok: false`. */
  parse(body: DecodedBody, options: { defaultCountry: string; receivedAt: Date }): ParseResult;
  /** The answer the provider expects once the delivery is stored. */
  reply(outcome: DeliveryOutcome): ProviderReply;
}
