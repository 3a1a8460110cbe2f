/**
 * `@confirma/domain`: the product's rules both the server and the dashboard need, as constants
 * and small pure functions. It depends on nothing, so the dashboard can bundle it.
 */
export {
  CONFIRMATION_LIMITS,
  MESSAGE_LANGUAGES,
  MESSAGE_PLACEHOLDERS,
  MESSAGE_TEXT_FIELDS,
  TIME_OF_DAY,
  type MessageLanguage,
  type MessagePlaceholder,
  type MessageTextField,
} from "./confirmation-settings.ts";
export { isMessageStatus, MESSAGE_PURPOSES, MESSAGE_STATUSES, type MessagePurpose, type MessageStatus } from "./messages.ts";
export {
  currencyDigits,
  exactMinorUnits,
  fromMinorUnits,
  MAX_PRICE,
  parseAmountToMinor,
  type ExactMinorUnits,
  type PriceProblem,
} from "./money.ts";
export {
  AWAITING_REPLY,
  awaitsReply,
  canTransition,
  CLIENT_STATUSES,
  isClientStatus,
  isOrderStatus,
  OPEN_ORDER_STATUSES,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  PARCEL_STATUSES,
  parcelPath,
  type ClientStatus,
  type OrderStatus,
  type ParcelStatus,
} from "./order-status.ts";
export {
  OUTBOUND_DELIVERY_STATUSES,
  OUTBOUND_EVENT_TYPES,
  OUTBOUND_TEST_EVENT,
  type OutboundDeliveryStatus,
  type OutboundEventType,
} from "./outbound-webhooks.ts";
export { CALL_OUTCOMES, CALL_REASONS, REVIEW_REASONS, type CallOutcome, type CallReason, type ReviewReason } from "./queues.ts";
export { USER_ROLES, type UserRole } from "./user-roles.ts";
