import { Worker } from "node:worker_threads";
import { embeddedPath, STANDALONE } from "@confirma/db";

/** The worker's own file; inside the one-file executable it is an entry point of its own (scripts/build-binary.ts). */
const WORKER = STANDALONE ? embeddedPath("process/watchdog-worker.ts") : new URL("./watchdog-worker.ts", import.meta.url);

export interface WatchdogOptions {
  /** How long the event loop may stay blocked before the process is ended. */
  timeoutMs: number;
  /** How often the loop proves it is alive. */
  beatMs?: number;
}

/**
 * Ends the process when its event loop stays blocked for `timeoutMs` (the embedded database
 * can spin forever on a full disk: no request, timer or signal handler runs again). A blocked
 * loop cannot time itself, so a worker thread watches a counter the loop bumps every `beatMs`;
 * when it stops moving, the worker logs one line and kills the process (SIGKILL, exit status
 * 137) so its supervisor starts it again. Returns a function that stops watching.
 */
export function startWatchdog({ timeoutMs, beatMs = 250 }: WatchdogOptions): () => void {
  const beats = new Int32Array(new SharedArrayBuffer(4));
  const beat = setInterval(() => Atomics.add(beats, 0, 1), beatMs);
  beat.unref();
  const worker = new Worker(WORKER, { workerData: { beats, timeoutMs } });
  worker.unref();
  return () => {
    clearInterval(beat);
    void worker.terminate();
  };
}
