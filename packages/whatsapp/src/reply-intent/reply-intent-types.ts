/** What a customer's reply means for the order. */
export type ReplyIntent = "confirm" | "cancel" | "unclear";

export interface ReplyClassification {
  intent: ReplyIntent;
  /** Stable rule id that decided, recorded in the audit trail (e.g. `word:fr:oui`, `negation`, `question`). */
  rule: string;
}

/** The action carried by one of our own quick-reply buttons. */
export interface ButtonAction {
  intent: "confirm" | "cancel";
  orderId: string;
}
