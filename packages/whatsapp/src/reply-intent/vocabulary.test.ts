import { describe, expect, test } from "bun:test";
import { buildLexicon, expandPattern, LEXICON, VOCABULARIES } from "./lexicon.ts";
import { classifyReply, type ReplyClassification } from "./reply-intent.ts";
import type { LanguageVocabulary } from "./vocabulary-types.ts";

type Field = Exclude<keyof LanguageVocabulary, "lang" | "contextual" | "lookalikes">;

/** What each table's phrases must mean when sent alone. */
const ALONE: Record<Field, (result: ReplyClassification) => boolean> = {
  confirmExplicit: (result) => result.intent === "confirm",
  confirmBare: (result) => result.intent === "confirm",
  cancelExplicit: (result) => result.intent === "cancel",
  refusals: (result) => result.intent === "cancel",
  cancelBare: (result) => result.intent === "cancel",
  negatorsBefore: (result) => result.intent === "unclear",
  negatorsAround: (result) => result.intent === "unclear",
  weakNegators: (result) => result.intent === "unclear",
  question: (result) => result.rule === "question",
  future: (result) => result.rule === "future",
  conditional: (result) => result.rule === "conditional",
  hedge: (result) => result.rule === "hedge",
  contrast: (result) => result.intent === "unclear",
  courtesy: (result) => result.rule === "no_match",
  filler: (result) => result.rule === "no_match",
};

describe("pattern syntax", () => {
  test("alternatives and optional tokens expand, and are normalised", () => {
    expect(expandPattern("je|j (ne) veux pas|plus").map((tokens) => tokens.join(" "))).toEqual([
      "je ne veux pas",
      "je ne veux plus",
      "je veux pas",
      "je veux plus",
      "j ne veux pas",
      "j ne veux plus",
      "j veux pas",
      "j veux plus",
    ]);
    expect(expandPattern("c'est|cest bon")).toEqual([
      ["c", "est", "bon"],
      ["cest", "bon"],
    ]);
  });

  test("a malformed pattern is refused", () => {
    expect(() => expandPattern("pas (du tout)")).toThrow(SyntaxError);
  });
});

describe("vocabulary tables", () => {
  test("no phrase has two meanings", () => {
    expect(LEXICON.conflicts).toEqual([]);
    expect(LEXICON.size).toBeGreaterThan(1000);
  });

  test("a conflict between tables is reported", () => {
    const [french] = VOCABULARIES;
    if (french === undefined) throw new Error("no vocabulary");
    const broken: LanguageVocabulary = { ...french, lang: "en", confirmBare: ["non"] };
    expect(buildLexicon([french, broken]).conflicts.some((conflict) => conflict.startsWith('"non"'))).toBe(true);
  });

  for (const vocabulary of VOCABULARIES) {
    test(`${vocabulary.lang}: every phrase means what its table says when sent alone`, () => {
      const wrong: string[] = [];
      for (const [field, check] of Object.entries(ALONE) as Array<[Field, (result: ReplyClassification) => boolean]>) {
        for (const pattern of vocabulary[field]) {
          for (const tokens of expandPattern(pattern)) {
            const result = classifyReply(tokens.join(" "));
            if (!check(result)) wrong.push(`${field}: "${tokens.join(" ")}" → ${result.intent} (${result.rule})`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
