// The public surface of @confirma/stores: one adapter per store platform (how its webhooks are
// authenticated and read, how an outcome is written back), and Standard Webhooks signing, which
// custom stores and Confirma's outbound webhooks share. Nothing here touches the database.

export {
  OutboundRefusedError,
  STORE_CONFIRM_MODES,
  STORE_PLATFORMS,
  type ParsedStoreDelivery,
  type SignatureVerdict,
  type StoreAdapter,
  type StoreAddress,
  type StoreConfirmMode,
  type StoreConnection,
  type StoreEvent,
  type StoreFetch,
  type StoreLineItem,
  type StoreOrder,
  type StorePlatform,
  type StoreStateWritten,
  type StoreWebhookRequest,
  type WriteBackChange,
  type WriteBackContext,
  type WriteBackOptions,
  type WriteBackResult,
  type WriteBackStatus,
} from "./types.ts";
export { STORE_ADAPTERS } from "./registry.ts";
export { newWebhookSecret, signWebhook, TIMESTAMP_TOLERANCE_SECONDS, verifyWebhook, type WebhookVerdict } from "./standard-webhooks.ts";
