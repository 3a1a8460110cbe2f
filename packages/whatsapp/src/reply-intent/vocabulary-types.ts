/**
 * The shape of one language's reply vocabulary. Tables are plain data: adding a word
 * never needs code. Phrases are written in natural spelling ("c'est bon", "أكيد") and
 * normalised when compiled, then matched on whole tokens.
 *
 * Pattern syntax, token by token (space-separated):
 * - `a|b`   one of the alternatives;
 * - `(a)`   optional token; `(a|b)` optional alternatives.
 *
 * `"je|j (ne|n) veux pas|plus"` → "je veux pas", "je ne veux plus", "j n veux pas", …
 */

/** `ary` is Moroccan / Maghrebi Darija in Latin script (digits as letters); `ar` is Arabic script. */
export type VocabularyLanguage = "fr" | "en" | "es" | "ary" | "ar" | "emoji";

/** A phrase pattern, see the module comment. */
export type PhrasePattern = string;

/** A yes/no word that is also an ordinary word elsewhere ("la" is Darija "no" and the French article). */
export interface ContextualPhrase {
  pattern: PhrasePattern;
  intent: "confirm" | "cancel";
  /**
   * What the token is when it does not stand alone: `filler` (an article), `conditional`
   * (French "si" = if), or `unknown` (other content).
   */
  fallback: "filler" | "conditional" | "unknown";
}

export interface LanguageVocabulary {
  lang: VocabularyLanguage;
  /** Commitments ("je confirme", "je valide"). Negated, they are a cancel ("je ne confirme pas"). */
  confirmExplicit: readonly PhrasePattern[];
  /** Bare assent ("oui", "ok", "d'accord"). Negated, they are unclear ("pas ok"). */
  confirmBare: readonly PhrasePattern[];
  /** Unambiguous cancellations ("annulez", "non merci"): cancel even with other content around. */
  cancelExplicit: readonly PhrasePattern[];
  /**
   * Refusals that are themselves negations ("je ne veux pas", "don't want"). Explicit cancels,
   * and they negate a yes/no word right after them ("je ne veux pas annuler" is not a cancel).
   */
  refusals: readonly PhrasePattern[];
  /** Bare refusals ("non", "nope"): cancel only when nothing else is said. */
  cancelBare: readonly PhrasePattern[];
  /** Yes/no words that only count when they stand alone (end of clause, before thanks / a name / a same-intent word). */
  contextual: readonly ContextualPhrase[];
  /** Negators applying to the next yes/no phrase ("not", "don't"). */
  negatorsBefore: readonly PhrasePattern[];
  /** Negators applying to a yes/no phrase on either side ("pas": "je confirme pas", "pas confirmé"). */
  negatorsAround: readonly PhrasePattern[];
  /** Negators that only block a confirmation, never negate a cancel (French "ne", often dropped or left alone). */
  weakNegators: readonly PhrasePattern[];
  /** Question words and phrases ("combien", "est-ce que"). */
  question: readonly PhrasePattern[];
  /** Future / deferral ("je confirmerai", "plus tard"). */
  future: readonly PhrasePattern[];
  /** Conditions ("si jamais", "au cas où"). */
  conditional: readonly PhrasePattern[];
  /** Hesitation ("peut-être", "je réfléchis", "inchallah"). */
  hedge: readonly PhrasePattern[];
  /** Contrast / change of mind ("mais", "en fait"). */
  contrast: readonly PhrasePattern[];
  /** Greetings, thanks, please, forms of address, sign-offs: neutral, and let a contextual word stand alone. */
  courtesy: readonly PhrasePattern[];
  /** Neutral words that may surround an answer ("la commande", "je", "bien"). */
  filler: readonly PhrasePattern[];
  /**
   * Real words that look like a vocabulary word with a letter repeated ("noon" is not "nooon",
   * "valle" is not "vaaale"): never read as that word.
   */
  lookalikes: readonly string[];
}
