/** Who we write to: E.164 phone (`+33612345678`), or an opaque id when the provider allows it. */
export interface Recipient {
  phone?: string;
  /** Opaque identity as stored by ingestion (`meta:…`, `lid:…`). */
  userId?: string;
}

/** A quick-reply button: the title the customer sees and the payload we get back when tapped. */
export interface QuickReplyButton {
  title: string;
  payload: string;
}

/**
 * An approved template (required outside the 24-hour window). `bodyParameters` fill
 * `{{1}}`, `{{2}}`… of the template body; `buttons` carry one payload per quick-reply button,
 * in the template's button order. `text` is the rendered message, for gateways without
 * templates and for our own records.
 */
export interface TemplateMessage {
  kind: "template";
  name: string;
  language: string;
  bodyParameters: string[];
  buttons: QuickReplyButton[];
  text: string;
}

/**
 * A list of up to 10 choices behind one button (WhatsApp's interactive list message), for when 3
 * reply buttons are not enough. Row titles: 24 characters; row ids come back as the payload.
 */
export interface ListChoices {
  /** The button that opens the list (20 characters). */
  label: string;
  rows: QuickReplyButton[];
}

/**
 * Free text, optionally with up to 3 reply buttons (interactive message). Inside the 24-hour window
 * only. `list`, when given, replaces the buttons where the provider has list messages (Meta); the
 * others send `buttons`.
 */
export interface TextMessage {
  kind: "text";
  text: string;
  buttons?: QuickReplyButton[];
  list?: ListChoices;
}

export type OutboundMessage = TemplateMessage | TextMessage;

export type SendResult =
  | { ok: true; providerMessageId: string }
  | {
      ok: false;
      /** True for timeouts, network errors, 429 and 5xx: worth trying again later. */
      retryable: boolean;
      /** The provider's error code when it gave one (`131026`), else `http_<status>` / `timeout` / `network`. */
      code: string;
      /** Human-readable reason, safe to show to an agent (no secrets). */
      reason: string;
    };

/** Sends WhatsApp messages through one provider. Never throws: failures are results. */
export interface OutboundSender {
  name: "log" | "meta" | "evolution";
  /** The provider name inbound statuses arrive under, so they match our stored messages. */
  provider: "log" | "meta" | "evolution";
  send(to: Recipient, message: OutboundMessage): Promise<SendResult>;
}
