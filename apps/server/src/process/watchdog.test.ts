import { expect, test } from "bun:test";
import { join } from "node:path";

/** The watchdog ends a process whose event loop stays blocked, and leaves a merely busy one alone. */
const SCRIPT = join(import.meta.dir, "..", "testing", "blocked-loop.ts");

async function run(watchdogMs: number, blockMs: number) {
  const started = performance.now();
  const child = Bun.spawn(["bun", SCRIPT, String(watchdogMs), String(blockMs)], { stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const [code, stdout] = await Promise.all([child.exited, new Response(child.stdout).text()]);
  clearTimeout(timer);
  return { code, stdout, signal: child.signalCode, ms: performance.now() - started };
}

test("a loop blocked longer than the limit: one log line, then the process is killed (non-zero exit) soon after the limit", async () => {
  const result = await run(1_000, 20_000);
  expect(result.code).not.toBe(0);
  expect(result.signal).toBe("SIGKILL");
  expect(result.ms).toBeLessThan(10_000);
  const lines = result.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: "error", msg: "event loop blocked: ending the process so it can be restarted", limitMs: 1_000 });
  expect(lines[0].blockedMs).toBeGreaterThanOrEqual(1_000);
}, 40_000);

test("a loop busy for less than the limit is left alone", async () => {
  const result = await run(2_000, 600);
  expect(result.code).toBe(0);
  expect(result.stdout.trim()).toBe("unblocked");
}, 40_000);
