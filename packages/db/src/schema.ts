import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => uuidv7());
/** A 64-bit transaction id (`xid8`), as its decimal text: ordered, never wraps around. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

// The value lists of the columns below are the rules of @confirma/domain, written out here because
// packages/db imports nothing of ours; packages/api/src/domain-lists.test.ts holds them equal.
export const CLIENT_STATUSES = ["pending", "confirmed", "cancelled"] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

export const ORDER_STATUSES = ["pending", "confirmed", "cancelled", "no_answer", "shipped", "delivered", "returned"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const CALL_REASONS = ["no_answer", "unclear", "delivery_failed", "call_back"] as const;
export type CallReason = (typeof CALL_REASONS)[number];

/**
 * Why an order is in the review queue: an unclear reply; a plain yes/no that could not count as an
 * answer (after an unclear exchange, on an order already waiting for a person, or on an order we
 * never asked about); or an answer that went to other orders while this one awaited too. A store
 * order can also arrive without a usable phone (`no_phone`), or change in the store after it was
 * decided (`store_changed`). An order from a blocked number (`blocked`) or likely the same as another
 * order of the customer (`duplicate`) waits for a person before any request is sent.
 */
export const REVIEW_REASONS = [
  "unclear",
  "weak_after_unclear",
  "awaiting_person",
  "not_asked",
  "several_orders",
  "no_phone",
  "store_changed",
  "blocked",
  "duplicate",
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const MESSAGE_STATUSES = ["received", "queued", "sent", "delivered", "read", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MESSAGE_PURPOSES = ["confirmation_request", "reminder", "agent_reply"] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

/** A customer. `phoneNumber` is E.164 and unique; null only for a sender known by an opaque id. */
/** The languages messages are written in (`MESSAGE_LANGUAGES` of @confirma/domain, which this package cannot import). */
export const CLIENT_LANGUAGES = ["fr", "en", "es", "ar"] as const;

export const clients = pgTable(
  "clients",
  {
    id: id(),
    phoneNumber: text("phone_number"),
    name: text("name"),
    status: text("status", { enum: CLIENT_STATUSES }).notNull().default("pending"),
    lastContact: timestamp("last_contact", { withTimezone: true, mode: "date" }),
    /**
     * The language the customer is written to in, when it is known for sure: their store order's
     * locale, or set by an agent. Null: read from their replies, then their country, then the shop's.
     */
    language: text("language", { enum: CLIENT_LANGUAGES }),
    /** When the customer's personal data was erased on request: the row stays so their orders keep a client. */
    erasedAt: timestamp("erased_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("clients_phone_number_key").on(table.phoneNumber),
    check("clients_language_check", sql`${table.language} in ('fr', 'en', 'es', 'ar')`),
    // Search by any fragment of a name or number (pg_trgm), fast at hundreds of thousands of clients.
    // Names are searched without accents (migration 0004 defines the function): "clement" finds "Clément".
    index("clients_name_unaccent_trgm_idx").using("gin", sql`public.immutable_unaccent(${table.name}) gin_trgm_ops`),
    index("clients_phone_number_trgm_idx").using("gin", sql`${table.phoneNumber} gin_trgm_ops`),
    index("clients_created_at_id_idx").on(table.createdAt.desc(), table.id.desc()),
    index("clients_status_idx").on(table.status),
  ],
);

/**
 * Opaque identities of a client that are not a phone number: Meta business-scoped user ids
 * (`meta:…`), Baileys linked ids (`lid:…`). One identity belongs to one client.
 */
export const clientIdentities = pgTable(
  "client_identities",
  {
    identity: text("identity").primaryKey(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (table) => [index("client_identities_client_id_idx").on(table.clientId)],
);

export const STORE_PLATFORMS = ["shopify", "woocommerce", "youcan", "custom"] as const;
export type StorePlatform = (typeof STORE_PLATFORMS)[number];
export const STORE_CONFIRM_MODES = ["cod", "all", "none"] as const;

/**
 * A connected shop: where its orders come from (one webhook URL per store, signed with
 * `webhookSecret`) and the credentials that write outcomes back. Secrets are kept here because
 * signatures are checked and API calls made with them; the API never returns them.
 */
export const stores = pgTable("stores", {
  id: id(),
  platform: text("platform", { enum: STORE_PLATFORMS }).notNull(),
  name: text("name").notNull(),
  shopDomain: text("shop_domain"),
  siteUrl: text("site_url"),
  /** YouCan's store id. */
  platformStoreId: text("platform_store_id"),
  webhookSecret: text("webhook_secret").notNull(),
  accessToken: text("access_token"),
  consumerKey: text("consumer_key"),
  consumerSecret: text("consumer_secret"),
  apiUrl: text("api_url"),
  defaultCountry: text("default_country"),
  defaultCurrency: text("default_currency"),
  confirm: text("confirm", { enum: STORE_CONFIRM_MODES }).notNull().default("cod"),
  /** What to write back (`WriteBackOptions` of @confirma/stores). */
  writeBack: jsonb("write_back").notNull().default({}),
  /** Connection health, shown on the Stores page. */
  lastOrderAt: timestamp("last_order_at", { withTimezone: true, mode: "date" }),
  lastWriteBackAt: timestamp("last_write_back_at", { withTimezone: true, mode: "date" }),
  lastWriteBackError: text("last_write_back_error"),
  lastWriteBackErrorAt: timestamp("last_write_back_error_at", { withTimezone: true, mode: "date" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type Store = typeof stores.$inferSelect;

export const orders = pgTable(
  "orders",
  {
    id: id(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("pending"),
    currency: text("currency").notNull(),
    /** Exact total in the currency's minor units (cents), computed by the server. */
    totalMinor: bigint("total_minor", { mode: "number" }).notNull(),
    /** Set when the customer's latest reply could not be understood; cleared by a decision. */
    needsReview: boolean("needs_review").notNull().default(false),
    reviewMessageId: text("review_message_id"),
    /** Why the reply in `reviewMessageId` was not taken as an answer; null when not in review. */
    reviewReason: text("review_reason", { enum: REVIEW_REASONS }),
    /** Why a person should call: no answer, an unclear reply, a failed delivery, a call back. Null = not in the call queue. */
    callReason: text("call_reason", { enum: CALL_REASONS }),
    callBackAt: timestamp("call_back_at", { withTimezone: true, mode: "date" }),
    /** The agent working the order right now, so two agents don't call the same customer. */
    claimedBy: text("claimed_by"),
    claimedUntil: timestamp("claimed_until", { withTimezone: true, mode: "date" }),
    /** For an order from a store: the store, the platform's order id and human number (`#1001`). */
    storeId: text("store_id").references(() => stores.id, { onDelete: "set null" }),
    externalId: text("external_id"),
    externalNumber: text("external_number"),
    /** `{ name, address1, address2, city, region, postcode, country, phone }` as the store gave it (or an agent corrected it). */
    shippingAddress: jsonb("shipping_address"),
    customerEmail: text("customer_email"),
    paymentMethod: text("payment_method"),
    /** The customer's note on the store order. */
    note: text("note"),
    /** A store's test order (Shopify `test: true`). */
    isTest: boolean("is_test").notNull().default(false),
    /** Cash on delivery, as the store said (null for orders not from a store): the store's `confirm: "cod"` rule reads it. */
    cashOnDelivery: boolean("cash_on_delivery"),
    /**
     * When a person last corrected the shipping address / the phone in Confirma: the store's later
     * versions of the order no longer replace that correction (the store still has the old one).
     */
    addressCorrectedAt: timestamp("address_corrected_at", { withTimezone: true, mode: "date" }),
    phoneCorrectedAt: timestamp("phone_corrected_at", { withTimezone: true, mode: "date" }),
    /** The platform's last-modified time of the version stored: an older update is stale. */
    storeUpdatedAt: timestamp("store_updated_at", { withTimezone: true, mode: "date" }),
    /**
     * What Confirma's last write-back left the store order as (cancelled or not) and when, on
     * the platform's clock (its answer's last-modified time, else ours); null until a write-back
     * sets the order's state there. How the store's echo of Confirma's own cancellation is told
     * from a cancellation made in the store: `packages/api/src/stores/store-cancellation.ts`.
     */
    storeWrittenCancelled: boolean("store_written_cancelled"),
    storeWrittenAt: timestamp("store_written_at", { withTimezone: true, mode: "date" }),
    /** The last write-back to the store: when it succeeded, or why it failed. */
    writeBackAt: timestamp("write_back_at", { withTimezone: true, mode: "date" }),
    writeBackError: text("write_back_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("orders_call_queue_idx").on(table.callReason, table.callBackAt).where(sql`${table.callReason} is not null`),
    index("orders_client_id_status_idx").on(table.clientId, table.status, table.createdAt.desc()),
    index("orders_created_at_id_idx").on(table.createdAt.desc(), table.id.desc()),
    index("orders_status_created_at_idx").on(table.status, table.createdAt.desc(), table.id.desc()),
    index("orders_needs_review_idx").on(table.needsReview).where(sql`${table.needsReview}`),
    check("orders_total_minor_nonnegative", sql`${table.totalMinor} >= 0`),
    // One Confirma order per store order, however often the store delivers it.
    uniqueIndex("orders_store_external_id_key").on(table.storeId, table.externalId),
    index("orders_store_id_id_idx").on(table.storeId, table.id).where(sql`${table.storeId} is not null`),
  ],
);

/** The product lines of an order, in the order they were given. */
export const orderItems = pgTable(
  "order_items",
  {
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    productId: text("product_id").notNull(),
    /** A store's variant id and SKU, when the line came from a store. */
    variantId: text("variant_id"),
    sku: text("sku"),
    name: text("name").notNull(),
    unitPriceMinor: bigint("unit_price_minor", { mode: "number" }).notNull(),
    quantity: integer("quantity").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.position] }),
    check("order_items_quantity_positive", sql`${table.quantity} > 0`),
    check("order_items_unit_price_nonnegative", sql`${table.unitPriceMinor} >= 0`),
  ],
);

/**
 * Numbers the shop no longer asks: an order from one is stored but not sent the WhatsApp request,
 * and waits in the review queue with the reason. Keyed by the E.164 number, so a number is blocked
 * whichever client row it belongs to.
 */
export const blockedPhones = pgTable("blocked_phones", {
  phoneNumber: text("phone_number").primaryKey(),
  reason: text("reason").notNull(),
  /** Who added it: the actor type and id (a user, or the integration key). */
  createdByType: text("created_by_type", { enum: ["message", "user", "api_key", "system"] }).notNull(),
  createdBy: text("created_by"),
  createdAt: createdAt(),
});

export type BlockedPhone = typeof blockedPhones.$inferSelect;

/**
 * Two orders of one customer that are likely the same (a common item within the window): one row
 * per pair, `orderId` < `otherOrderId`, both orders show the other in `duplicateOf`. Kept after the
 * pair is resolved (`resolvedAt`), for the history.
 */
export const orderDuplicates = pgTable(
  "order_duplicates",
  {
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    otherOrderId: text("other_order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** When a person merged, cancelled or kept them apart; null while open. */
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.otherOrderId] }),
    index("order_duplicates_other_order_id_idx").on(table.otherOrderId),
    check("order_duplicates_ordered_pair", sql`${table.orderId} < ${table.otherOrderId}`),
  ],
);

/** Every message of a conversation, inbound and outbound. */
export const messages = pgTable(
  "messages",
  {
    id: id(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    type: text("type").notNull(),
    body: text("body").notNull().default(""),
    provider: text("provider").notNull(),
    providerMessageId: text("provider_message_id"),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull(),
    errorCode: text("error_code"),
    errorReason: text("error_reason"),
    buttonPayload: text("button_payload"),
    replyToMessageId: text("reply_to_message_id"),
    /** Reply understanding of an inbound message: confirm, cancel or unclear, and the rule that decided. */
    intent: text("intent", { enum: ["confirm", "cancel", "unclear"] }),
    intentRule: text("intent_rule"),
    media: jsonb("media"),
    /** For outbound messages: the order they are about, why they were sent, and by whom. */
    orderId: text("order_id").references(() => orders.id, { onDelete: "set null" }),
    purpose: text("purpose", { enum: MESSAGE_PURPOSES }),
    /** For a confirmation request or reminder: every order it asked about (a free-text answer applies to these). */
    askedOrderIds: text("asked_order_ids").array(),
    sentBy: text("sent_by"),
    /** When the provider says the message was sent; `createdAt` is when we stored it. */
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    statusAt: timestamp("status_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("messages_provider_message_id_key").on(table.provider, table.providerMessageId),
    // A client's thread, newest first, by time-ordered id: scanned backwards. (A `desc` column here
    // would be NULLS LAST, which `order by id desc` — NULLS FIRST — cannot use.)
    index("messages_client_id_id_idx").on(table.clientId, table.id),
    // A client's latest confirmation request, found without reading their chat.
    index("messages_requests_idx").on(table.clientId, table.id).where(sql`${table.askedOrderIds} is not null`),
  ],
);

/**
 * One row per provider delivery id ever accepted: the unique key that makes a retried or
 * concurrent duplicate delivery change nothing.
 */
export const webhookReceipts = pgTable(
  "webhook_receipts",
  {
    provider: text("provider").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.provider, table.providerMessageId] }),
    // Pruning past the retention period walks the oldest receipts first.
    index("webhook_receipts_received_at_idx").on(table.receivedAt),
  ],
);

/** Who or what changed a status, and when: the audit trail of every order and client decision. */
export const statusChanges = pgTable(
  "status_changes",
  {
    id: id(),
    entity: text("entity", { enum: ["order", "client"] }).notNull(),
    entityId: text("entity_id").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    /** `message` (a customer reply), `user` (dashboard), `api_key` (integration), `system` (flow, rules). */
    actorType: text("actor_type", { enum: ["message", "user", "api_key", "system"] }).notNull(),
    actorId: text("actor_id"),
    /** The rule or reason: `reply:word:fr:oui`, `button`, `manual`, … */
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (table) => [
    index("status_changes_entity_idx").on(table.entity, table.entityId, table.createdAt),
    // Decisions per day for the overview.
    index("status_changes_entity_created_at_idx").on(table.entity, table.createdAt),
    // Confirmations by time, with their order: the median time to confirm reads this index alone.
    index("status_changes_order_confirmed_idx").on(table.createdAt, table.entityId).where(sql`${table.entity} = 'order' and ${table.toStatus} = 'confirmed'`),
  ],
);

/**
 * The change feed: every committed change, written in the same transaction as the change.
 * `txid` is the writing transaction: a live subscriber's position is a snapshot (which
 * transactions it has seen), so a reconnect replays exactly the transactions that committed
 * since, whatever order their ids were handed out in.
 */
export const changeEvents = pgTable(
  "change_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entity: text("entity", { enum: ["client", "order", "message"] }).notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action", { enum: ["created", "updated", "deleted"] }).notNull(),
    clientId: text("client_id"),
    createdAt: createdAt(),
    txid: xid8("txid").notNull().default(sql`pg_current_xact_id()`),
  },
  // Replays and live reads walk it in (transaction, id) order.
  (table) => [index("change_events_txid_id_idx").on(table.txid, table.id)],
);

export type Client = typeof clients.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type StatusChange = typeof statusChanges.$inferSelect;
export type ChangeEvent = typeof changeEvents.$inferSelect;

export const USER_ROLES = ["admin", "agent"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** People who use the dashboard. Passwords are hashed with Bun.password (argon2id). */
export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name"),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull().default("agent"),
    disabledAt: timestamp("disabled_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("users_email_key").on(sql`lower(${table.email})`)],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    userAgent: text("user_agent"),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;

/** Where an inbound message's file stands: being fetched, stored under MEDIA_DIR, given up on, or deleted by retention. */
export const MEDIA_STATUSES = ["pending", "stored", "failed", "expired"] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/**
 * The file of an inbound image, voice note, video, document or sticker. A row is created with the
 * message by a trigger (migration `media_fetch_trigger`), whichever path stored the message, and a
 * `media_fetch` job fetches the file from the provider afterwards. The provider's reference stays in
 * `messages.media`; the stored file's name is generated, never the sender's.
 */
export const messageMedia = pgTable(
  "message_media",
  {
    messageId: text("message_id")
      .primaryKey()
      .references(() => messages.id, { onDelete: "cascade" }),
    status: text("status", { enum: MEDIA_STATUSES }).notNull().default("pending"),
    /** Why the fetch failed (shown to agents), or why the file is gone. */
    error: text("error"),
    /** The sniffed type of the stored file. */
    mimeType: text("mime_type"),
    sizeBytes: integer("size_bytes"),
    durationSeconds: integer("duration_seconds"),
    fileName: text("file_name"),
    fetchedAt: timestamp("fetched_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("message_media_fetched_at_idx").on(table.fetchedAt).where(sql`${table.status} = 'stored'`)],
);

export type MessageMedia = typeof messageMedia.$inferSelect;

export const JOB_KINDS = [
  "confirmation_request",
  "reminder",
  "confirmation_timeout",
  "auto_cancel",
  "send_message",
  "store_write_back",
  "media_fetch",
] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATUSES = ["pending", "running", "done", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Durable scheduled work (confirmation requests, reminders, time-outs, queued sends). Claimed
 * with FOR UPDATE SKIP LOCKED, so each job runs on one instance; `dedupeKey` makes scheduling
 * the same step twice impossible.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind", { enum: JOB_KINDS }).notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    orderId: text("order_id").references(() => orders.id, { onDelete: "cascade" }),
    messageId: text("message_id").references(() => messages.id, { onDelete: "cascade" }),
    /** Which confirmation attempt of the order (0 = automatic, 1… = sent again by a person). */
    attempt: integer("attempt").notNull().default(0),
    /** Step within the attempt: 0 = the request, 1… = reminders. */
    step: integer("step").notNull().default(0),
    runAt: timestamp("run_at", { withTimezone: true, mode: "date" }).notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    /** Kind-specific data (`store_write_back`: the status change to write). */
    payload: jsonb("payload"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("jobs_dedupe_key_key").on(table.dedupeKey),
    index("jobs_due_idx").on(table.runAt).where(sql`${table.status} = 'pending'`),
    index("jobs_running_idx").on(table.lockedUntil).where(sql`${table.status} = 'running'`),
    index("jobs_order_id_idx").on(table.orderId),
  ],
);

/** Settings edited in the dashboard; each key's value overrides the environment default. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedBy: text("updated_by"),
  updatedAt: updatedAt(),
});

export const CALL_OUTCOMES = ["confirmed", "cancelled", "no_answer", "wrong_number", "call_back"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** What an agent recorded after calling a customer about an order. */
export const callOutcomes = pgTable(
  "call_outcomes",
  {
    id: id(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    userId: text("user_id"),
    outcome: text("outcome", { enum: CALL_OUTCOMES }).notNull(),
    note: text("note"),
    callBackAt: timestamp("call_back_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (table) => [index("call_outcomes_order_id_idx").on(table.orderId, table.createdAt)],
);

/** Quick replies an admin writes once; agents insert them with `/` in a reply box. `{name}`… are filled when sent. */
export const cannedReplies = pgTable(
  "canned_replies",
  {
    id: id(),
    /** What the agent types after `/` to find it ("livraison"). */
    title: text("title").notNull(),
    language: text("language").notNull().default("fr"),
    body: text("body").notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("canned_replies_language_title_key").on(table.language, sql`lower(${table.title})`)],
);
export type CannedReply = typeof cannedReplies.$inferSelect;

export type Job = typeof jobs.$inferSelect;
export type CallOutcomeRow = typeof callOutcomes.$inferSelect;

/** Who changed users, settings or access, and what: the admin audit trail (status changes have their own). */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    actorType: text("actor_type", { enum: ["message", "user", "api_key", "system"] }).notNull(),
    actorId: text("actor_id"),
    /** `user.created`, `user.updated`, `settings.updated`, `session.created`, `session.ended`, … */
    action: text("action").notNull(),
    target: text("target"),
    details: jsonb("details"),
    createdAt: createdAt(),
  },
  (table) => [index("audit_events_created_at_idx").on(table.createdAt.desc(), table.id.desc())],
);

export type AuditEvent = typeof auditEvents.$inferSelect;

/**
 * Counts kept by triggers (migration 0003) so the overview never scans orders: per metric
 * (`orders:<status>`, `clients:<status>` with `bucket` = -infinity; `orders:created`,
 * `orders:confirmed`, `orders:cancelled` per 15-minute bucket, which any time zone's day is
 * made of). Each database connection adds to its own `slot` (its backend pid), so concurrent
 * writers never wait for one another; `compactCounters` folds the slots into slot 0.
 */
export const statCounters = pgTable(
  "stat_counters",
  {
    metric: text("metric").notNull(),
    bucket: timestamp("bucket", { withTimezone: true, mode: "date" }).notNull(),
    slot: integer("slot").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.metric, table.bucket, table.slot] })],
);

/**
 * The KPI cohort counters (migration `kpi_counters`), kept by triggers on `orders`: per 15-minute
 * UTC bucket of the order's `created_at`, store (`''` = none), current status and currency, how
 * many orders and their summed total in minor units. Every time zone in use since 1972 has an
 * offset that is a multiple of 15 minutes (India +5:30, Nepal +5:45, Chatham +12:45), so any
 * zone's local days and hours are whole sets of these buckets. Slots as in `statCounters`.
 */
export const kpiCounters = pgTable(
  "kpi_counters",
  {
    bucket: timestamp("bucket", { withTimezone: true, mode: "date" }).notNull(),
    storeId: text("store_id").notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    currency: text("currency").notNull(),
    slot: integer("slot").notNull(),
    orders: bigint("orders", { mode: "number" }).notNull(),
    amountMinor: bigint("amount_minor", { mode: "bigint" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.bucket, table.storeId, table.status, table.currency, table.slot] })],
);

/**
 * The same counters summed per UTC hour (migration `kpi_speed`), kept by the same trigger in the
 * same statement: a long period reads its whole hours here (a quarter of the rows) and only the
 * 15-minute buckets of its partial hours (at most three at each end, for zones such as India or
 * Nepal) from `kpiCounters`. Slots as in `statCounters`.
 */
export const kpiHourlyCounters = pgTable(
  "kpi_hourly_counters",
  {
    bucket: timestamp("bucket", { withTimezone: true, mode: "date" }).notNull(),
    storeId: text("store_id").notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    currency: text("currency").notNull(),
    slot: integer("slot").notNull(),
    orders: bigint("orders", { mode: "number" }).notNull(),
    amountMinor: bigint("amount_minor", { mode: "bigint" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.bucket, table.storeId, table.status, table.currency, table.slot] })],
);

/** What an outbound webhook endpoint may subscribe to; `webhook.test` is sent on request only. */
export const OUTBOUND_EVENT_TYPES = [
  "order.created",
  "order.confirmed",
  "order.cancelled",
  "order.no_answer",
  "order.status_changed",
  "message.received",
] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];
export const OUTBOUND_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type OutboundDeliveryStatus = (typeof OUTBOUND_DELIVERY_STATUSES)[number];

/**
 * Endpoints of other systems (a courier, a spreadsheet script, an ERP) that receive Confirma's
 * events, signed as Standard Webhooks with `secret` (shown once, at creation). `events` empty =
 * every event. An endpoint that answers 410 or fails every attempt for days is disabled with
 * the reason; `failingSince` is the first failed attempt since the last success.
 */
export const outboundWebhooks = pgTable("outbound_webhooks", {
  id: id(),
  url: text("url").notNull(),
  events: text("events").array().notNull().default(sql`'{}'::text[]`),
  secret: text("secret").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  disabledReason: text("disabled_reason"),
  disabledAt: timestamp("disabled_at", { withTimezone: true, mode: "date" }),
  failingSince: timestamp("failing_since", { withTimezone: true, mode: "date" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * The durable outbox and delivery log of outbound webhooks: one row per event per endpoint,
 * written by triggers in the transaction of the change (migration 0012), so a rolled-back change
 * sends nothing and a committed one is never lost. `messageId` (`msg_…`) is the `webhook-id` of
 * every attempt. `payload` holds the event's facts (money in minor units); the body is rendered
 * from it the same way on every attempt. A claimed row's `nextAttemptAt` is its lease.
 */
export const outboundDeliveries = pgTable(
  "outbound_deliveries",
  {
    id: id(),
    messageId: text("message_id").notNull(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => outboundWebhooks.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: OUTBOUND_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, mode: "date" }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("outbound_deliveries_message_id_key").on(table.messageId),
    index("outbound_deliveries_due_idx").on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
    // An endpoint's log, newest first (time-ordered ids), and its pending rows when it is disabled.
    index("outbound_deliveries_webhook_id_id_idx").on(table.webhookId, table.id),
  ],
);

export type OutboundWebhook = typeof outboundWebhooks.$inferSelect;
export type OutboundDelivery = typeof outboundDeliveries.$inferSelect;
