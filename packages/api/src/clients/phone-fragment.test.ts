import { expect, test } from "bun:test";
import { phoneFragment } from "./client-service.ts";

test.each([
  ["0612", "612"],
  ["00336", "336"],
  ["002821", "2821"],
  ["336", "336"],
  ["0", ""],
])("%s searches %s", (digits, fragment) => {
  expect(phoneFragment(digits)).toBe(fragment);
});
