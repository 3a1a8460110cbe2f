import { writeSync } from "node:fs";
import { workerData } from "node:worker_threads";

/** The watchdog's thread (see `startWatchdog`): kills the process when the beat counter stops. */
const { beats, timeoutMs } = workerData as { beats: Int32Array; timeoutMs: number };
let last = Atomics.load(beats, 0);
let lastMovedAt = performance.now();
setInterval(
  () => {
    const now = performance.now();
    const current = Atomics.load(beats, 0);
    if (current !== last) {
      last = current;
      lastMovedAt = now;
      return;
    }
    if (now - lastMovedAt < timeoutMs) return;
    // The main thread cannot log: write the line ourselves, in the logger's format.
    const line = {
      time: new Date().toISOString(),
      level: "error",
      msg: "event loop blocked: ending the process so it can be restarted",
      blockedMs: Math.round(now - lastMovedAt),
      limitMs: timeoutMs,
    };
    writeSync(1, `${JSON.stringify(line)}\n`);
    process.kill(process.pid, "SIGKILL");
  },
  Math.min(1_000, Math.max(50, timeoutMs / 4)),
);
