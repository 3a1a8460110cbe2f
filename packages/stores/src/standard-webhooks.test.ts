import { expect, test } from "bun:test";
import { newWebhookSecret, signWebhook, verifyWebhook } from "./standard-webhooks.ts";

// The specification's own test vector (standard-webhooks/standard-webhooks, libraries' tests).
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TIMESTAMP = 1614265330;
const BODY = '{"test": 2432232314}';
const SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

function headers(signature: string, timestamp = TIMESTAMP) {
  return new Headers({ "webhook-id": ID, "webhook-timestamp": String(timestamp), "webhook-signature": signature });
}

test("signs the specification's test vector", () => {
  expect(signWebhook(SECRET, ID, TIMESTAMP, BODY)).toBe(SIGNATURE);
});

test("verifies the test vector on its raw bytes, and refuses one changed byte", () => {
  const body = new TextEncoder().encode(BODY);
  expect(verifyWebhook(SECRET, headers(SIGNATURE), body, TIMESTAMP)).toEqual({ ok: true, id: ID, timestamp: TIMESTAMP });
  const changed = body.slice();
  changed[3] = changed[3]! ^ 1;
  expect(verifyWebhook(SECRET, headers(SIGNATURE), changed, TIMESTAMP)).toEqual({ ok: false, reason: "mismatch" });
});

test("accepts one valid signature among several, refuses stale timestamps and missing headers", () => {
  const body = new TextEncoder().encode(BODY);
  expect(verifyWebhook(SECRET, headers(`v1,bm9wZQ== v2,abc ${SIGNATURE}`), body, TIMESTAMP).ok).toBe(true);
  expect(verifyWebhook(SECRET, headers(SIGNATURE), body, TIMESTAMP + 301)).toEqual({ ok: false, reason: "stale" });
  expect(verifyWebhook(SECRET, new Headers(), body, TIMESTAMP)).toEqual({ ok: false, reason: "missing" });
});

test("a new secret round-trips", () => {
  const secret = newWebhookSecret();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  const body = new TextEncoder().encode('{"a":1}');
  expect(
    verifyWebhook(secret, new Headers({ "webhook-id": "m", "webhook-timestamp": "100", "webhook-signature": signWebhook(secret, "m", 100, body) }), body, 100)
      .ok,
  ).toBe(true);
});
