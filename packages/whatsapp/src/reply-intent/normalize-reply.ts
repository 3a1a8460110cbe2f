/**
 * Text normalisation for customer replies: one canonical token stream that the
 * vocabulary tables (written in natural spelling) and incoming messages share.
 *
 * - case, accents and Arabic diacritics / hamza carriers are folded away;
 * - apostrophes and hyphens split words ("d'accord" → "d accord", "peut-être" → "peut etre");
 * - each emoji is its own token, without skin tones, variation selectors or joiners;
 * - sentence punctuation and line breaks end a clause (kept as clause numbers, not tokens).
 *
 * Repeated letters ("ouiii") are NOT squeezed here: the phrase matcher tolerates them,
 * so that "annuler" and "nn" keep their real double letters.
 */

/** A reply cut into tokens, with the clause each token belongs to. */
export interface TokenizedReply {
  /** Normalised word and emoji tokens, in order. */
  tokens: string[];
  /** `clauses[i]` is the clause number of `tokens[i]` (punctuation and line breaks start a new clause). */
  clauses: number[];
  /** The text contains a question mark (`?`, `¿`, `؟`, ❓ …). */
  hasQuestionMark: boolean;
}

const INVISIBLES = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;
const SKIN_TONES = /[\u{1F3FB}-\u{1F3FF}]/gu;
const COMBINING_MARKS = /\p{M}/gu;
const WORD_JOINERS = /['’‘`´ʼʻ‛′"“”«»\-‐‑‒–—_]/gu;
const QUESTION_MARKS = /[?¿؟⸮❓❔]/u;
const TOKEN = /(\p{Extended_Pictographic})|([\p{L}\p{N}]+)|([.,;:!?¿¡؟،؛\n\r]+)/gu;

/** Letters that survive accent stripping but have a plain spelling (Latin ligatures, Arabic variants). */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  œ: "oe",
  æ: "ae",
  ß: "ss",
  ø: "o",
  ł: "l",
  đ: "d",
  ı: "i",
  ة: "ه",
  ى: "ي",
  ی: "ي",
  ک: "ك",
  ٱ: "ا",
  ـ: "",
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join("")}]`, "gu");
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/gu;

function foldCharacters(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(SKIN_TONES, "")
    .replace(INVISIBLES, "")
    .replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(EASTERN_DIGITS, (digit) => String((digit.codePointAt(0) ?? 0x0660) % 16))
    .replace(WORD_JOINERS, " ");
}

/** Cuts a reply into normalised tokens and clauses. Never throws. */
export function tokenizeReply(text: string): TokenizedReply {
  const folded = foldCharacters(text);
  const tokens: string[] = [];
  const clauses: number[] = [];
  let clause = 0;
  for (const match of folded.matchAll(TOKEN)) {
    const word = match[1] ?? match[2];
    if (word !== undefined) {
      tokens.push(word);
      clauses.push(clause);
    } else if (tokens.length > 0 && clauses[clauses.length - 1] === clause) {
      clause += 1;
    }
  }
  return { tokens, clauses, hasQuestionMark: QUESTION_MARKS.test(folded) };
}

/**
 * The canonical form of a reply: normalised tokens joined by single spaces.
 * `normalizeReplyText("D'accord, OUIII 👍🏽 !")` → `"d accord ouiii 👍"`.
 */
export function normalizeReplyText(text: string): string {
  return tokenizeReply(text).tokens.join(" ");
}
