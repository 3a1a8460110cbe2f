/**
 * The reply reader as it was first written: the plain statement of the same rules, kept for the
 * tests only. The fast code in `letter-runs.ts` and `phrase-matcher.ts` (an index walked on
 * squeezed tokens, runs compared without building strings) must give exactly the answers below on
 * any input; `reference-reader.test.ts` holds them together with fast-check, and
 * `reply-reader-bench.ts` times both in the same run. Change a rule here and there together.
 */
import type { Lexicon, LexiconEntry } from "./lexicon.ts";
import { LEXICON } from "./lexicon.ts";
import { tokenizeReply, type TokenizedReply } from "./normalize-reply.ts";
import { type Cue, resolveContextual } from "./phrase-matcher.ts";
import { MAX_REPLY_LENGTH } from "./reply-intent.ts";
import type { ReplyClassification } from "./reply-intent-types.ts";
import { resolveIntent } from "./resolve-intent.ts";

/** Reference of `squeezeRepeats`: every run of a repeated character (code point) squeezed to one. */
export function squeezeRepeatsReference(word: string): string {
  let squeezed = "";
  let previous = "";
  for (const char of word) {
    if (char !== previous) squeezed += char;
    previous = char;
  }
  return squeezed;
}

function runLengths(word: string): number[] {
  const lengths: number[] = [];
  let previous = "";
  for (const char of word) {
    if (char === previous) lengths[lengths.length - 1] = (lengths[lengths.length - 1] ?? 0) + 1;
    else lengths.push(1);
    previous = char;
  }
  return lengths;
}

/** Reference of `repeatExcess`: extra repeated letters of `token` over `word`, or -1. */
export function repeatExcessReference(token: string, word: string): number {
  if (token === word) return 0;
  if (squeezeRepeatsReference(token) !== squeezeRepeatsReference(word)) return -1;
  const tokenRuns = runLengths(token);
  const wordRuns = runLengths(word);
  let excess = 0;
  for (const [index, length] of wordRuns.entries()) {
    const tokenLength = tokenRuns[index] ?? 0;
    if (tokenLength < length) return -1;
    excess += tokenLength - length;
  }
  return excess;
}

/** Entries by the squeezed form of their first token, longest first (stable: precedence order within a length). */
const bucketsByLexicon = new WeakMap<Lexicon, Map<string, LexiconEntry[]>>();

function bucketsOf(lexicon: Lexicon): Map<string, LexiconEntry[]> {
  let buckets = bucketsByLexicon.get(lexicon);
  if (buckets !== undefined) return buckets;
  buckets = new Map();
  for (const entry of lexicon.entries) {
    const key = squeezeRepeatsReference(entry.tokens[0] ?? "");
    const bucket = buckets.get(key) ?? [];
    bucket.push(entry);
    buckets.set(key, bucket);
  }
  for (const bucket of buckets.values()) bucket.sort((a, b) => b.tokens.length - a.tokens.length);
  bucketsByLexicon.set(lexicon, buckets);
  return buckets;
}

function stretch(token: string, word: string, lexicon: Lexicon): number {
  const excess = repeatExcessReference(token, word);
  return excess > 0 && lexicon.lookalikes.has(token) ? -1 : excess;
}

function bestEntryAt(tokens: readonly string[], index: number, lexicon: Lexicon): LexiconEntry | undefined {
  const candidates = bucketsOf(lexicon).get(squeezeRepeatsReference(tokens[index] ?? "")) ?? [];
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

/** Reference of `findCues`: each candidate phrase of the first token's bucket tried in turn. */
export function findCuesReference(reply: TokenizedReply, lexicon: Lexicon = LEXICON): Cue[] {
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

/** Reference of `classifyReply`: the same pipeline on the reference matcher. */
export function classifyReplyReference(text: string): ReplyClassification {
  if (typeof text !== "string") return { intent: "unclear", rule: "empty", strength: "none" };
  if (text.length > MAX_REPLY_LENGTH) return { intent: "unclear", rule: "too_long", strength: "none" };
  const reply = tokenizeReply(text);
  return resolveIntent(reply, findCuesReference(reply));
}
