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
export { languageOfCountry, languageOfLocale } from "./customer-language.ts";
export {
  customerRisk,
  daysSinceFirstOrder,
  DEFAULT_DUPLICATE_RULES,
  DEFAULT_RISK_RULES,
  describeRiskReason,
  EMPTY_HISTORY,
  RISK_LEVELS,
  RISK_LIMITS,
  RISK_REASON_CODES,
  type CountThresholds,
  type CustomerHistory,
  type CustomerRisk,
  type DuplicateRules,
  type RiskLevel,
  type RiskReason,
  type RiskReasonCode,
  type RiskRules,
} from "./customer-risk.ts";
export {
  CANNED_PLACEHOLDERS,
  CANNED_REPLY_LIMITS,
  orderReference,
  placeholdersIn,
  placeholderValues,
  renderCannedReply,
  renderPlaceholders,
  replyLanguage,
  unfilledPlaceholders,
  unknownPlaceholders,
  type CannedPlaceholder,
  type PlaceholderSource,
} from "./canned-replies.ts";
export { isMessageStatus, MESSAGE_PURPOSES, MESSAGE_STATUSES, type MessagePurpose, type MessageStatus } from "./messages.ts";
export {
  currencyDigits,
  exactMinorUnits,
  fromMinorUnits,
  MAX_PRICE,
  minorUnitsToDecimalString,
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
export {
  CALL_OUTCOMES,
  CALL_QUEUE_REASON_FILTERS,
  CALL_REASONS,
  REVIEW_REASONS,
  type CallOutcome,
  type CallQueueReasonFilter,
  type CallReason,
  type ReviewReason,
} from "./queues.ts";
export {
  CONFIRMED_STATUSES,
  KPI_BREAKDOWNS,
  KPI_MAX_DAYS,
  KPI_PERIODS,
  kpiCounts,
  kpiRates,
  SHIPPED_STATUSES,
  type KpiBreakdown,
  type KpiCounts,
  type KpiPeriod,
  type KpiRates,
  type KpiStatusCounts,
} from "./kpis.ts";
export { USER_ROLES, type UserRole } from "./user-roles.ts";
