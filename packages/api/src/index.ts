// The public surface of @confirma/api: what apps/server and bench/ build on. Everything else is
// internal to the package (its own tests import it by relative path). Test-only entry points
// live in `@confirma/api/testing`.

// Wiring: the services a request runs with, the router and its context.
export type { Services } from "./context.ts";
export type { Actor } from "./actor.ts";
export { appRouter, createCaller, type AppRouter } from "./trpc/app-router.ts";
export type { SessionUser, TrpcContext } from "./trpc/init.ts";
export { ChangeFeed, type ChangeEventView } from "./events/change-feed.ts";
export { JobRunner, type JobHandler, type JobResult } from "./jobs/job-runner.ts";
export { confirmationJobHandlers } from "./confirmation/confirmation-flow.ts";

// Errors: the one table every HTTP answer maps from.
export { DomainError, ERROR_CODES, UNSTORABLE_TEXT_MESSAGE, type ErrorCode } from "./errors/domain-error.ts";
export { domainErrorFromZod } from "./errors/zod-error.ts";

// Accounts.
export { LoginThrottle } from "./accounts/login-throttle.ts";
export { resolveSession } from "./accounts/session-service.ts";
export { createUser, ensureFirstAdmin, listUsers, updateUser, type UserView } from "./accounts/user-service.ts";
export { createUserInput } from "./accounts/user-schemas.ts";

// Clients, orders, messages, stats: the services behind the REST routes.
export { idInput } from "./input/common-schemas.ts";
export type { Page } from "./pagination/cursor.ts";
export { createClientInput, listClientsInput, updateClientInput } from "./clients/client-schemas.ts";
export { createClient, deleteClient, getClient, listClients, updateClient } from "./clients/client-service.ts";
export { createOrderInput, listOrdersInput, updateOrderDetailsInput, updateOrderInput } from "./orders/order-schemas.ts";
export { changeOrderStatus, createOrder, getOrder, listOrders } from "./orders/order-service.ts";
export { updateOrderDetails } from "./orders/update-order-details.ts";
export { replaceOrderLines } from "./orders/lines/replace-order-lines.ts";
export { listCatalogueProducts, productCatalogueInput, type CatalogueProduct } from "./orders/lines/product-catalogue.ts";
export { replaceOrderLinesInput } from "./orders/order-schemas.ts";
export { cancelDuplicate, mergeOrder } from "./orders/order-duplicates.ts";
export { cancelDuplicateInput, mergeOrderInput } from "./orders/order-schemas.ts";
export { blockPhone, blockPhoneInput, listBlocklist, listBlocklistInput, unblockPhone, type BlockedPhoneView } from "./customers/blocklist-service.ts";
export { exportOrders, type OrdersExport } from "./orders/export/export-orders.ts";
export { exportOrdersInput } from "./orders/export/export-schemas.ts";
export { importOrderStatuses, type StatusImportReport } from "./orders/status-import/import-order-statuses.ts";
export { listMessages, listMessagesInput } from "./messages/message-service.ts";
export {
  MEDIA_ERRORS,
  MEDIA_MESSAGE_TYPES,
  mediaFetchJob,
  mediaFileNamesInUse,
  mediaPastRetention,
  mediaToFetch,
  recordMediaExpired,
  recordMediaFailed,
  recordMediaStored,
  storedMedia,
  type MediaError,
  type MediaSource,
  type MediaToFetch,
  type MediaView,
} from "./media/media-service.ts";
export {
  createCannedReply,
  createCannedReplyInput,
  deleteCannedReply,
  getCannedReply,
  listCannedReplies,
  listCannedRepliesInput,
  updateCannedReply,
  updateCannedReplyInput,
  type CannedReplyView,
} from "./canned-replies/canned-reply-service.ts";
export { overview } from "./stats/stats-service.ts";
export { kpiInput, type KpiInput } from "./stats/kpi-period.ts";
export { kpis, type Kpis, type KpiRow, type PeriodFigures } from "./stats/kpi-service.ts";
export type { AgentRow } from "./stats/kpi-scans.ts";
export type { KpiRevenue } from "./stats/kpi-figures.ts";

// Privacy and retention: erasure and export on request, pruning what the retention no longer keeps.
export { eraseClient, ERASED_TEXT, type ErasureSummary } from "./privacy/erase-client.ts";
export { exportClient, type ClientExport } from "./privacy/export-client.ts";
export { pruneExpired, type PruneOptions, type PruneResult } from "./retention/prune.ts";
export type { PruneStep, PruneTarget } from "./retention/prune-targets.ts";
export { DEFAULT_RETENTION, MIN_WEBHOOK_RECEIPTS_MS, type RetentionPolicy } from "./retention/retention-policy.ts";

// Stores: connected shops, their order deliveries and the write-back of outcomes.
export { createStoreInput, updateStoreInput } from "./stores/store-schemas.ts";
export {
  createStore,
  deleteStore,
  findStore,
  getStore,
  listStores,
  storeWebhookPath,
  toStoreConnection,
  updateStore,
  type CreatedStoreView,
  type StoreView,
} from "./stores/store-service.ts";
export { ingestStoreDelivery, type StoreDeliveryOutcome } from "./stores/ingest-store-order.ts";
export { storeWriteBackHandler } from "./stores/store-write-back.ts";

// Outbound webhooks: endpoints, their outbox and delivery log, and what a dispatcher needs.
export {
  createOutboundWebhookInput,
  listOutboundDeliveriesInput,
  updateOutboundWebhookInput,
} from "./outbound-webhooks/outbound-webhook-schemas.ts";
export {
  createOutboundWebhook,
  deleteOutboundWebhook,
  getOutboundWebhook,
  listOutboundDeliveries,
  listOutboundWebhooks,
  sendOutboundTestEvent,
  updateOutboundWebhook,
  type CreatedOutboundWebhookView,
  type OutboundDeliveryView,
  type OutboundWebhookView,
} from "./outbound-webhooks/outbound-webhook-service.ts";
export { claimDueDeliveries, settleDelivery, type AttemptOutcome, type ClaimedDelivery } from "./outbound-webhooks/delivery-queue.ts";
export { loadRenderContext } from "./outbound-webhooks/render-context.ts";
export { renderOutboundEvent, type RenderContext } from "./outbound-webhooks/render-event.ts";
export { MAX_DELIVERY_ATTEMPTS, RETRY_DELAYS_MS } from "./outbound-webhooks/retry-schedule.ts";

// Webhook ingestion.
export { ingestEvents } from "./ingest/ingest-events.ts";
export { decisiveRepliesStatement, decisiveReply, decisiveReplyRow, type DecisiveReplyRow } from "./ingest/ingest-decisive-replies.ts";

// Confirmation settings and the configuration they are read with.
export { BUILT_IN_CONFIRMATION } from "./confirmation/confirmation-settings.ts";
export { MESSAGE_LANGUAGES, type ConfirmationSettings, type MessageLanguage } from "./confirmation/confirmation-settings-schema.ts";
export { formatDuration, parseDuration } from "./confirmation/env-duration.ts";
export { isTimeZone } from "./time/time-zone.ts";
export { currencyDigits } from "./money/money.ts";
