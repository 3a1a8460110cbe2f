import { isRecord, recordAt } from "../providers/provider-utils.ts";
import {
  checkButtons,
  failure,
  fitTitle,
  isRetryableStatus,
  noRecipient,
  phoneDigits,
  postJson,
  safeReason,
  trimSlashes,
  userIdWithPrefix,
  type FetchLike,
  type SendFailure,
} from "./sender-utils.ts";
import type { ListChoices, OutboundMessage, OutboundSender, Recipient, SendResult, TemplateMessage } from "./types.ts";

/**
 * Meta WhatsApp Cloud API: `POST {graphUrl}/{version}/{phoneNumberId}/messages` with a bearer
 * token. Request bodies follow Meta's "Send messages" references (text, template, interactive
 * reply buttons); a customer known only by a business-scoped user id (`meta:<BSUID>`) is sent to
 * through the `recipient` field Meta added for BSUIDs (`to` stays the phone number).
 */
export const DEFAULT_GRAPH_URL = "https://graph.facebook.com";
/** Latest Graph API version in Meta's changelog (v26.0, July 29, 2026). */
export const DEFAULT_GRAPH_VERSION = "v26.0";

/** An approved template may carry up to 10 quick-reply buttons (free-form messages: 3). */
const MAX_TEMPLATE_BUTTONS = 10;

export interface MetaSenderOptions {
  graphUrl?: string;
  version?: string;
  phoneNumberId: string;
  accessToken: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/*
 * Retry classification of Graph error codes, from Meta's Cloud API error codes page
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes).
 * Codes win over the HTTP status, because Meta sends throttling errors as HTTP 400 and some
 * permanent ones (3, 131045) as HTTP 500. Unlisted codes fall back to the HTTP status.
 */
const RETRYABLE_CODES = new Set([
  1, // API Unknown: invalid request or possible server error
  2, // API Service: temporary downtime or overload
  4, // Too many API calls (app rate limit)
  80007, // WhatsApp Business Account rate limit
  130429, // Cloud API throughput reached
  131000, // Something went wrong (unknown error, try again)
  131016, // Service unavailable
  131048, // Spam rate limit hit
  131056, // (Business, Consumer) pair rate limit hit
  131057, // Account in maintenance mode (throughput upgrade)
  133004, // Server temporarily unavailable
]);
const PERMANENT_CODES = new Set([
  0, // AuthException
  3, // Capability or permissions issue
  10, // Permission denied
  33, // Business phone number deleted
  100, // Invalid parameter
  190, // Access token expired
  368, // Temporarily blocked for policy violations (not lifted by retrying soon)
  130472, // User's number is part of an experiment
  130497, // Business account restricted from messaging users in this country
  131005, // Access denied
  131008, // Required parameter missing
  131009, // Parameter value not valid
  131021, // Recipient cannot be sender
  131026, // Message undeliverable
  131031, // Business account locked
  131037, // Display name needs approval
  131042, // Payment issue
  131045, // Incorrect certificate
  131047, // Re-engagement: more than 24 hours since the customer last replied
  131049, // Not delivered to maintain healthy ecosystem engagement
  131050, // User stopped marketing messages
  131051, // Unsupported message type
  131062, // BSUID recipients not supported for this message
  132000, // Template parameter count mismatch
  132001, // Template does not exist
  132005, // Template hydrated text too long
  132007, // Template format character policy violated
  132012, // Template parameter format mismatch
  132015, // Template paused
  132016, // Template disabled
  133010, // Phone number not registered
]);

/** Whether a Graph error is worth retrying later (throttling, temporary server trouble). */
export function isRetryableMetaError(code: number | undefined, status: number): boolean {
  if (code !== undefined) {
    if (RETRYABLE_CODES.has(code)) return true;
    if (PERMANENT_CODES.has(code) || (code >= 200 && code <= 299)) return false;
  }
  return isRetryableStatus(status);
}

export function createMetaSender(options: MetaSenderOptions): OutboundSender {
  const { phoneNumberId, accessToken, timeoutMs = 10_000 } = options;
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const version = options.version ?? DEFAULT_GRAPH_VERSION;
  const url = `${trimSlashes(options.graphUrl ?? DEFAULT_GRAPH_URL)}/${encodeURIComponent(version)}/${encodeURIComponent(phoneNumberId)}/messages`;
  const secrets = [accessToken];

  return {
    name: "meta",
    provider: "meta",
    async send(to, message): Promise<SendResult> {
      try {
        const recipient = metaRecipient(to);
        if ("failure" in recipient) return recipient.failure;
        const content = metaContent(message);
        if ("failure" in content) return content.failure;
        const body = { messaging_product: "whatsapp", recipient_type: "individual", ...recipient.fields, ...content.fields };
        const reply = await postJson(fetchFn, url, { Authorization: `Bearer ${accessToken}` }, body, timeoutMs);
        if (!reply.ok) return reply.failure;
        return readMetaReply(reply.status, reply.json, secrets);
      } catch (error) {
        return failure("internal", safeReason(`Unexpected error while sending: ${String(error)}`, secrets), false);
      }
    },
  };
}

type Fields = { fields: Record<string, unknown> } | { failure: SendFailure };

/** `to` for a phone number; `recipient` for a business-scoped user id when there is no phone. */
function metaRecipient(to: Recipient): Fields {
  if (to.phone !== undefined) {
    const digits = phoneDigits(to.phone);
    if (digits === undefined) return { failure: failure("invalid_recipient", "The phone number is not a valid E.164 number", false) };
    return { fields: { to: digits } };
  }
  const bsuid = userIdWithPrefix(to.userId, "meta:");
  if (bsuid !== undefined) return { fields: { recipient: bsuid } };
  return { failure: noRecipient("Meta", "a phone number or a meta: business-scoped user id") };
}

/** A list message allows 10 rows of 24-character titles and 200-character ids. */
const MAX_LIST_ROWS = 10;
const MAX_ROW_TITLE_LENGTH = 24;
const MAX_ROW_ID_LENGTH = 200;

function metaContent(message: OutboundMessage): Fields {
  if (message.kind === "template") return templateContent(message);
  if (message.list) return listContent(message.text, message.list);
  const buttons = message.buttons ?? [];
  if (buttons.length === 0) return { fields: { type: "text", text: { preview_url: false, body: message.text } } };
  const invalid = checkButtons(buttons);
  if (invalid) return { failure: invalid };
  return {
    fields: {
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: message.text },
        action: { buttons: buttons.map((button) => ({ type: "reply", reply: { id: button.payload, title: fitTitle(button.title) } })) },
      },
    },
  };
}

function listContent(text: string, list: ListChoices): Fields {
  const invalid = checkButtons(list.rows, MAX_LIST_ROWS);
  if (invalid) return { failure: invalid };
  if (list.rows.some((row) => row.payload.length > MAX_ROW_ID_LENGTH)) {
    return { failure: failure("invalid_message", `A list row id must be 1-${MAX_ROW_ID_LENGTH} characters`, false) };
  }
  const rows = list.rows.map((row) => ({ id: row.payload, title: fitTitle(row.title, MAX_ROW_TITLE_LENGTH) }));
  return {
    fields: {
      type: "interactive",
      interactive: { type: "list", body: { text }, action: { button: fitTitle(list.label), sections: [{ rows }] } },
    },
  };
}

/** Body parameters fill `{{1}}`…; one quick_reply component per button, in template order. */
function templateContent(message: TemplateMessage): Fields {
  const invalid = checkButtons(message.buttons, MAX_TEMPLATE_BUTTONS);
  if (invalid) return { failure: invalid };
  const components: unknown[] = [];
  if (message.bodyParameters.length > 0) {
    components.push({ type: "body", parameters: message.bodyParameters.map((text) => ({ type: "text", text })) });
  }
  message.buttons.forEach((button, index) => {
    components.push({
      type: "button",
      sub_type: "quick_reply",
      index: String(index),
      parameters: [{ type: "payload", payload: button.payload }],
    });
  });
  return {
    fields: {
      type: "template",
      template: {
        name: message.name,
        language: { code: message.language },
        ...(components.length > 0 ? { components } : {}),
      },
    },
  };
}

/** `{ messages: [{ id: "wamid…" }] }` on success; Graph's `{ error: { code, message, error_data } }` otherwise. */
function readMetaReply(status: number, json: unknown, secrets: readonly string[]): SendResult {
  if (status >= 200 && status < 300) {
    const first: unknown = isRecord(json) && Array.isArray(json.messages) ? json.messages[0] : undefined;
    const id = isRecord(first) && typeof first.id === "string" && first.id.trim() !== "" ? first.id : undefined;
    if (id !== undefined) return { ok: true, providerMessageId: id };
    // The message may have gone out; retrying could send it twice.
    return failure("invalid_response", `Meta answered HTTP ${status} without a message id`, false);
  }

  const error = recordAt(json, "error");
  const code = graphCode(error?.code);
  const details = recordAt(error, "error_data")?.details;
  const text = [details, error?.message].find((value): value is string => typeof value === "string" && value.trim() !== "");
  return failure(
    code !== undefined ? String(code) : `http_${status}`,
    safeReason(text ?? `Meta answered HTTP ${status}`, secrets),
    isRetryableMetaError(code, status),
  );
}

function graphCode(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "string" && /^\d{1,9}$/.test(value)) return Number(value);
  return undefined;
}
