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

/** Extra repeated letters of `token` over `word`, or -1 when it is not `word` (or is a known lookalike). */
function stretch(token: string, word: string, lexicon: Lexicon): number {
  const excess = repeatExcess(token, word);
  return excess > 0 && lexicon.lookalikes.has(token) ? -1 : excess;
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
      const extra = stretch(tokens[index + offset] ?? "", word, lexicon);
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
 * Does a contextual word stand alone? Yes at the end of its clause or before courtesy
 * ("la merci", "si señor"). Before another answer word the reading is the cautious one:
 * a contextual no ("la") stays a no ("la la" → cancel, "la ok" → mixed); a contextual yes needs a
 * yes after it ("ewa wakha"), and one that may be an "if" needs a plain one-word yes ("si si",
 * "si claro"; "si je confirme" is "if I confirm"), and is an unfinished "if" when it ends a clause
 * after another yes ("oui si").
 */
function standsAlone(cue: Cue, previous: Cue | undefined, next: Cue | undefined): boolean {
  const conditional = cue.entry?.fallback === "conditional";
  const danglingIf = previous?.kind === "confirm" && previous.entry !== cue.entry && previous.endClause === cue.clause;
  if (next === undefined || next.clause !== cue.endClause) return !(conditional && danglingIf);
  if (next.kind === "courtesy") return true;
  if (cue.kind === "cancel") return next.kind === "confirm" || next.kind === "cancel";
  if (next.kind !== "confirm") return false;
  return !conditional || (next.entry?.explicit !== true && next.end - next.start === 1);
}

/** Contextual words that do not stand alone take their fallback meaning ("la commande" → article). */
function resolveContextual(cues: Cue[]): void {
  for (let index = cues.length - 1; index >= 0; index -= 1) {
    const cue = cues[index];
    const fallback = cue?.entry?.fallback;
    if (cue === undefined || fallback === undefined || standsAlone(cue, cues[index - 1], cues[index + 1])) continue;
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
