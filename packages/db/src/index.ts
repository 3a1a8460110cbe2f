// The public surface of @confirma/db: opening a database, the tables and row types the services
// query, and the storage-level helpers around a transaction. The whole schema module (column
// enums included) is `@confirma/db/schema`; a fresh database per test file is `@confirma/db/testing`.

export {
  CHANGES_CHANNEL,
  embeddedDatabaseDir,
  openDatabase,
  queryPrepared,
  type Database,
  type DatabaseHandle,
  type Executor,
} from "./database.ts";
export {
  auditEvents,
  blockedPhones,
  callOutcomes,
  cannedReplies,
  changeEvents,
  clientIdentities,
  clients,
  jobs,
  messages,
  orderDuplicates,
  messageMedia,
  orderItems,
  orders,
  outboundDeliveries,
  outboundWebhooks,
  sessions,
  settings,
  statCounters,
  kpiCounters,
  kpiHourlyCounters,
  statusChanges,
  stores,
  users,
  webhookReceipts,
  REVIEW_REASONS,
  type BlockedPhone,
  type CallReason,
  type CannedReply,
  type ChangeEvent,
  type Client,
  type Job,
  type JobKind,
  type Message,
  type MessageMedia,
  type MediaStatus,
  MEDIA_STATUSES,
  type Order,
  type OrderItem,
  type OrderStatus,
  type OutboundDelivery,
  type OutboundDeliveryStatus,
  type OutboundEventType,
  type OutboundWebhook,
  OUTBOUND_EVENT_TYPES,
  type ReviewReason,
  type Store,
  type User,
  type UserRole,
} from "./schema.ts";
export { JOBS_CHANNEL, OUTBOUND_WEBHOOKS_CHANNEL, announceChanges, recordChanges, type ChangeInput } from "./change-events.ts";
export { CommitDeadline, DeadlineExceededError, currentCommitDeadline, withCommitDeadline } from "./commit-deadline.ts";
export { compactCounters } from "./counters.ts";
export { rowsOf } from "./rows-of.ts";
export { UNAVAILABLE_MESSAGES, databaseUnavailability, isDatabaseUnavailable } from "./unavailable.ts";
export { isUnstorableText } from "./unstorable-text.ts";
export { ADVISORY_LOCKS, clientOrdersLockKey, identityLockKey, storeOrderLockKey } from "./advisory-locks.ts";
export { dumpEmbeddedDatabase, hasEmbeddedDatabase, loadEmbeddedDatabase } from "./embedded-backup.ts";
export { migrationStatus, type MigrationStatus } from "./migration-status.ts";
export { otherConnections } from "./connections.ts";
export { embeddedPath, STANDALONE } from "./standalone.ts";
export { templateFileName } from "./pglite-template.ts";
export {
  advanceTransactionIds,
  copyDatabase,
  CopyMismatchError,
  countRowsByTable,
  nextTransactionId,
  readTables,
  targetProblem,
  type CopyProgress,
  type CopyReport,
  type TableCheck,
} from "./copy-database.ts";
