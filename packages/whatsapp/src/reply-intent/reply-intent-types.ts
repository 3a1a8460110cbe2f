/** What a customer's reply means for the order. */
export type ReplyIntent = "confirm" | "cancel" | "unclear";

/**
 * How strongly a reply answers: `explicit` names the act ("je confirme", "j'annule", "I confirm",
 * "non merci": the vocabularies' `confirmExplicit` / `cancelExplicit` / `refusals` phrases);
 * `plain` is a bare yes/no or a weak word ("oui", "ok", "d'accord", 👍, "نعم", "wakha", "non"),
 * an answer only right after the question; `none` for an unclear reply.
 */
export type ReplyStrength = "explicit" | "plain" | "none";

export interface ReplyClassification {
  intent: ReplyIntent;
  /** Stable rule id that decided, recorded in the audit trail (e.g. `word:fr:oui`, `negation`, `question`). */
  rule: string;
  strength: ReplyStrength;
}

/**
 * The action carried by one of our own quick-reply buttons: for one order, or for every order
 * a request message asked about ("Tout confirmer").
 */
export type ButtonAction =
  | { intent: "confirm" | "cancel"; orderId: string; requestId?: undefined }
  | { intent: "confirm" | "cancel"; requestId: string; orderId?: undefined };
