import { expect, test } from "bun:test";
import { formatDuration, parseDuration } from "./env-duration.ts";

test.each([
  ["0s", 0],
  ["90s", 90_000],
  ["30m", 1_800_000],
  ["2h", 7_200_000],
  ["1h30m", 5_400_000],
  ["2d", 172_800_000],
  [" 24H ", 86_400_000],
  ["1.5h", 5_400_000],
])("%p is %i ms", (text, ms) => {
  expect(parseDuration(text)).toBe(ms);
  expect(parseDuration(formatDuration(ms))).toBe(ms);
});

test.each(["", "2", "h", "2 h", "-1h", "2w", "1h-30m"])("%p is not a duration", (text) => {
  expect(parseDuration(text)).toBeNull();
});
