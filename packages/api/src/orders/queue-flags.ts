import { orders, type CallReason, type Order, type OrderStatus, type ReviewReason } from "@confirma/db";
import { sql, type SQL } from "drizzle-orm";

// The review queue (`needsReview`, with the message to read and why) and the call queue
// (`callReason`, `callBackAt`, and the agent's claim) are entered and left only through these
// builders: each returns the columns to `set` on `orders`, and every writer uses them (Biome
// holds it: tooling/biome/queue-flags-one-writer.grit). Documented exceptions, the one-statement
// SQL of ingestion, which writes the same columns inline (change them together with these builders):
// the `flagged` step of `storePlainMessages` (ingest/ingest-plain-messages.ts: `enterReview(messageId,
// "unclear")`) and the `changed` step of `storeDecisiveReplies` (ingest/ingest-decisive-replies.ts:
// `leaveQueuesOnDecision(status)` for the orders a reply decides, `enterReview(messageId, reason)`
// for those it leaves to a person).

/** A reply a person must read: the order enters the review queue and, as `unclear`, the call queue. */
export function enterReview(messageId: string, reason: ReviewReason) {
  return { needsReview: true, reviewMessageId: messageId, reviewReason: reason, callReason: "unclear" as const, updatedAt: now() };
}

/**
 * A store order a person must look at without a reply to read: no usable phone to ask on, or its
 * content changed in the store after it was decided. Nobody can be called about the first, and the
 * second is a check, not a call: the call queue is left as it is.
 */
export function enterReviewFromStore(reason: "no_phone" | "store_changed") {
  return { needsReview: true, reviewMessageId: null, reviewReason: reason, updatedAt: now() };
}

/**
 * A new order a person must look at before the customer is asked: its number is blocked, or it is
 * likely the same as another order of the customer. Not a call: the call queue is left as it is.
 */
export function holdForReview(reason: "blocked" | "duplicate") {
  return { needsReview: true, reviewMessageId: null, reviewReason: reason, updatedAt: now() };
}

/**
 * Not held for a person (`holdForReview`): held orders are never asked about, and a customer's
 * message neither decides nor flags them. Read by the confirmation flow and by both reply writers
 * (replies/conversation.ts `lockAwaitingOrders` and the one statement of ingest/ingest-plain-messages.ts).
 */
export function notHeldForPerson(): SQL {
  return sql`not (${orders.needsReview} and coalesce(${orders.reviewReason} in ('blocked', 'duplicate'), false))`;
}

/** The same test on a loaded order. */
export function isHeldForPerson(order: Pick<Order, "needsReview" | "reviewReason">): boolean {
  return order.needsReview && (order.reviewReason === "blocked" || order.reviewReason === "duplicate");
}

/**
 * A person read the reply and leaves the order as it is: it leaves the review queue, and the call
 * queue too when the unclear reply was its only reason to be there.
 */
export function leaveReview(order: Pick<Order, "callReason">) {
  return {
    needsReview: false,
    reviewMessageId: null,
    reviewReason: null,
    callReason: order.callReason === "unclear" ? null : order.callReason,
    updatedAt: now(),
  };
}

/** The call queue's reason once an order is decided: only `no_answer` keeps it in the queue. */
export function callReasonAfterDecision(to: OrderStatus): CallReason | null {
  return to === "no_answer" ? "no_answer" : null;
}

/**
 * A status decision: the order leaves the review queue and the call queue (call-back time and
 * claim with it), and enters the call queue afresh when it becomes `no_answer`.
 */
export function leaveQueuesOnDecision(to: OrderStatus) {
  return {
    needsReview: false,
    reviewMessageId: null,
    reviewReason: null,
    callReason: callReasonAfterDecision(to),
    callBackAt: null,
    claimedBy: null,
    claimedUntil: null,
    updatedAt: now(),
  };
}

/** A confirmation message that never arrived: the order enters the call queue. */
export function enterCallQueue(reason: "delivery_failed") {
  return { callReason: reason, updatedAt: now() };
}

/** A call that reached nobody or was asked back: the order waits in the call queue (until `callBackAt`), unclaimed. */
export function callAgainLater(reason: "no_answer" | "call_back", callBackAt: Date | null) {
  return { callReason: reason, callBackAt, claimedBy: null, claimedUntil: null, updatedAt: now() };
}

/** An agent takes the order until `until`; other agents are held back meanwhile (calls/claim-guard.ts). */
export function claimFor(userId: string, until: Date) {
  return { claimedBy: userId, claimedUntil: until };
}

/** The agent lets the order go. */
export function releaseClaim() {
  return { claimedBy: null, claimedUntil: null };
}

function now(): SQL {
  return sql`now()`;
}
