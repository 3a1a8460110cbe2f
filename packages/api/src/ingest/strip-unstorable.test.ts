import { expect, test } from "bun:test";
import { stripUnstorable } from "./strip-unstorable.ts";

test("strings lose NUL characters and lone surrogates become U+FFFD, deep inside objects too", () => {
  const at = new Date(0);
  expect(stripUnstorable({ text: "a\u0000b", name: "\ud800x", media: { caption: ["\udc00", "ok 👍"] }, at, n: 1 })).toEqual({
    text: "ab",
    name: "\ufffdx",
    media: { caption: ["\ufffd", "ok 👍"] },
    at,
    n: 1,
  });
  expect(stripUnstorable({ at }).at).toBe(at);
});
