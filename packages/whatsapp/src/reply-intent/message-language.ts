import { expandPattern, VOCABULARIES } from "./lexicon.ts";
import { tokenizeReply } from "./normalize-reply.ts";
import type { LanguageVocabulary } from "./vocabulary-types.ts";

/** The languages confirmation messages are written in. */
export type WrittenLanguage = "fr" | "en" | "es" | "ar";

/** Everyday words beside the reply vocabularies: greetings, thanks, the words of an order. */
const EVERYDAY: Record<Exclude<WrittenLanguage, "ar">, readonly string[]> = {
  fr: [
    "bonjour",
    "bonsoir",
    "salut",
    "merci",
    "je",
    "vous",
    "est",
    "pour",
    "commande",
    "livraison",
    "quand",
    "adresse",
    "colis",
    "demain",
    "avec",
    "mais",
    "aussi",
    "svp",
    "stp",
  ],
  en: [
    "hello",
    "hi",
    "thanks",
    "thank",
    "you",
    "the",
    "my",
    "is",
    "for",
    "order",
    "delivery",
    "when",
    "address",
    "parcel",
    "tomorrow",
    "with",
    "but",
    "please",
    "what",
  ],
  es: [
    "hola",
    "buenos",
    "buenas",
    "gracias",
    "el",
    "mi",
    "es",
    "para",
    "pedido",
    "entrega",
    "cuando",
    "direccion",
    "paquete",
    "manana",
    "con",
    "pero",
    "favor",
    "que",
  ],
};

/** Each word of the French, English and Spanish vocabularies that belongs to that language alone. */
const WORDS: ReadonlyMap<string, WrittenLanguage> = (() => {
  const seen = new Map<string, Set<WrittenLanguage>>();
  const add = (word: string, language: WrittenLanguage) => seen.set(word, (seen.get(word) ?? new Set()).add(language));
  for (const vocabulary of VOCABULARIES) {
    const language = vocabulary.lang;
    if (language !== "fr" && language !== "en" && language !== "es") continue;
    for (const pattern of patternsOf(vocabulary))
      for (const phrase of expandPattern(pattern)) for (const word of phrase) if (word.length >= 3) add(word, language);
  }
  for (const [language, words] of Object.entries(EVERYDAY) as [WrittenLanguage, readonly string[]][]) {
    for (const word of words) for (const token of tokenizeReply(word).tokens) add(token, language);
  }
  return new Map([...seen].filter(([, languages]) => languages.size === 1).map(([word, languages]) => [word, [...languages][0]!]));
})();

function patternsOf(vocabulary: LanguageVocabulary): string[] {
  return [
    ...vocabulary.confirmExplicit,
    ...vocabulary.confirmBare,
    ...vocabulary.cancelExplicit,
    ...vocabulary.refusals,
    ...vocabulary.cancelBare,
    ...vocabulary.question,
    ...vocabulary.future,
    ...vocabulary.conditional,
    ...vocabulary.hedge,
  ];
}

const ARABIC_LETTER = /\p{Script=Arabic}/gu;
const LETTER = /\p{L}/gu;

/**
 * The language a customer wrote a message in, when it can be told: Arabic script → `ar`; else
 * the French, English or Spanish words it holds (from the reply vocabularies and everyday words;
 * a word of several languages counts for none), the language with the most, if one leads. Null
 * for Darija in Latin script, a lone emoji, a number, or a tie: the caller then looks further.
 */
export function messageLanguage(text: string): WrittenLanguage | null {
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return null;
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  if (arabic * 2 >= letters) return "ar";
  const counts = new Map<WrittenLanguage, number>();
  for (const token of tokenizeReply(text).tokens) {
    const language = WORDS.get(token);
    if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0]![1] === ranked[1]![1])) return null;
  return ranked[0]![0];
}
