/**
 * How long Confirma keeps each kind of record (milliseconds; null = kept for good). Read from
 * the environment by the server (`RETENTION_*`), applied by `pruneExpired`.
 */
export interface RetentionPolicy {
  /** Webhook receipts: a provider retry within this period is still recognised as a duplicate. */
  webhookReceiptsMs: number;
  /** Change events: a dashboard disconnected for less than this resumes without missing a change. */
  changeEventsMs: number;
  /** Outbound webhook deliveries that were delivered or gave up (pending ones are kept). */
  outboundDeliveriesMs: number;
  /** The admin audit trail. */
  auditMs: number | null;
  /** The text and media of messages of customers whose orders are all closed (null = kept). */
  messageBodiesMs: number | null;
}

const DAY = 86_400_000;

/** Meta retries a webhook for up to 7 days: a receipt must outlive that, with a day to spare. */
export const MIN_WEBHOOK_RECEIPTS_MS = 8 * DAY;

/**
 * The defaults: receipts 30 days (4× Meta's retry window), change events 7 days (a laptop closed
 * over a long weekend still resumes), outbound deliveries 30 days (the log people read when an
 * endpoint misbehaved; retries last about 3 days), audit one year, message bodies kept (they are
 * what the customer agreed to; a shop sets its own period, and erasure covers the customer's request).
 */
export const DEFAULT_RETENTION: RetentionPolicy = {
  webhookReceiptsMs: 30 * DAY,
  changeEventsMs: 7 * DAY,
  outboundDeliveriesMs: 30 * DAY,
  auditMs: 365 * DAY,
  messageBodiesMs: null,
};
