import { expect, test } from "bun:test";
import { nextSendTime } from "./quiet-hours.ts";

const paris = "Europe/Paris";
const quiet = { start: "21:00", end: "09:00" };

test.each([
  // [UTC instant, expected UTC instant] — Paris is UTC+1 in late November.
  ["2026-11-25T12:00:00Z", "2026-11-25T12:00:00Z"], // 13:00 local: send now
  ["2026-11-25T19:59:00Z", "2026-11-25T19:59:00Z"], // 20:59 local
  ["2026-11-25T20:00:00Z", "2026-11-26T08:00:00Z"], // 21:00 local: wait for 09:00
  ["2026-11-25T23:30:00Z", "2026-11-26T08:00:00Z"], // 00:30 local
  ["2026-11-26T07:59:00Z", "2026-11-26T08:00:00Z"], // 08:59 local
  ["2026-11-26T08:00:00Z", "2026-11-26T08:00:00Z"], // 09:00 local: allowed
])("%s → %s", (at, expected) => {
  expect(nextSendTime(new Date(at), quiet, paris).toISOString()).toBe(new Date(expected).toISOString());
});

test("a window inside one day", () => {
  const lunch = { start: "12:00", end: "14:00" };
  expect(nextSendTime(new Date("2026-11-25T11:30:00Z"), lunch, paris).toISOString()).toBe("2026-11-25T13:00:00.000Z");
});

test("across the spring daylight-saving change the wait ends at 09:00 local time", () => {
  // 29 March 2026: Paris moves from UTC+1 to UTC+2 at 02:00.
  expect(nextSendTime(new Date("2026-03-28T22:00:00Z"), quiet, paris).toISOString()).toBe("2026-03-29T07:00:00.000Z");
});

test("across the autumn change too", () => {
  // 25 October 2026: Paris moves from UTC+2 to UTC+1 at 03:00.
  expect(nextSendTime(new Date("2026-10-24T21:00:00Z"), quiet, paris).toISOString()).toBe("2026-10-25T08:00:00.000Z");
});

test("no quiet hours, or an empty window, never delays", () => {
  const at = new Date("2026-11-25T23:00:00Z");
  expect(nextSendTime(at, null, paris)).toBe(at);
  expect(nextSendTime(at, { start: "10:00", end: "10:00" }, paris)).toBe(at);
});
