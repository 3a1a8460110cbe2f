import { expect, test } from "bun:test";
import { LoginThrottle, type LoginAttempt } from "./login-throttle.ts";

function throttleAt(start = 1_000_000) {
  let now = start;
  const throttle = new LoginThrottle({ now: () => now });
  return { throttle, advance: (ms: number) => void (now += ms) };
}

function attempt(throttle: LoginThrottle, email: string, ip: string): LoginAttempt | number {
  const reserved = throttle.begin(email, ip);
  return "attempt" in reserved ? reserved.attempt : reserved.retryAfterSeconds;
}

test("a try counts from the moment it begins: unfinished tries use up the free ones", () => {
  const { throttle } = throttleAt();
  const open = Array.from({ length: 5 }, () => attempt(throttle, "a@example.com", "10.0.0.1"));
  expect(open.every((entry) => typeof entry === "object")).toBe(true);
  expect(attempt(throttle, "A@example.com", "10.0.0.2")).toBe(1);
});

test("after the free failures each try waits twice as long as the one before", () => {
  const { throttle, advance } = throttleAt();
  for (let index = 0; index < 5; index++) attempt(throttle, "a@example.com", "10.0.0.1");
  expect(attempt(throttle, "a@example.com", "10.0.0.1")).toBe(1);
  advance(1_000);
  expect(typeof attempt(throttle, "a@example.com", "10.0.0.1")).toBe("object");
  expect(attempt(throttle, "a@example.com", "10.0.0.1")).toBe(2);
});

test("one address gets four times an email's free tries, across emails", () => {
  const { throttle } = throttleAt();
  for (let index = 0; index < 20; index++) expect(typeof attempt(throttle, `user${index}@example.com`, "10.0.0.1")).toBe("object");
  expect(attempt(throttle, "someone-else@example.com", "10.0.0.1")).toBe(1);
  expect(typeof attempt(throttle, "someone-else@example.com", "10.0.0.9")).toBe("object");
});

test("a success forgets the email's failures and does not count against the address; a cancelled try counts nowhere", () => {
  const { throttle } = throttleAt();
  for (let index = 0; index < 4; index++) attempt(throttle, "a@example.com", "10.0.0.1");
  (attempt(throttle, "a@example.com", "10.0.0.1") as LoginAttempt).succeeded();
  for (let index = 0; index < 5; index++) expect(typeof attempt(throttle, "a@example.com", "10.0.0.1")).toBe("object");
  expect(attempt(throttle, "a@example.com", "10.0.0.1")).toBe(1);

  const other = throttleAt().throttle;
  for (let index = 0; index < 30; index++) (attempt(other, "b@example.com", "10.0.0.1") as LoginAttempt).cancelled();
  expect(typeof attempt(other, "b@example.com", "10.0.0.1")).toBe("object");
});

test("past the key cap the longest-untouched keys are forgotten, not the ones under attack", () => {
  const { throttle, advance } = throttleAt();
  for (let index = 0; index < 5; index++) attempt(throttle, "target@example.com", "10.0.0.1");
  // Many addresses each trying one new email: far more keys than are kept.
  for (let index = 0; index < 30_000; index++) {
    attempt(throttle, `filler${index}@example.com`, `10.1.${index >> 8}.${index & 255}`);
    if (index % 5_000 === 0) {
      advance(1);
      attempt(throttle, "target@example.com", "10.0.0.1");
    }
  }
  expect(typeof attempt(throttle, "target@example.com", "10.0.0.2")).toBe("number");
});
