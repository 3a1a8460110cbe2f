import { expect, test } from "bun:test";
import {
  agentName,
  callBackPresets,
  checkOutcome,
  claimConflictHolder,
  claimState,
  focusAfterOutcome,
  localInputToIso,
  telHref,
  toLocalInputValue,
  whatsAppHref,
} from "./call-logic.ts";

test("one-tap links: tel keeps the plus, wa.me wants digits only", () => {
  expect(telHref("+33612345678")).toBe("tel:+33612345678");
  expect(telHref("+33 6 12 34 56 78")).toBe("tel:+33612345678");
  expect(whatsAppHref("+33 6 12-34-56-78")).toBe("https://wa.me/33612345678");
  expect(whatsAppHref("+212 612 345 678")).toBe("https://wa.me/212612345678");
  expect(telHref("")).toBeNull();
  expect(whatsAppHref("—")).toBeNull();
});

test("a claim belongs to me, to another agent, or has run out", () => {
  const now = Date.parse("2025-11-25T10:00:00Z");
  const amina = { id: "u1", name: "Amina", email: "amina@example.com" };
  expect(claimState({ claimedBy: null, claimedUntil: null }, "u1", now)).toBe("free");
  expect(claimState({ claimedBy: amina, claimedUntil: "2025-11-25T10:10:00Z" }, "u1", now)).toBe("mine");
  expect(claimState({ claimedBy: amina, claimedUntil: "2025-11-25T10:10:00Z" }, "u2", now)).toBe("other");
  expect(claimState({ claimedBy: amina, claimedUntil: "2025-11-25T09:59:59Z" }, "u2", now)).toBe("free");
  expect(agentName(amina)).toBe("Amina");
  expect(agentName({ name: null, email: "k@example.com" })).toBe("k@example.com");
});

test("the agent holding a claim is read from the conflict's details", () => {
  const conflict = (claimedBy: unknown, errorCode = "conflict") =>
    Object.assign(new Error("… is already working on this order"), { data: { errorCode, details: { claimedBy, claimedUntil: "2025-11-25T10:10:00Z" } } });
  expect(claimConflictHolder(conflict({ id: "u1", name: "Amina", email: "amina@example.com" }))).toBe("Amina");
  expect(claimConflictHolder(conflict({ id: "u1", name: null, email: "k@example.com" }))).toBe("k@example.com");
  expect(claimConflictHolder(conflict({ id: "u1", name: null, email: null }))).toBeNull();
  expect(claimConflictHolder(conflict({ id: "u1", name: "Amina" }, "not_found"))).toBeNull();
  expect(claimConflictHolder(Object.assign(new Error("Amina is already working on this order"), { data: { errorCode: "conflict" } }))).toBeNull();
});

test("datetime-local values are local time and become ISO instants", () => {
  const date = new Date(2025, 10, 25, 16, 5);
  expect(toLocalInputValue(date)).toBe("2025-11-25T16:05");
  expect(localInputToIso("2025-11-25T16:05")).toBe(date.toISOString());
  expect(localInputToIso("")).toBeNull();
  expect(localInputToIso("25/11/2025 16:05")).toBeNull();
});

test("call-back presets: in 1 h and 2 h rounded up to 5 minutes, tomorrow at 10:00", () => {
  const now = new Date(2025, 10, 25, 16, 2);
  const [in1h, in2h, tomorrow] = callBackPresets(now);
  expect(toLocalInputValue(in1h!.at)).toBe("2025-11-25T17:05");
  expect(toLocalInputValue(in2h!.at)).toBe("2025-11-25T18:05");
  expect(toLocalInputValue(tomorrow!.at)).toBe("2025-11-26T10:00");
});

test("the outcome form: an outcome is required, a call back needs a future time, the note is optional", () => {
  const now = new Date(2025, 10, 25, 16, 0).getTime();
  expect(checkOutcome({ outcome: null, callBackAt: "", note: "" }, now)).toEqual({ ok: false, field: "outcome", error: "outcomeRequired" });
  expect(checkOutcome({ outcome: "confirmed", callBackAt: "", note: "  " }, now)).toEqual({ ok: true, input: { outcome: "confirmed" } });
  expect(checkOutcome({ outcome: "wrong_number", callBackAt: "", note: " plus attribué " }, now)).toEqual({
    ok: true,
    input: { outcome: "wrong_number", note: "plus attribué" },
  });
  expect(checkOutcome({ outcome: "call_back", callBackAt: "", note: "" }, now)).toEqual({ ok: false, field: "callBackAt", error: "callBackRequired" });
  expect(checkOutcome({ outcome: "call_back", callBackAt: "2025-11-25T15:00", note: "" }, now)).toEqual({
    ok: false,
    field: "callBackAt",
    error: "callBackPast",
  });
  expect(checkOutcome({ outcome: "call_back", callBackAt: "2025-11-25T18:00", note: "après le travail" }, now)).toEqual({
    ok: true,
    input: { outcome: "call_back", callBackAt: new Date(2025, 10, 25, 18, 0).toISOString(), note: "après le travail" },
  });
});

test.each([
  // The list after the outcome, the card recorded and where it stood → where focus goes.
  [
    "not refreshed yet: wait",
    [
      { id: "a", state: "free" },
      { id: "b", state: "mine" },
    ],
    { id: "b", index: 1 },
    { kind: "wait" },
  ],
  [
    "the card stays (no answer, moved to the end): the next one, wrapping round",
    [
      { id: "a", state: "free" },
      { id: "b", state: "free" },
    ],
    { id: "b", index: 1 },
    { kind: "card", id: "a" },
  ],
  [
    "the card stays where it was: the one after it",
    [
      { id: "b", state: "free" },
      { id: "c", state: "free" },
    ],
    { id: "b", index: 0 },
    { kind: "card", id: "c" },
  ],
  [
    "the card left: the one that took its place",
    [
      { id: "a", state: "free" },
      { id: "c", state: "free" },
    ],
    { id: "b", index: 1 },
    { kind: "card", id: "c" },
  ],
  [
    "orders another agent holds are skipped",
    [
      { id: "a", state: "free" },
      { id: "c", state: "other" },
    ],
    { id: "b", index: 1 },
    { kind: "card", id: "a" },
  ],
  ["only held orders left: the first of them", [{ id: "c", state: "other" }], { id: "b", index: 0 }, { kind: "card", id: "c" }],
  ["only the recorded card left: itself", [{ id: "b", state: "free" }], { id: "b", index: 0 }, { kind: "card", id: "b" }],
  ["the last card left: the one before", [{ id: "a", state: "free" }], { id: "b", index: 1 }, { kind: "card", id: "a" }],
  ["the only card left: the page heading", [], { id: "b", index: 0 }, { kind: "heading" }],
] as const)("focus after an outcome: %s", (_, items, recorded, expected) => {
  expect(focusAfterOutcome(items, recorded)).toEqual(expected);
});
