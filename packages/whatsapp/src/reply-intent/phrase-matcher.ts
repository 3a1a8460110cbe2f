import { repeatExcess, squeezeRepeats } from "./letter-runs.ts";
import { type CueKind, LEXICON, type Lexicon, type LexiconEntry, type PhraseNode } from "./lexicon.ts";
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
  if (token === word) return 0;
  const excess = repeatExcess(token, word);
  return excess > 0 && lexicon.lookalikes.has(token) ? -1 : excess;
}

/** Extra repeated letters of the reply's tokens from `index` over the phrase's words, or -1. */
function phraseExcess(tokens: readonly string[], index: number, entry: LexiconEntry, lexicon: Lexicon): number {
  let excess = 0;
  for (let offset = 0; offset < entry.tokens.length; offset += 1) {
    const extra = stretch(tokens[index + offset] ?? "", entry.tokens[offset] ?? "", lexicon);
    if (extra < 0) return -1;
    excess += extra;
  }
  return excess;
}

/**
 * The phrase read at `index`: the longest that matches, and among those of that length the one
 * with the fewest extra repeated letters (the first listed on a tie). A phrase can only match
 * where the reply's squeezed tokens spell its squeezed words, so the index is walked on those,
 * and only the phrases met on the way are compared letter run by letter run.
 * (`reference-reader.ts` states the same choice over every phrase sharing the first token.)
 */
function bestEntryAt(tokens: readonly string[], squeezed: readonly string[], index: number, lexicon: Lexicon): LexiconEntry | undefined {
  const ends: PhraseNode[] = [];
  let node: PhraseNode | undefined = lexicon.phrases;
  for (let at = index; at < tokens.length; at += 1) {
    node = node.next.get(squeezed[at] ?? "");
    if (node === undefined) break;
    if (node.phrases.length > 0) ends.push(node);
  }
  for (let depth = ends.length - 1; depth >= 0; depth -= 1) {
    let best: LexiconEntry | undefined;
    let bestExcess = Number.POSITIVE_INFINITY;
    for (const entry of ends[depth]?.phrases ?? []) {
      const excess = phraseExcess(tokens, index, entry, lexicon);
      if (excess >= 0 && excess < bestExcess) {
        best = entry;
        bestExcess = excess;
      }
    }
    if (best !== undefined) return best;
  }
  return undefined;
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
export function resolveContextual(cues: Cue[]): void {
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
  const squeezed = tokens.map(squeezeRepeats);
  const cues: Cue[] = [];
  let index = 0;
  while (index < tokens.length) {
    const entry = bestEntryAt(tokens, squeezed, index, lexicon);
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
