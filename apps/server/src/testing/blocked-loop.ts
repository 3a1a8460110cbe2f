import { startWatchdog } from "../process/watchdog.ts";

/**
 * A process that blocks its own event loop, for the watchdog's test:
 * `bun blocked-loop.ts <watchdog ms> <block ms>`. Prints `unblocked` and exits 0 if it survives.
 */
const [watchdogMs, blockMs] = process.argv.slice(2).map(Number) as [number, number];
startWatchdog({ timeoutMs: watchdogMs });
await Bun.sleep(300);
const until = performance.now() + blockMs;
while (performance.now() < until) {
  // A busy loop, as the embedded database's on a full disk.
}
await Bun.sleep(200);
console.log("unblocked");
