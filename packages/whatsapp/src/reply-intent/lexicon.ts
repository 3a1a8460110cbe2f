import { squeezeRepeats } from "./letter-runs.ts";
import { tokenizeReply } from "./normalize-reply.ts";
import { ARABIC_VOCABULARY } from "./vocabulary-ar.ts";
import { DARIJA_VOCABULARY } from "./vocabulary-ary.ts";
import { EMOJI_VOCABULARY } from "./vocabulary-emoji.ts";
import { ENGLISH_VOCABULARY } from "./vocabulary-en.ts";
import { SPANISH_VOCABULARY } from "./vocabulary-es.ts";
import { FRENCH_VOCABULARY } from "./vocabulary-fr.ts";
import type { ContextualPhrase, LanguageVocabulary, PhrasePattern, VocabularyLanguage } from "./vocabulary-types.ts";

/** What a matched phrase means for the decision. */
export type CueKind = "confirm" | "cancel" | "negator" | "question" | "future" | "conditional" | "hedge" | "contrast" | "courtesy" | "filler";

/** One normalised phrase of the compiled vocabulary. */
export interface LexiconEntry {
  /** Normalised tokens, matched on token boundaries. */
  tokens: readonly string[];
  kind: CueKind;
  lang: VocabularyLanguage;
  /** Rule id recorded when this phrase decides: `word:fr:oui`, `word:fr:je_confirme`, `emoji:confirm`. */
  id: string;
  /** A commitment (confirm) or an unambiguous cancellation (cancel). */
  explicit: boolean;
  /** A cancel that is itself a negation ("je ne veux pas"): it negates the yes/no word after it. */
  refusal: boolean;
  /** For negators: which side they apply to; `weak` only blocks confirmations. */
  negates?: "before" | "around" | "weak";
  /** For contextual words: what they are when they do not stand alone. */
  fallback?: ContextualPhrase["fallback"];
}

/**
 * One step of the phrase index: a node per token, keyed by the token's squeezed form ("annuler"
 * → "anuler"), so that a reply's tokens, squeezed once, lead straight to the phrases they may be.
 */
export interface PhraseNode {
  next: Map<string, PhraseNode>;
  /** Phrases whose squeezed tokens end at this node (all of the same length), in precedence order. */
  phrases: LexiconEntry[];
}

export interface Lexicon {
  /** Every phrase once, in precedence order (the first listing wins). */
  entries: readonly LexiconEntry[];
  /** The phrases indexed token by token on their squeezed forms (see `findCues`). */
  phrases: PhraseNode;
  /** Normalised words never matched by repeated-letter tolerance (see `LanguageVocabulary.lookalikes`). */
  lookalikes: ReadonlySet<string>;
  /** Phrases listed with two different meanings (must stay empty; checked by the tests). */
  conflicts: readonly string[];
  size: number;
}

/** Every vocabulary table, in precedence order (the first listing of a phrase wins). */
export const VOCABULARIES: readonly LanguageVocabulary[] = [
  FRENCH_VOCABULARY,
  ENGLISH_VOCABULARY,
  SPANISH_VOCABULARY,
  DARIJA_VOCABULARY,
  ARABIC_VOCABULARY,
  EMOJI_VOCABULARY,
];

/** Expands a phrase pattern into normalised token lists (see `vocabulary-types.ts` for the syntax). */
export function expandPattern(pattern: PhrasePattern): string[][] {
  let phrases: string[][] = [[]];
  for (const part of pattern.trim().split(/\s+/u)) {
    const optional = part.startsWith("(") && part.endsWith(")");
    const choices = (optional ? part.slice(1, -1) : part).split("|");
    if (choices.some((choice) => /[()]/u.test(choice))) throw new SyntaxError(`Bad phrase pattern: ${pattern}`);
    if (optional) choices.push("");
    phrases = phrases.flatMap((words) => choices.map((choice) => (choice === "" ? words : [...words, choice])));
  }
  return phrases.map((words) => tokenizeReply(words.join(" ")).tokens).filter((tokens) => tokens.length > 0);
}

type EntryTemplate = Omit<LexiconEntry, "tokens" | "id" | "lang">;

function templates(vocabulary: LanguageVocabulary): Array<[readonly PhrasePattern[], EntryTemplate]> {
  const plain = (kind: CueKind): EntryTemplate => ({ kind, explicit: false, refusal: false });
  return [
    [vocabulary.confirmExplicit, { kind: "confirm", explicit: true, refusal: false }],
    [vocabulary.confirmBare, plain("confirm")],
    [vocabulary.cancelExplicit, { kind: "cancel", explicit: true, refusal: false }],
    [vocabulary.refusals, { kind: "cancel", explicit: true, refusal: true }],
    [vocabulary.cancelBare, plain("cancel")],
    [vocabulary.negatorsBefore, { ...plain("negator"), negates: "before" }],
    [vocabulary.negatorsAround, { ...plain("negator"), negates: "around" }],
    [vocabulary.weakNegators, { ...plain("negator"), negates: "weak" }],
    [vocabulary.question, plain("question")],
    [vocabulary.future, plain("future")],
    [vocabulary.conditional, plain("conditional")],
    [vocabulary.hedge, plain("hedge")],
    [vocabulary.contrast, plain("contrast")],
    [vocabulary.courtesy, plain("courtesy")],
    [vocabulary.filler, plain("filler")],
    ...vocabulary.contextual.map((phrase): [readonly PhrasePattern[], EntryTemplate] => [
      [phrase.pattern],
      { kind: phrase.intent, explicit: false, refusal: false, fallback: phrase.fallback },
    ]),
  ];
}

function ruleId(lang: VocabularyLanguage, kind: CueKind, tokens: readonly string[]): string {
  if (kind !== "confirm" && kind !== "cancel") return kind;
  return lang === "emoji" ? `emoji:${kind}` : `word:${lang}:${tokens.join("_")}`;
}

function meaning(entry: LexiconEntry): string {
  return `${entry.kind}/${entry.explicit}/${entry.refusal}/${entry.negates ?? ""}/${entry.fallback ?? ""}`;
}

/** Compiles vocabulary tables into an index for the phrase matcher. */
export function buildLexicon(vocabularies: readonly LanguageVocabulary[]): Lexicon {
  const seen = new Map<string, LexiconEntry>();
  const conflicts: string[] = [];
  for (const vocabulary of vocabularies) {
    for (const [patterns, template] of templates(vocabulary)) {
      for (const pattern of patterns) {
        for (const tokens of expandPattern(pattern)) {
          const entry: LexiconEntry = { ...template, tokens, lang: vocabulary.lang, id: ruleId(vocabulary.lang, template.kind, tokens) };
          const key = tokens.join(" ");
          const previous = seen.get(key);
          if (previous === undefined) seen.set(key, entry);
          else if (meaning(previous) !== meaning(entry)) {
            conflicts.push(`"${key}": ${previous.lang} ${meaning(previous)} vs ${entry.lang} ${meaning(entry)}`);
          }
        }
      }
    }
  }
  const entries = [...seen.values()];
  const phrases: PhraseNode = { next: new Map(), phrases: [] };
  for (const entry of entries) {
    let node = phrases;
    for (const token of entry.tokens) {
      const key = squeezeRepeats(token);
      let child = node.next.get(key);
      if (child === undefined) node.next.set(key, (child = { next: new Map(), phrases: [] }));
      node = child;
    }
    node.phrases.push(entry);
  }
  const lookalikes = new Set(vocabularies.flatMap((vocabulary) => vocabulary.lookalikes.flatMap((word) => tokenizeReply(word).tokens)));
  return { entries, phrases, lookalikes, conflicts, size: seen.size };
}

/** The compiled vocabulary of every language. */
export const LEXICON: Lexicon = buildLexicon(VOCABULARIES);
