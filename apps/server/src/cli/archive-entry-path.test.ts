import { expect, test } from "bun:test";
import { mediaEntryPath } from "./archive-entry-path.ts";

test.each([
  ["media", ""],
  ["media/", ""],
  ["media/a.ogg", "a.ogg"],
  ["media/2026/11/a.jpg", "2026/11/a.jpg"],
  ["media/sub/", "sub"],
  ["media/.a.ogg.part", ".a.ogg.part"],
  ["media/..", null],
  ["media/../evil", null],
  ["media/sub/../../evil", null],
  ["media/./a.ogg", null],
  ["media//a.ogg", null],
  ["media/a\\..\\..\\evil", null],
  ["media/a\0b", null],
  ["../evil", null],
  ["/etc/passwd", null],
  ["/media/a.ogg", null],
  ["mediax/a.ogg", null],
  ["database.pgdump", null],
  ["", null],
])("%p goes to %p inside MEDIA_DIR", (name, expected) => {
  expect(mediaEntryPath(name)).toBe(expected);
});
