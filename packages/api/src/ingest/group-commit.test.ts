import { expect, test } from "bun:test";
import { CommitDeadline, DeadlineExceededError, withCommitDeadline } from "@confirma/db";
import { GroupCommitWriter, KeyGate } from "./group-commit.ts";

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

test("a delivery waits while its key is in a running statement of any writer sharing the gate, and keeps its place among that key's deliveries", async () => {
  const chat = heldStore();
  const replies = heldStore();
  const gate = new KeyGate();
  const keysOf = (item: string) => [item.slice(0, 1)];
  const chatWriter = new GroupCommitWriter(chat.store, { maxInFlight: 2, keysOf, gate });
  const replyWriter = new GroupCommitWriter(replies.store, { maxInFlight: 2, keysOf, gate, oneItemPerKey: true });

  const first = chatWriter.write(["a1"]);
  // a is in a statement of the other writer: a2 waits, b1 goes at once.
  const a2 = replyWriter.write(["a2"]);
  const b1 = replyWriter.write(["b1"]);
  expect(chat.calls).toEqual([["a1"]]);
  expect(replies.calls).toEqual([["b1"]]);
  // Behind a waiting a, a later a waits too, even in another writer.
  const a3 = chatWriter.write(["a3"]);
  expect(chat.calls).toEqual([["a1"]]);

  await chat.releaseAll();
  expect(await first).toEqual(["A1"]);
  expect(replies.calls).toEqual([["b1"], ["a2"]]);
  expect(chat.calls).toEqual([["a1"]]);
  await replies.releaseAll();
  expect(await Promise.all([a2, b1])).toEqual([["A2"], ["B1"]]);
  await chat.releaseAll();
  expect(await a3).toEqual(["A3"]);
  expect(chat.calls).toEqual([["a1"], ["a3"]]);
});

test("with oneItemPerKey, a statement holds one delivery per key; the next one of the key goes in the statement after", async () => {
  const { calls, store, releaseAll } = heldStore();
  const writer = new GroupCommitWriter(store, { maxInFlight: 1, keysOf: (item: string) => [item.slice(0, 1)], oneItemPerKey: true });
  const written = [writer.write(["x0"]), writer.write(["a1"]), writer.write(["b1"]), writer.write(["a2"]), writer.write(["c1"]), writer.write(["a3"])];
  await releaseAll();
  expect(await Promise.all(written)).toEqual([["X0"], ["A1"], ["B1"], ["A2"], ["C1"], ["A3"]]);
  expect(calls).toEqual([["x0"], ["a1", "b1", "c1"], ["a2"], ["a3"]]);
});

test("without keys, writers do not wait for each other", async () => {
  const { calls, store, releaseAll } = heldStore();
  const writer = new GroupCommitWriter(store, { maxInFlight: 2 });
  const written = [writer.write(["a1"]), writer.write(["a1"]), writer.write(["a1"])];
  expect(calls).toEqual([["a1"], ["a1"]]);
  await releaseAll();
  expect(await Promise.all(written)).toEqual([["A1"], ["A1"], ["A1"]]);
});
