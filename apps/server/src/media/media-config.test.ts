import { expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig, mediaSettings } from "../config/config.ts";

test("media settings: DATA_DIR/media, 16 MB and 90 days unless configured", () => {
  expect(mediaSettings(loadConfig({ DATA_DIR: "/srv/confirma" }))).toEqual({
    dir: join("/srv/confirma", "media"),
    maxBytes: 16 * 1024 * 1024,
    retentionMs: 90 * 86_400_000,
  });
  expect(mediaSettings(loadConfig({ MEDIA_DIR: "/mnt/media", MEDIA_MAX_BYTES: "5MB", MEDIA_RETENTION: "off" }))).toEqual({
    dir: "/mnt/media",
    maxBytes: 5 * 1024 * 1024,
    retentionMs: null,
  });
});

test.each([
  [{ MEDIA_RETENTION: "forever" }, "MEDIA_RETENTION"],
  [{ MEDIA_MAX_BYTES: "lots" }, "MEDIA_MAX_BYTES"],
  [{ MEDIA_MAX_BYTES: "10" }, "MEDIA_MAX_BYTES"],
  [{ TWILIO_ACCOUNT_SID: "not-a-sid" }, "TWILIO_ACCOUNT_SID"],
])("%j stops start-up naming the variable", (env, variable) => {
  expect(() => loadConfig(env)).toThrow(variable);
});
