import { expect, test } from "bun:test";
import { safeText } from "./safe-text.ts";

const cases: [string, string, { multiline?: boolean; trim?: boolean }, string | null][] = [
  ["plain text", "Clément Dupont", {}, "Clément Dupont"],
  ["Arabic and emoji", "شكرا 🙏", {}, "شكرا 🙏"],
  ["NUL", "a\u0000b", {}, null],
  ["NUL in multi-line text", "a\u0000b", { multiline: true }, null],
  ["bell", "a\u0007b", {}, null],
  ["escape in multi-line text", "a\u001b[31mb", { multiline: true }, null],
  ["DEL", "a\u007fb", {}, null],
  ["C1 next line", "a\u0085b", {}, null],
  ["tab in a single line", "a\tb", {}, null],
  ["line feed in a single line", "a\nb", {}, null],
  ["tab, line feed, carriage return in multi-line text", "a\tb\r\nc", { multiline: true }, "a\tb\r\nc"],
  ["a trailing line break, trimmed", "Jeanne\n", { trim: true }, "Jeanne"],
  ["a lone high surrogate", "a\ud800b", {}, null],
  ["a lone low surrogate", "a\udc00", { multiline: true }, null],
];

test.each(cases)("%s", (_, input, options, expected) => {
  const result = safeText(options).safeParse(input);
  expect(result.success ? result.data : null).toBe(expected);
});

test("the refusal names the character and where it is", () => {
  const result = safeText().max(10).safeParse("ab\u0000");
  expect(result.error?.issues[0]?.message).toBe("contains the control character U+0000 (position 3)");
});
