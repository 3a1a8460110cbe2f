import { afterAll, beforeAll, beforeEach, expect, test } from "bun:test";
import { jobs, type Database, type Job } from "@confirma/db";
import { openTestDatabase } from "@confirma/db/testing";
import { eq } from "drizzle-orm";
import { enqueueJob } from "./job-queue.ts";
import { JobRunner, retryDelayMs, type JobAttempt, type JobHandler } from "./job-runner.ts";

let handle: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
});
afterAll(async () => handle.close());
beforeEach(async () => {
  await db.delete(jobs);
});

const START = Date.parse("2025-03-01T10:00:00Z");
const SECOND = 1_000;

/** A clock the test moves by hand, so "due" and "lease expired" are decided by the test alone. */
function manualClock(at = START) {
  let now = at;
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    at: () => now,
  };
}

async function schedule(key: string, runAt: number): Promise<void> {
  expect(await enqueueJob(db, { kind: "send_message", dedupeKey: key, runAt: new Date(runAt) })).toBe(true);
}

async function row(key: string): Promise<Job> {
  const [job] = await db.select().from(jobs).where(eq(jobs.dedupeKey, key));
  if (!job) throw new Error(`no job ${key}`);
  return job;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("due jobs run once, in due order; a job not yet due waits for its time", async () => {
  const clock = manualClock();
  const ran: string[] = [];
  const runner = new JobRunner({
    db,
    now: clock.now,
    handlers: {
      send_message: async (job) => {
        ran.push(job.dedupeKey);
        return { status: "done" };
      },
    },
  });
  await schedule("later", START + 60 * SECOND);
  await schedule("second", START - SECOND);
  await schedule("first", START - 2 * SECOND);

  expect(await runner.runDue()).toBe(2);
  expect(ran).toEqual(["first", "second"]);
  expect(await runner.runDue()).toBe(0);
  expect(ran).toEqual(["first", "second"]);
  expect((await row("first")).status).toBe("done");
  expect((await row("first")).attempts).toBe(1);
  expect((await row("later")).status).toBe("pending");

  clock.advance(60 * SECOND);
  expect(await runner.runDue()).toBe(1);
  expect(ran).toEqual(["first", "second", "later"]);
  expect((await row("later")).lockedUntil).toBeNull();
});

test("two runners on one database share the due jobs: each runs exactly once", async () => {
  const clock = manualClock();
  const runs = new Map<string, string[]>();
  const handlerFor =
    (name: string): JobHandler =>
    async (job) => {
      runs.set(job.dedupeKey, [...(runs.get(job.dedupeKey) ?? []), name]);
      // Holding the job lets the other runner claim while this one works.
      await sleep(5);
      return { status: "done" };
    };
  const keys = Array.from({ length: 20 }, (_, index) => `shared-${index}`);
  for (const key of keys) await schedule(key, START - SECOND);
  const one = new JobRunner({ db, now: clock.now, handlers: { send_message: handlerFor("one") } });
  const two = new JobRunner({ db, now: clock.now, handlers: { send_message: handlerFor("two") } });

  const [ranByOne, ranByTwo] = await Promise.all([one.runDue(), two.runDue()]);

  expect(ranByOne + ranByTwo).toBe(keys.length);
  expect(ranByOne).toBeGreaterThan(0);
  expect(ranByTwo).toBeGreaterThan(0);
  expect([...runs.keys()].sort()).toEqual([...keys].sort());
  for (const runners of runs.values()) expect(runners).toHaveLength(1);
  for (const key of keys) expect((await row(key)).attempts).toBe(1);
});

test("a retry is scheduled with a growing backoff, and the last allowed attempt is told it is final", async () => {
  const clock = manualClock();
  const attempts: JobAttempt[] = [];
  const runner = new JobRunner({
    db,
    now: clock.now,
    maxAttempts: 3,
    handlers: {
      send_message: async (_job, attempt) => {
        attempts.push(attempt);
        return { status: "retry", error: `provider busy ${attempts.length}` };
      },
    },
  });
  await schedule("flaky", START);

  expect(await runner.runDue()).toBe(1);
  let job = await row("flaky");
  expect(job).toMatchObject({ status: "pending", attempts: 1, lastError: "provider busy 1", lockedUntil: null });
  // 30 s, ± 20 % jitter.
  expect(job.runAt.getTime() - clock.at()).toBeGreaterThanOrEqual(24 * SECOND);
  expect(job.runAt.getTime() - clock.at()).toBeLessThanOrEqual(36 * SECOND);
  expect(await runner.runDue()).toBe(0);

  clock.advance(36 * SECOND);
  expect(await runner.runDue()).toBe(1);
  job = await row("flaky");
  expect(job).toMatchObject({ status: "pending", attempts: 2, lastError: "provider busy 2" });
  // 1 min, ± 20 %.
  expect(job.runAt.getTime() - clock.at()).toBeGreaterThanOrEqual(48 * SECOND);
  expect(job.runAt.getTime() - clock.at()).toBeLessThanOrEqual(72 * SECOND);

  clock.advance(72 * SECOND);
  expect(await runner.runDue()).toBe(1);
  expect(await row("flaky")).toMatchObject({ status: "failed", attempts: 3, lastError: "provider busy 3", lockedUntil: null });
  expect(attempts).toEqual([{ final: false }, { final: false }, { final: true }]);

  clock.advance(60 * 60 * SECOND);
  expect(await runner.runDue()).toBe(0);
  expect(attempts).toHaveLength(3);
});

test("the backoff doubles from 30 s and stops growing at 30 min", () => {
  for (const [attempts, base] of [
    [1, 30 * SECOND],
    [2, 60 * SECOND],
    [3, 120 * SECOND],
    [7, 30 * 60 * SECOND],
    [20, 30 * 60 * SECOND],
  ] as const) {
    const delay = retryDelayMs(attempts);
    expect(delay).toBeGreaterThanOrEqual(base * 0.8);
    expect(delay).toBeLessThanOrEqual(base * 1.2);
  }
});

test("a handler that throws is retried; one that fails is not; a kind without a handler fails", async () => {
  const clock = manualClock();
  const errors: unknown[] = [];
  const runner = new JobRunner({
    db,
    now: clock.now,
    onError: (error) => errors.push(error),
    handlers: {
      send_message: async (job) => {
        if (job.dedupeKey === "throws") throw new Error("socket closed");
        return { status: "failed", error: "number not on WhatsApp" };
      },
    },
  });
  await schedule("throws", START);
  await schedule("refused", START);
  expect(await enqueueJob(db, { kind: "auto_cancel", dedupeKey: "unhandled", runAt: new Date(START) })).toBe(true);

  expect(await runner.runDue()).toBe(3);
  expect(await row("throws")).toMatchObject({ status: "pending", attempts: 1, lastError: "socket closed" });
  expect(await row("refused")).toMatchObject({ status: "failed", attempts: 1, lastError: "number not on WhatsApp" });
  expect(await row("unhandled")).toMatchObject({ status: "failed", lastError: "no handler for auto_cancel" });
  expect(errors.map((error) => (error as Error).message)).toEqual(["socket closed"]);
});

test("a postponed job runs again at the time it asked for, without spending an attempt", async () => {
  const clock = manualClock();
  const finals: boolean[] = [];
  let postponed = false;
  const runner = new JobRunner({
    db,
    now: clock.now,
    maxAttempts: 1,
    handlers: {
      send_message: async (_job, { final }) => {
        finals.push(final);
        if (postponed) return { status: "done" };
        postponed = true;
        return { status: "postpone", runAt: new Date(START + 8 * 60 * 60 * SECOND) };
      },
    },
  });
  await schedule("quiet-hours", START);

  expect(await runner.runDue()).toBe(1);
  expect(await row("quiet-hours")).toMatchObject({ status: "pending", attempts: 0, runAt: new Date(START + 8 * 60 * 60 * SECOND) });
  clock.advance(8 * 60 * 60 * SECOND);
  expect(await runner.runDue()).toBe(1);
  expect(await row("quiet-hours")).toMatchObject({ status: "done", attempts: 1 });
  expect(finals).toEqual([true, true]);
});

test("a job whose lease ran out goes to the interrupted handler; the late runner cannot overwrite its verdict", async () => {
  const clock = manualClock();
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started: () => void = () => {};
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  const stuck = new JobRunner({
    db,
    now: clock.now,
    leaseMs: 60 * SECOND,
    handlers: {
      send_message: async () => {
        started();
        await held;
        return { status: "done" };
      },
    },
  });
  const interrupted: Job[] = [];
  const rescuer = new JobRunner({
    db,
    now: clock.now,
    leaseMs: 60 * SECOND,
    handlers: { send_message: async () => ({ status: "done" }) },
    onInterrupted: async (job) => {
      interrupted.push(job);
      return job.dedupeKey === "send-once" ? "failed" : "retry";
    },
  });
  await schedule("send-once", START);
  const stuckRun = stuck.runDue();
  await running;
  expect(await row("send-once")).toMatchObject({ status: "running", attempts: 1, lockedUntil: new Date(START + 60 * SECOND) });

  // Within the lease nobody touches it.
  clock.advance(59 * SECOND);
  expect(await rescuer.runDue()).toBe(0);
  expect(interrupted).toHaveLength(0);

  clock.advance(2 * SECOND);
  expect(await rescuer.runDue()).toBe(0);
  expect(interrupted.map((job) => job.dedupeKey)).toEqual(["send-once"]);
  expect(await row("send-once")).toMatchObject({
    status: "failed",
    lastError: "interrupted while sending; not sent again to avoid a duplicate",
    lockedUntil: null,
  });

  // The runner that held it wakes up: its "done" does not undo the verdict.
  release();
  expect(await stuckRun).toBe(1);
  expect((await row("send-once")).status).toBe("failed");
});

test("an interrupted job the handler says to retry is scheduled again and runs", async () => {
  const clock = manualClock();
  const ran: JobAttempt[] = [];
  const runner = new JobRunner({
    db,
    now: clock.now,
    leaseMs: 60 * SECOND,
    maxAttempts: 2,
    handlers: {
      send_message: async (_job, attempt) => {
        ran.push(attempt);
        return { status: "done" };
      },
    },
    onInterrupted: async () => "retry",
  });
  // What a runner that died mid-job leaves behind: running, one attempt spent, its lease over.
  await schedule("safe-to-repeat", START);
  await db
    .update(jobs)
    .set({ status: "running", attempts: 1, lockedUntil: new Date(START - SECOND) })
    .where(eq(jobs.dedupeKey, "safe-to-repeat"));

  expect(await runner.runDue()).toBe(0);
  const job = await row("safe-to-repeat");
  expect(job).toMatchObject({ status: "pending", attempts: 1, lastError: "interrupted", lockedUntil: null });
  expect(job.runAt.getTime()).toBeGreaterThan(START);

  clock.advance(36 * SECOND);
  expect(await runner.runDue()).toBe(1);
  expect(ran).toEqual([{ final: true }]);
  expect(await row("safe-to-repeat")).toMatchObject({ status: "done", attempts: 2 });
});

test("a dedupe key schedules its job once, ever; a job scheduled in a rolled-back change does not exist", async () => {
  expect(await enqueueJob(db, { kind: "reminder", dedupeKey: "order-1:0:1", runAt: new Date(START) })).toBe(true);
  expect(await enqueueJob(db, { kind: "reminder", dedupeKey: "order-1:0:1", runAt: new Date(START + SECOND) })).toBe(false);
  const runner = new JobRunner({ db, now: () => new Date(START), handlers: { reminder: async () => ({ status: "done" }) } });
  expect(await runner.runDue()).toBe(1);
  expect(await enqueueJob(db, { kind: "reminder", dedupeKey: "order-1:0:1", runAt: new Date(START) })).toBe(false);
  expect(await db.select().from(jobs).where(eq(jobs.dedupeKey, "order-1:0:1"))).toHaveLength(1);

  await db
    .transaction(async (tx) => {
      expect(await enqueueJob(tx, { kind: "reminder", dedupeKey: "rolled-back", runAt: new Date(START) })).toBe(true);
      throw new Error("the change failed");
    })
    .catch(() => {});
  expect(await db.select().from(jobs).where(eq(jobs.dedupeKey, "rolled-back"))).toHaveLength(0);
});

test("a started runner runs a job as soon as it is scheduled, without waiting for its poll", async () => {
  const done = Promise.withResolvers<string>();
  const runner = new JobRunner({
    db,
    listen: handle.listen,
    pollMs: 60 * 60 * SECOND,
    handlers: {
      send_message: async (job) => {
        done.resolve(job.dedupeKey);
        return { status: "done" };
      },
    },
  });
  await runner.start();
  try {
    // The first pass found nothing; the runner now sleeps for an hour unless woken.
    await sleep(50);
    await schedule("wake-up", Date.now() - SECOND);
    expect(await Promise.race([done.promise, sleep(5 * SECOND).then(() => "still asleep")])).toBe("wake-up");
  } finally {
    await runner.stop();
  }
});
