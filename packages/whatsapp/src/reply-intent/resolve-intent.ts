import { findNegatedSignals } from "./negation.ts";
import type { TokenizedReply } from "./normalize-reply.ts";
import type { Cue } from "./phrase-matcher.ts";
import type { ReplyClassification } from "./reply-intent-types.ts";

interface Signal {
  intent: "confirm" | "cancel";
  rule: string;
  explicit: boolean;
}

function unclear(rule: string): ReplyClassification {
  return { intent: "unclear", rule, strength: "none" };
}

function strengthOf(signals: readonly Signal[]): "explicit" | "plain" {
  return signals.some((signal) => signal.explicit) ? "explicit" : "plain";
}

/** Markers that make a reply "not an answer (yet)", checked in this order. */
const NOT_AN_ANSWER = ["question", "future", "conditional", "hedge"] as const;

/**
 * Turns the cues of a reply into a decision. Safety first: anything that is not a plain answer
 * is `unclear`, and a confirmation must come with nothing but courtesy and neutral words.
 *
 * 1. no words → `empty`; a question mark or word → `question`; then `future`, `conditional`, `hedge`;
 * 2. negation: a negated commitment ("je ne confirme pas") is a cancel (`negation`); any other
 *    negated yes/no ("pas ok", "n'annulez pas") is `negation` unclear;
 * 3. both yes and no → `mixed`;
 * 4. yes: only if nothing else is said (`contrast` with "mais" / "but", `extra_content` otherwise);
 *    no: if nothing else is said, or if it is explicit ("annulez", "non merci", "je ne veux plus").
 * The strength is `explicit` when one of the deciding phrases is an explicit one of the vocabulary
 * ("oui, je confirme"), `plain` otherwise ("ok merci").
 */
export function resolveIntent(reply: TokenizedReply, cues: readonly Cue[]): ReplyClassification {
  if (reply.tokens.length === 0) return unclear("empty");
  if (reply.hasQuestionMark) return unclear("question");
  for (const kind of NOT_AN_ANSWER) {
    if (cues.some((cue) => cue.kind === kind)) return unclear(kind);
  }

  const negated = findNegatedSignals(cues);
  const signals: Signal[] = [];
  for (const cue of cues) {
    if (cue.kind !== "confirm" && cue.kind !== "cancel") continue;
    const explicit = cue.entry?.explicit === true;
    if (!negated.has(cue)) signals.push({ intent: cue.kind, rule: cue.id, explicit });
    else if (cue.kind === "confirm" && explicit) signals.push({ intent: "cancel", rule: "negation", explicit: true });
    else return unclear("negation");
  }

  const confirms = signals.filter((signal) => signal.intent === "confirm");
  const cancels = signals.filter((signal) => signal.intent === "cancel");
  if (confirms.length > 0 && cancels.length > 0) return unclear("mixed");
  const contrast = cues.some((cue) => cue.kind === "contrast");
  const otherContent = cues.some((cue) => cue.kind === "unknown" || cue.kind === "negator");
  const first = confirms[0];
  if (first !== undefined) {
    if (contrast) return unclear("contrast");
    return otherContent ? unclear("extra_content") : { intent: "confirm", rule: first.rule, strength: strengthOf(confirms) };
  }
  const decisive = cancels.find((signal) => signal.explicit) ?? cancels[0];
  if (decisive === undefined) return unclear("no_match");
  if (!decisive.explicit && (contrast || otherContent)) return unclear(contrast ? "contrast" : "extra_content");
  return { intent: "cancel", rule: decisive.rule, strength: strengthOf(cancels) };
}
