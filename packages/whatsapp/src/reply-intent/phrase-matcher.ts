import { repeatExcess, squeezeRepeats } from "./letter-runs.ts";
import { type CueKind, LEXICON, type Lexicon, type LexiconEntry } from "./lexicon.ts";
import type { TokenizedReply } from "./normalize-reply.ts";

/** A span of the reply: a vocabulary phrase, or one token of other content (`unknown`). */
export interface Cue {
  kind: CueKind | "unknown";
  /** Token span `[start, end)`. */
  start: number;
  end: number;
  /** Clause of the first and of the last token. */
  clause: number;
  endClause: number;
  /** The vocabulary phrase, absent for `unknown`. */
  entry?: LexiconEntry;
  /** Rule id when this cue decides. */
  id: string;
}

function bestEntryAt(tokens: readonly string[], index: number, lexicon: Lexicon): LexiconEntry | undefined {
  const candidates = lexicon.byFirstToken.get(squeezeRepeats(tokens[index] ?? "")) ?? [];
  let best: LexiconEntry | undefined;
  let bestExcess = Number.POSITIVE_INFINITY;
  for (const entry of candidates) {
    if (best !== undefined && entry.tokens.length < best.tokens.length) break;
    if (index + entry.tokens.length > tokens.length) continue;
    let excess = 0;
    for (const [offset, word] of entry.tokens.entries()) {
      const extra = repeatExcess(tokens[index + offset] ?? "", word);
      if (extra < 0) {
        excess = -1;
        break;
      }
      excess += extra;
    }
    if (excess >= 0 && excess < bestExcess) {
      best = entry;
      bestExcess = excess;
    }
  }
  return best;
}

/**
 * A contextual word ("la", "si", "ewa") counts as a yes/no only when it stands alone: last of its
 * clause, or followed by courtesy ("la merci", "la shukran") or by a word of the same intent
 * ("la la", "si claro"). Otherwise it takes its fallback meaning ("la commande" → article).
 */
function resolveContextual(cues: Cue[]): void {
  for (let index = cues.length - 1; index >= 0; index -= 1) {
    const cue = cues[index];
    const fallback = cue?.entry?.fallback;
    if (cue === undefined || fallback === undefined) continue;
    const next = cues[index + 1];
    const standsAlone =
      next === undefined || next.clause !== cue.endClause || next.kind === "courtesy" || next.kind === cue.kind;
    if (standsAlone) continue;
    cue.kind = fallback;
    cue.id = fallback;
  }
}

/**
 * Finds the vocabulary phrases of a reply: longest match first, left to right, on whole tokens,
 * tolerating repeated letters. Phrases may run across punctuation ("non, merci").
 */
export function findCues(reply: TokenizedReply, lexicon: Lexicon = LEXICON): Cue[] {
  const { tokens, clauses } = reply;
  const cues: Cue[] = [];
  let index = 0;
  while (index < tokens.length) {
    const entry = bestEntryAt(tokens, index, lexicon);
    const end = index + (entry?.tokens.length ?? 1);
    cues.push({
      kind: entry?.kind ?? "unknown",
      start: index,
      end,
      clause: clauses[index] ?? 0,
      endClause: clauses[end - 1] ?? 0,
      ...(entry === undefined ? {} : { entry }),
      id: entry?.id ?? "unknown",
    });
    index = end;
  }
  resolveContextual(cues);
  return cues;
}
