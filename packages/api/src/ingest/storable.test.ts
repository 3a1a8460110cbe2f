import { expect, test } from "bun:test";
import { storable } from "./storable.ts";

test("strings lose NUL characters and lone surrogates become U+FFFD, deep inside objects too", () => {
  const at = new Date(0);
  expect(storable({ text: "a\u0000b", name: "\ud800x", media: { caption: ["\udc00", "ok 👍"] }, at, n: 1 })).toEqual({
    text: "ab",
    name: "\ufffdx",
    media: { caption: ["\ufffd", "ok 👍"] },
    at,
    n: 1,
  });
  expect(storable({ at }).at).toBe(at);
});
