import { expect, test } from "bun:test";
import { CommitDeadline, DeadlineExceededError, withCommitDeadline } from "@confirma/db";
import { GroupCommitWriter } from "./group-commit.ts";

/** A store whose calls are recorded and finish when the test says. */
function heldStore({ failOn }: { failOn?: string } = {}) {
  const calls: string[][] = [];
  const held: (() => void)[] = [];
  const store = async (items: readonly string[]) => {
    calls.push([...items]);
    await new Promise<void>((resolve) => held.push(resolve));
    if (failOn !== undefined && items.includes(failOn)) throw new Error(`cannot store ${failOn}`);
    return items.map((item) => item.toUpperCase());
  };
  const releaseAll = async () => {
    while (held.length > 0) {
      held.splice(0).forEach((release) => release());
      await Bun.sleep(1);
    }
  };
  return { calls, store, releaseAll };
}

test("deliveries arriving while a statement runs go together in the next one, each answered with its own results", async () => {
  const { calls, store, releaseAll } = heldStore();
  const writer = new GroupCommitWriter(store, { maxInFlight: 1 });
  const first = writer.write(["a"]);
  const queued = [writer.write(["b", "c"]), writer.write(["d"]), writer.write(["e", "f"])];
  expect(calls).toEqual([["a"]]);
  await releaseAll();
  expect(await first).toEqual(["A"]);
  expect(await Promise.all(queued)).toEqual([["B", "C"], ["D"], ["E", "F"]]);
  expect(calls).toEqual([["a"], ["b", "c", "d", "e", "f"]]);
});

test("a statement holds at most maxBatch items, and maxInFlight statements run at once", async () => {
  const { calls, store, releaseAll } = heldStore();
  const writer = new GroupCommitWriter(store, { maxInFlight: 2, maxBatch: 3 });
  const written = [writer.write(["a"]), writer.write(["b"]), writer.write(["c", "d"]), writer.write(["e"]), writer.write(["f", "g", "h", "i"])];
  expect(calls).toEqual([["a"], ["b"]]);
  await releaseAll();
  expect(await Promise.all(written)).toEqual([["A"], ["B"], ["C", "D"], ["E"], ["F", "G", "H", "I"]]);
  // A delivery larger than the batch still goes, alone.
  expect(calls).toEqual([["a"], ["b"], ["c", "d", "e"], ["f", "g", "h", "i"]]);
});

test("a statement that fails is tried again delivery by delivery: only the bad delivery fails", async () => {
  const { calls, store, releaseAll } = heldStore({ failOn: "bad" });
  const writer = new GroupCommitWriter(store, { maxInFlight: 1 });
  const first = writer.write(["a"]);
  const good = writer.write(["b"]);
  const bad = writer.write(["bad"]);
  const alsoGood = writer.write(["c"]);
  const badOutcome = bad.catch((error: Error) => error.message);
  await releaseAll();
  expect(await first).toEqual(["A"]);
  expect(await good).toEqual(["B"]);
  expect(await badOutcome).toBe("cannot store bad");
  expect(await alsoGood).toEqual(["C"]);
  expect(calls).toEqual([["a"], ["b", "bad", "c"], ["b"], ["bad"], ["c"]]);
});

test("a delivery whose deadline passed while it waited is refused and never stored; one in a statement holds its deadline until it commits", async () => {
  const { calls, store, releaseAll } = heldStore();
  const writer = new GroupCommitWriter(store, { maxInFlight: 1 });
  const runningDeadline = new CommitDeadline();
  const running = withCommitDeadline(runningDeadline, () => writer.write(["a"]));
  const waitingDeadline = new CommitDeadline();
  const waiting = withCommitDeadline(waitingDeadline, () => writer.write(["late"]));
  const other = writer.write(["b"]);
  const refused = waiting.catch((error: unknown) => error);

  // The running statement is a commit under way: its deadline cannot expire any more.
  expect(runningDeadline.expire()).toBe(false);
  expect(waitingDeadline.expire()).toBe(true);
  await releaseAll();
  expect(await running).toEqual(["A"]);
  expect(runningDeadline.committing).toBe(false);
  expect(await refused).toBeInstanceOf(DeadlineExceededError);
  expect(await other).toEqual(["B"]);
  expect(calls).toEqual([["a"], ["b"]]);
});
