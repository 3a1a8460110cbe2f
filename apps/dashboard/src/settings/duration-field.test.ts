import { beforeAll, expect, test } from "bun:test";
import { formatHumanDuration, parseHumanDuration } from "./duration-field.ts";
import { catalogues } from "../i18n/catalogues.ts";

// English is fetched on demand in the dashboard: these tests read it.
beforeAll(() => catalogues.load("en"));

const H = 3_600_000;
const MIN = 60_000;

test.each([
  ["2 h", 2 * H],
  ["2h", 2 * H],
  ["2 heures", 2 * H],
  ["1 hour", H],
  ["30 min", 30 * MIN],
  ["30min", 30 * MIN],
  ["30 minutes", 30 * MIN],
  ["1 h 30", 90 * MIN],
  ["1h30", 90 * MIN],
  ["1 h 30 min", 90 * MIN],
  ["1 h et 30 min", 90 * MIN],
  ["1,5 h", 90 * MIN],
  ["1.5h", 90 * MIN],
  ["2 j", 48 * H],
  ["2 jours", 48 * H],
  ["3 days", 72 * H],
  ["1 d 12 h", 36 * H],
  ["45 s", 45_000],
  ["0", 0],
  ["0 min", 0],
  ["  24 H ", 24 * H],
] as const)("reads %p as %d ms", (text, ms) => {
  expect(parseHumanDuration(text)).toBe(ms);
});

test.each(["", "2", "abc", "2 weeks", "h", "1 h banana", "-1 h", "1 min 30"])("refuses %p", (text) => {
  expect(parseHumanDuration(text)).toBeNull();
});

test("formats as a person reads it, in each language", () => {
  expect(formatHumanDuration(2 * H, "fr")).toBe("2 h");
  expect(formatHumanDuration(30 * MIN, "fr")).toBe("30 min");
  expect(formatHumanDuration(90 * MIN, "fr")).toBe("1 h 30 min");
  expect(formatHumanDuration(48 * H, "fr")).toBe("2 j");
  expect(formatHumanDuration(48 * H, "en")).toBe("2 d");
  expect(formatHumanDuration(0, "fr")).toBe("0 min");
  expect(formatHumanDuration(45_000, "en")).toBe("45 s");
});

test("every formatted duration reads back to the same value", () => {
  for (const ms of [0, 45_000, MIN, 30 * MIN, 90 * MIN, 2 * H, 26 * H + 5 * MIN, 60 * 24 * H]) {
    for (const locale of ["fr", "en"] as const) expect(parseHumanDuration(formatHumanDuration(ms, locale))).toBe(ms);
  }
});
