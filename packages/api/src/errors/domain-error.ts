/**
 * The closed set of error codes the product speaks, each with its HTTP status. REST, the
 * webhook and tRPC all map errors through this one table.
 */
export const ERROR_CODES = {
  invalid_json: 400,
  invalid_input: 400,
  missing_field: 400,
  unknown_field: 400,
  invalid_phone: 400,
  invalid_price: 400,
  invalid_quantity: 400,
  invalid_currency: 400,
  empty_order: 400,
  invalid_payload: 400,
  unknown_provider: 400,
  batch_too_large: 400,
  batch_not_allowed: 400,
  url_not_public: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  media_unavailable: 404,
  method_not_allowed: 405,
  conflict: 409,
  media_expired: 410,
  phone_taken: 409,
  illegal_transition: 409,
  client_has_open_orders: 409,
  outside_service_window: 409,
  phone_blocked: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  too_many_subscriptions: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type HttpErrorStatus = (typeof ERROR_CODES)[ErrorCode];

/** An expected failure with a product error code; never carries secrets, SQL or stacks. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }

  get status(): HttpErrorStatus {
    return ERROR_CODES[this.code];
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** What a caller hears when the database refused text that slipped past validation (a NUL byte). */
export const UNSTORABLE_TEXT_MESSAGE = "the text contains a character that cannot be stored (a NUL byte or another control character)";
