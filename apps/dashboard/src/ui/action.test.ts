import { expect, test } from "bun:test";
import { createAction, createRowAction } from "./action.ts";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

test("busy while the action runs, the result kept once it succeeds", async () => {
  const pending = deferred<number>();
  const action = createAction((n: number) => pending.promise.then((value) => value + n));
  expect(action.busy()).toBe(false);
  const running = action.run(1);
  expect(action.busy()).toBe(true);
  pending.resolve(41);
  expect(await running).toBe(42);
  expect(action.busy()).toBe(false);
  expect(action.result()).toBe(42);
  expect(action.error()).toBeUndefined();
});

test("a failure is captured (described when it happens), not thrown, and cleared by the next run", async () => {
  let fail = true;
  let field = "short";
  const action = createAction(
    async () => {
      if (fail) throw new Error("refused");
      return "ok";
    },
    { describe: (failure) => `${(failure as Error).message} (${field})` },
  );
  expect(await action.run()).toBeUndefined();
  expect(action.busy()).toBe(false);
  field = "edited";
  expect(action.error()).toBe("refused (short)");

  fail = false;
  const again = action.run();
  expect(action.error()).toBeUndefined();
  expect(await again).toBe("ok");
  expect(action.error()).toBeUndefined();
});

test("without describe the raw failure is kept", async () => {
  const failure = new Error("down");
  const action = createAction(() => Promise.reject(failure));
  await action.run();
  expect(action.error()).toBe(failure);
});

test("no double submit: a second run while busy does nothing", async () => {
  const pending = deferred<string>();
  let calls = 0;
  const action = createAction(() => {
    calls++;
    return pending.promise;
  });
  const first = action.run();
  expect(await action.run()).toBeUndefined();
  expect(calls).toBe(1);
  pending.resolve("done");
  expect(await first).toBe("done");
  await action.run();
  expect(calls).toBe(2);
});

test("a row action runs one row at a time, knows which, and reports success and failure", async () => {
  const pending = deferred<void>();
  const done: string[] = [];
  const failures: unknown[] = [];
  const action = createRowAction((id: string, fail: boolean) => (fail ? Promise.reject(new Error(id)) : pending.promise), {
    onDone: (id) => done.push(id),
    onError: (failure) => failures.push(failure),
  });
  expect(action.busyId()).toBeNull();
  const first = action.run("a", false);
  expect(action.busyId()).toBe("a");
  // Another row's click while one runs does nothing: no second request, the first row still busy.
  await action.run("b", false);
  expect(action.busyId()).toBe("a");
  pending.resolve();
  await first;
  expect(action.busyId()).toBeNull();
  expect(done).toEqual(["a"]);
  await action.run("c", true);
  expect(action.busyId()).toBeNull();
  expect(done).toEqual(["a"]);
  expect((failures[0] as Error).message).toBe("c");
});
