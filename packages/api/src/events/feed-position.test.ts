import { expect, test } from "bun:test";
import { before, covers, formatPosition, MAX_POSITION_IN_FLIGHT, parsePosition, union } from "./feed-position.ts";

const at = (text: string) => parsePosition(text)!;
const covered = (text: string, upTo = 20) => Array.from({ length: upTo }, (_, txid) => txid).filter((txid) => covers(at(text), BigInt(txid)));

test.each([
  ["10:10:", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ["5:12:5,8", [0, 1, 2, 3, 4, 6, 7, 9, 10, 11]],
  // xmin is implied by the open list: an earlier one changes nothing.
  ["3:12:5,8", [0, 1, 2, 3, 4, 6, 7, 9, 10, 11]],
])("%s covers %p", (text, txids) => {
  expect(covered(text)).toEqual(txids);
});

test.each(["", "10", "1:2:3", "12:10:", "5:12:4", "a:b:", "1:2:,", `1:${"9".repeat(21)}:`])("%p is not a position", (text) => {
  expect(parsePosition(text)).toBeNull();
});

test.each([
  // Later snapshots cover more: the union is the later one.
  ["5:12:5,8", "8:15:8,13", "8:15:8,13"],
  // A transaction open in one and finished in the other is covered.
  ["5:12:5,8", "5:10:5", "5:12:5"],
  ["5:12:5,8", "8:12:8", "8:12:8"],
  ["5:12:5,8", "10:14:10,12", "12:14:12"],
  ["3:3:", "5:12:5,8", "5:12:5,8"],
])("union(%s, %s) = %s", (a, b, expected) => {
  expect(formatPosition(union(at(a), at(b)))).toBe(expected);
  expect(formatPosition(union(at(b), at(a)))).toBe(expected);
  const both = covered(a).concat(covered(b));
  expect(covered(expected)).toEqual([...new Set(both)].sort((x, y) => x - y));
});

test.each([
  ["5:12:5,8", 8n, "5:8:5"],
  ["5:12:5,8", 5n, "5:5:"],
  ["5:12:5,8", 3n, "3:3:"],
  ["5:12:5,8", 20n, "5:12:5,8"],
])("before(%s, %p) = %s", (text, bound, expected) => {
  expect(formatPosition(before(at(text), bound))).toBe(expected);
});

test("a long open list is cut short without covering more", () => {
  const open = Array.from({ length: MAX_POSITION_IN_FLIGHT + 10 }, (_, index) => 100 + index * 2);
  const position = at(`100:1000:${open.join(",")}`);
  const short = at(formatPosition(position));
  expect(short.inFlight.length).toBe(MAX_POSITION_IN_FLIGHT);
  for (let txid = 0n; txid < 1100n; txid++) if (covers(short, txid)) expect(covers(position, txid)).toBe(true);
});
