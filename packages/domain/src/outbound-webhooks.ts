/** The events an outbound webhook endpoint may subscribe to (none listed = all of them). */
export const OUTBOUND_EVENT_TYPES = [
  "order.created",
  "order.confirmed",
  "order.cancelled",
  "order.no_answer",
  "order.status_changed",
  "message.received",
] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];

/** The event "send test event" sends, whatever the endpoint subscribed to. */
export const OUTBOUND_TEST_EVENT = "webhook.test";

/** Where a delivery stands: waiting for its next attempt, delivered (a 2xx), or given up. */
export const OUTBOUND_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type OutboundDeliveryStatus = (typeof OUTBOUND_DELIVERY_STATUSES)[number];
