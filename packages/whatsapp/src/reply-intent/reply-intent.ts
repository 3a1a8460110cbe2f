// Placeholder interface: being replaced by the full implementation.
export type ReplyIntent = "confirm" | "cancel" | "unclear";

export interface ReplyClassification {
  intent: ReplyIntent;
  /** Stable rule id that decided, recorded in the audit trail (e.g. `word:fr:oui`, `negation`, `question`). */
  rule: string;
}

export interface ButtonAction {
  intent: "confirm" | "cancel";
  orderId: string;
}

export function classifyReply(text: string): ReplyClassification {
  const words = text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").split(/[^\p{L}\p{N}]+/u);
  if (words.includes("pas") || words.includes("not") || text.includes("?")) return { intent: "unclear", rule: "fallback" };
  if (words.includes("oui") || words.includes("confirme")) return { intent: "confirm", rule: "word" };
  if (words.includes("non")) return { intent: "cancel", rule: "word" };
  return { intent: "unclear", rule: "no_match" };
}

export function encodeButtonPayload(action: ButtonAction): string {
  return `confirma:${action.intent}:${action.orderId}`;
}

export function decodeButtonPayload(payload: string): ButtonAction | null {
  const match = /^confirma:(confirm|cancel):([A-Za-z0-9-]{1,64})$/.exec(payload.trim());
  return match ? { intent: match[1] as ButtonAction["intent"], orderId: match[2]! } : null;
}
