/**
 * Understanding a customer's answer to an order-confirmation request: confirm, cancel, or unclear.
 * Pure functions, no I/O. A wrong automatic confirmation ships a parcel nobody wants, so anything
 * negative, ambiguous, a question, a promise for later or unrelated is `unclear`.
 *
 * Pipeline: `tokenizeReply` (normalisation) → `findCues` (vocabulary tables, whole tokens,
 * repeated letters tolerated) → `resolveIntent` (negation, mixed signals, extra content).
 */
import { decodeButtonPayload, looksLikeOurButtonPayload } from "./button-payload.ts";
import { tokenizeReply } from "./normalize-reply.ts";
import { findCues } from "./phrase-matcher.ts";
import type { ReplyClassification } from "./reply-intent-types.ts";
import { resolveIntent } from "./resolve-intent.ts";

export type { ButtonAction, ReplyClassification, ReplyIntent, ReplyStrength } from "./reply-intent-types.ts";
export { decodeButtonPayload, encodeButtonPayload, MAX_BUTTON_PAYLOAD_LENGTH } from "./button-payload.ts";
export { normalizeReplyText } from "./normalize-reply.ts";

/** Replies longer than this are never a simple answer (WhatsApp allows 4096): `too_long`. */
export const MAX_REPLY_LENGTH = 1000;

/**
 * Classifies a free-text reply. Never throws.
 * - `confirm` only for a plain yes ("oui", "ok merci", "je confirme la commande", "wakha", "نعم", 👍);
 * - `cancel` for a plain no ("non", "la", ❌), an explicit cancellation even with an explanation
 *   ("annulez svp, j'ai trouvé ailleurs") or a negated commitment ("je ne confirme pas");
 * - `unclear` for everything else, with the rule that decided (`question`, `future`, `negation`, `mixed`, …).
 * `strength` says whether the answer is explicit ("je confirme") or plain ("oui", "ok", 👍): a plain
 * one answers only right after the question (the caller knows the conversation, this function does not).
 */
export function classifyReply(text: string): ReplyClassification {
  if (typeof text !== "string") return { intent: "unclear", rule: "empty", strength: "none" };
  if (text.length > MAX_REPLY_LENGTH) return { intent: "unclear", rule: "too_long", strength: "none" };
  const reply = tokenizeReply(text);
  return resolveIntent(reply, findCues(reply));
}

/** A tapped button: the classification, and the order (or request message) id when the payload is ours. */
export interface ButtonReplyClassification extends ReplyClassification {
  orderId?: string;
  requestId?: string;
}

/**
 * Classifies a tapped quick-reply / interactive button.
 * - our own payload (`confirma:confirm:<orderId>`) decides, rule `button:payload`;
 * - a payload with our prefix that does not decode is refused: `unclear`, `button:invalid_payload`;
 * - otherwise (a template button made elsewhere) the title, then the payload text, are read like a
 *   short reply (rule `button:<rule>`); if they disagree, `unclear` `button:mixed`.
 */
export function classifyButtonReply(payload: string | undefined, title: string): ButtonReplyClassification {
  const raw = typeof payload === "string" ? payload : "";
  const action = decodeButtonPayload(raw);
  if (action !== null) {
    const target = action.orderId !== undefined ? { orderId: action.orderId } : { requestId: action.requestId };
    return { intent: action.intent, rule: "button:payload", strength: "explicit", ...target };
  }
  if (looksLikeOurButtonPayload(raw)) return { intent: "unclear", rule: "button:invalid_payload", strength: "none" };
  const fromTitle = classifyReply(typeof title === "string" ? title : "");
  const fromPayload = classifyReply(raw);
  if (fromPayload.intent !== "unclear" && fromTitle.intent !== fromPayload.intent) {
    if (fromTitle.intent !== "unclear") return { intent: "unclear", rule: "button:mixed", strength: "none" };
    if (fromTitle.rule === "empty" || fromTitle.rule === "no_match") {
      return { intent: fromPayload.intent, rule: `button:payload_text:${fromPayload.rule}`, strength: fromPayload.strength };
    }
  }
  return { intent: fromTitle.intent, rule: `button:${fromTitle.rule}`, strength: fromTitle.strength };
}
