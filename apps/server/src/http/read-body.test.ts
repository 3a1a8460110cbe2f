import { expect, test } from "bun:test";
import { jsonDepth, MAX_JSON_DEPTH, parseJson } from "./read-body.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

test.each([
  ["{}", 1],
  ['{"a":[1,{"b":[]}]}', 4],
  ['{"text":"[[[[{{{{"}', 1],
  ['["\\\\", ["\\"["]]', 2],
  ["42", 0],
])("%s nests %i deep", (text, depth) => {
  expect(jsonDepth(bytes(text))).toBe(depth);
});

test("deep nesting is refused before parsing", () => {
  expect(() => parseJson(bytes("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1)))).toThrow(expect.objectContaining({ code: "invalid_json" }));
  expect(parseJson(bytes("[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH)))).toBeArray();
});
