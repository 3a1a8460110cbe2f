import { type DomainError, ERROR_CODES, type ErrorCode } from "@confirma/api";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The one error shape: `{ error: { code, message, requestId?, details? } }`. */
export function errorBody(code: ErrorCode, message: string, extra: { requestId?: string; details?: unknown } = {}) {
  return {
    error: {
      code,
      message,
      ...(extra.requestId ? { requestId: extra.requestId } : {}),
      ...(extra.details !== undefined ? { details: extra.details } : {}),
    },
  };
}

export function errorResponse(c: Context, code: ErrorCode, message: string, details?: unknown): Response {
  return c.json(errorBody(code, message, { requestId: c.get("requestId"), details }), ERROR_CODES[code] as ContentfulStatusCode);
}

export function domainErrorResponse(c: Context, error: DomainError): Response {
  return errorResponse(c, error.code, error.message, error.details);
}
