/** Why an order is in the call queue. */
export const CALL_REASONS = ["no_answer", "unclear", "delivery_failed", "call_back"] as const;
export type CallReason = (typeof CALL_REASONS)[number];

/** What an agent records after calling the customer. */
export const CALL_OUTCOMES = ["confirmed", "cancelled", "no_answer", "wrong_number", "call_back"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

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

/**
 * What the call queue can be narrowed to: one call reason, or `review` (orders that are in the
 * review queue too — a reply to read before calling). With `call_back`, call-backs planned for
 * later are listed with their time as well.
 */
export const CALL_QUEUE_REASON_FILTERS = [...CALL_REASONS, "review"] as const;
export type CallQueueReasonFilter = (typeof CALL_QUEUE_REASON_FILTERS)[number];
