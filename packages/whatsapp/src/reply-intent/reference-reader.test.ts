import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { repeatExcess, squeezeRepeats } from "./letter-runs.ts";
import { LEXICON } from "./lexicon.ts";
import { tokenizeReply } from "./normalize-reply.ts";
import { findCues } from "./phrase-matcher.ts";
import { classifyReplyReference, findCuesReference, repeatExcessReference, squeezeRepeatsReference } from "./reference-reader.ts";
import { REPLY_CORPUS } from "./reply-corpus.ts";
import { classifyReply } from "./reply-intent.ts";

/*
 * The fast reply reader against its plain statement (`reference-reader.ts`), on arbitrary input:
 * every rewritten function must give the reference's answer, not merely a plausible one.
 */

const RUNS = 2000;

/** Words with runs: a few letters, doubled letters, astral characters and lone surrogates, so runs and their edges are common. */
const runnyWord = fc
  .array(fc.tuple(fc.constantFrom("a", "n", "o", "i", "é", "ي", "👍", "😀", "\uD83D", "\uDE00", "\uD800"), fc.integer({ min: 1, max: 4 })), { maxLength: 8 })
  .map((runs) => runs.map(([char, length]) => char.repeat(length)).join(""));
const anyWord = fc.oneof(runnyWord, fc.string({ unit: "binary", maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 8 }));

/** Vocabulary words and phrases, stretched and mixed: the matcher's real work. */
const vocabularyWords = [...new Set(LEXICON.entries.flatMap((entry) => entry.tokens))];
const stretch = (word: string, extra: readonly number[]) => Array.from(word, (char, index) => char.repeat(1 + (extra[index] ?? 0))).join("");
const stretchedWord = fc
  .tuple(fc.constantFrom(...vocabularyWords), fc.array(fc.nat({ max: 3 }), { maxLength: 6 }))
  .map(([word, extra]) => stretch(word, extra));
const phrase = fc.constantFrom(...LEXICON.entries.map((entry) => entry.tokens.join(" ")));
/** A whole phrase with letters repeated here and there: where two phrases of one length may tie. */
const stretchedPhrase = fc
  .tuple(fc.constantFrom(...LEXICON.entries), fc.array(fc.array(fc.nat({ max: 2 }), { maxLength: 6 }), { maxLength: 6 }))
  .map(([entry, extra]) => entry.tokens.map((token, index) => stretch(token, extra[index] ?? [])).join(" "));
const SEPARATORS = [" ", " ", ", ", ". ", "! ", "\n", " ? "];
const replyLike = fc
  .array(fc.oneof(phrase, stretchedPhrase, stretchedWord, fc.constantFrom(...[...LEXICON.lookalikes]), runnyWord, fc.string({ maxLength: 5 })), {
    maxLength: 10,
  })
  .chain((words) =>
    fc
      .array(fc.constantFrom(...SEPARATORS), { minLength: words.length, maxLength: words.length })
      .map((separators) => words.map((word, index) => `${word}${separators[index] ?? " "}`).join("")),
  );
const anyText = fc.oneof(
  replyLike,
  fc.constantFrom(...REPLY_CORPUS.map((entry) => entry.text)),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
);

describe("letter runs agree with the reference", () => {
  test("squeezeRepeats", () => {
    fc.assert(
      fc.property(anyWord, (word) => {
        expect(squeezeRepeats(word)).toBe(squeezeRepeatsReference(word));
      }),
      { numRuns: RUNS },
    );
  });

  test("repeatExcess, on unrelated words and on a word against a stretched or shortened copy of itself", () => {
    const pairs = fc.oneof(
      fc.tuple(anyWord, anyWord),
      runnyWord.chain((word) =>
        fc.tuple(
          fc.constant(word),
          runnyWord.map((other) => `${word}${other}`),
        ),
      ),
      stretchedWord.map((token) => [token, squeezeRepeatsReference(token)] as const),
      fc.tuple(fc.constantFrom(...vocabularyWords), stretchedWord),
      fc.tuple(stretchedWord, fc.constantFrom(...vocabularyWords)),
    );
    fc.assert(
      fc.property(pairs, ([token, word]) => {
        expect(repeatExcess(token, word)).toBe(repeatExcessReference(token, word));
        expect(repeatExcess(word, token)).toBe(repeatExcessReference(word, token));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the phrase matcher agrees with the reference", () => {
  test("findCues: the same cues (phrase, span, clauses, kind) for any reply", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const reply = tokenizeReply(text);
        expect(findCues(reply)).toEqual(findCuesReference(reply));
      }),
      { numRuns: RUNS },
    );
  });

  test("classifyReply: the same answer for any reply", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(classifyReply(text)).toEqual(classifyReplyReference(text));
      }),
      { numRuns: RUNS },
    );
  });

  test("every phrase of the vocabulary, alone and stretched, is read as the reference reads it", () => {
    for (const entry of LEXICON.entries) {
      const text = entry.tokens.join(" ");
      const stretched = entry.tokens.map((token) => Array.from(token, (char) => char + char).join("")).join(" ");
      for (const variant of [text, stretched, `${text} ${text}`]) {
        const reply = tokenizeReply(variant);
        expect(findCues(reply)).toEqual(findCuesReference(reply));
      }
    }
  });
});
