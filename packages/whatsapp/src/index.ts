// The public surface of @confirma/whatsapp: phone numbers, the provider adapters the webhook
// decodes with, the senders that deliver, and reply understanding. Each provider's parsing stays
// inside its adapter.

export { countryOfPhone, countryPhonePrefix, isKnownCountry, normalizePhoneCharacters, normalizePhoneNumber } from "./phone-number/phone-number.ts";

// Receiving: one adapter per provider, chosen by name or recognised from the request.
export type {
  DecodedBody,
  InboundEvent,
  InboundMessage,
  ProviderAdapter,
  ProviderSecrets,
  Sender,
  StatusUpdate,
  WebhookRequest,
} from "./providers/types.ts";
export { PROVIDERS, detectProvider, getProvider } from "./providers/registry.ts";
export { metaCloudProvider, verifyMetaHandshake } from "./providers/meta-cloud.ts";
export { computeTwilioSignature } from "./providers/twilio-signature.ts";
export { seedProvider } from "./providers/seed.ts";

// Sending.
export type { OutboundMessage, OutboundSender, QuickReplyButton, Recipient } from "./senders/types.ts";
export { createSender } from "./senders/create-sender.ts";
export { createMetaSender, DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION } from "./senders/meta-sender.ts";

// Understanding replies.
export type { ReplyIntent, ReplyStrength } from "./reply-intent/reply-intent-types.ts";
export { classifyReply } from "./reply-intent/reply-intent.ts";
export { messageLanguage, type WrittenLanguage } from "./reply-intent/message-language.ts";
export { decodeButtonPayload, encodeButtonPayload } from "./reply-intent/button-payload.ts";
