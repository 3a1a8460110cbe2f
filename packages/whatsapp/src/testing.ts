// Test helpers of @confirma/whatsapp (`@confirma/whatsapp/testing`): deliveries in a provider's
// own format, for the tests, browser tests and benchmarks that post them to the webhook. Not part
// of the runtime surface (`src/index.ts`).

export { META_METADATA, metaDelivery, metaEntry, metaEnvelope, metaInboundMessage } from "./providers/fixtures/meta-envelope.ts";
