import { expect, test } from "bun:test";
import { isTyping, moveCard, queueActionFor, shortcutOf } from "./queue-keys.ts";

const on = (tagName: string, type?: string) => ({ tagName, ...(type ? { type } : {}) });

test.each([
  [{ key: "j", target: on("LI") }, "next"],
  [{ key: "k", target: on("BUTTON") }, "previous"],
  [{ key: "t", target: null }, "take"],
  [{ key: "c", target: on("A") }, "confirm"],
  [{ key: "x", target: on("DIV") }, "cancel"],
  [{ key: "n", target: on("DIV") }, "noAnswer"],
  [{ key: "r", target: on("DIV") }, "reply"],
  [{ key: "?", target: on("DIV") }, "help"],
  [{ key: "j", target: on("TEXTAREA") }, null],
  [{ key: "j", target: on("INPUT", "text") }, null],
  [{ key: "c", target: on("INPUT", "radio") }, "confirm"],
  [{ key: "c", target: on("SELECT") }, null],
  [{ key: "c", target: { tagName: "DIV", isContentEditable: true } }, null],
  [{ key: "c", ctrlKey: true, target: on("DIV") }, null],
  [{ key: "c", metaKey: true, target: on("DIV") }, null],
  [{ key: "J", target: on("DIV") }, null],
  [{ key: "Enter", target: on("DIV") }, null],
] as const)("%p → %p", (press, expected) => {
  expect(queueActionFor(press)).toBe(expected);
});

test("typing targets", () => {
  expect(isTyping(on("INPUT"))).toBe(true);
  expect(isTyping(on("INPUT", "checkbox"))).toBe(false);
  expect(isTyping(null)).toBe(false);
});

test("moving stays at the ends", () => {
  expect(moveCard(-1, 1, 3)).toBe(0);
  expect(moveCard(-1, -1, 3)).toBe(2);
  expect(moveCard(2, 1, 3)).toBe(2);
  expect(moveCard(0, -1, 3)).toBe(0);
  expect(moveCard(1, 1, 3)).toBe(2);
  expect(moveCard(0, 1, 0)).toBe(-1);
});

test("card letters", () => {
  expect(shortcutOf("confirm")).toBe("c");
  expect(shortcutOf("next")).toBeNull();
  expect(shortcutOf("help")).toBeNull();
});
