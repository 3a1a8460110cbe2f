import { describe, expect, test } from "bun:test";
import { repeatExcess, squeezeRepeats } from "./letter-runs.ts";
import { normalizeReplyText, tokenizeReply } from "./normalize-reply.ts";

describe("normalizeReplyText", () => {
  test.each([
    ["D'accord, OUIII 👍🏽 !", "d accord ouiii 👍"],
    ["C’est bon", "c est bon"],
    ["Peut-être", "peut etre"],
    ["Ça marche", "ca marche"],
    ["ma sœur", "ma soeur"],
    ["✔️ ☑️ 👍\uFE0F", "✔ ☑ 👍"],
    ["o\u200Bui", "oui"],
    ["ＯＫ", "ok"],
    ["أكيد", "اكيد"],
    ["إلغاء", "الغاء"],
    ["نَعَم", "نعم"],
    ["الطلبية", "الطلبيه"],
    ["٣", "3"],
    ["wa5a", "wa5a"],
    ["  \n ", ""],
  ])("%p → %p", (input, expected) => {
    expect(normalizeReplyText(input)).toBe(expected);
  });

  test("punctuation and line breaks start clauses; question marks are noticed", () => {
    expect(tokenizeReply("Oui, je confirme.\nMerci")).toEqual({
      tokens: ["oui", "je", "confirme", "merci"],
      clauses: [0, 1, 1, 2],
      hasQuestionMark: false,
    });
    expect(tokenizeReply("Oui ؟").hasQuestionMark).toBe(true);
    expect(tokenizeReply("ok ❓").hasQuestionMark).toBe(true);
  });
});

describe("repeated letters", () => {
  test("squeezes runs", () => {
    expect(squeezeRepeats("ouiiii")).toBe("oui");
    expect(squeezeRepeats("annuler")).toBe("anuler");
  });

  test.each([
    ["ouiii", "oui", 2],
    ["oui", "oui", 0],
    ["annuuler", "annuler", 1],
    ["anuler", "annuler", -1],
    ["n", "nn", -1],
    ["nooon", "non", 2],
    ["nono", "non", -1],
  ] as const)("%p against %p → %p", (token, word, excess) => {
    expect(repeatExcess(token, word)).toBe(excess);
  });
});
