import { expect, test } from "bun:test";
import { isStoreCancellation } from "./store-cancellation.ts";

const at = (time: string) => new Date(`2026-11-29T${time}Z`);

test.each([
  ["not cancelled in the store", false, "11:00:00", null, null, false],
  ["Confirma never set the store's state", true, "11:00:00", null, null, true],
  ["Confirma cancelled it there: its echo", true, "11:01:00", true, "11:01:00", false],
  ["Confirma cancelled it there: a later version still carries Confirma's cancellation", true, "12:00:00", true, "11:01:00", false],
  ["Confirma reopened it there: the late echo of the earlier cancellation", true, "11:01:00", false, "11:02:00", false],
  ["Confirma reopened it there in the same second as the cancellation's echo", true, "11:02:00", false, "11:02:00", false],
  ["Confirma reopened it there: cancelled in the store afterwards", true, "11:03:00", false, "11:02:00", true],
  ["Confirma reopened it there: an update without a time", true, null, false, "11:02:00", true],
] as const)("%s", (_case, cancelled, updatedAt, writtenCancelled, writtenAt, expected) => {
  const update = { cancelled, updatedAt: updatedAt === null ? null : at(updatedAt) };
  const written = { storeWrittenCancelled: writtenCancelled, storeWrittenAt: writtenAt === null ? null : at(writtenAt) };
  expect(isStoreCancellation(update, written)).toBe(expected);
});
