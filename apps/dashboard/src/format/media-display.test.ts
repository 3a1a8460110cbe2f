import { beforeAll, describe, expect, test } from "bun:test";
import { formatFileSize, formatMediaDuration, mediaPresentation, mediaReasonKey } from "./media-display.ts";
import { catalogues } from "../i18n/catalogues.ts";

// English is fetched on demand in the dashboard: these tests read it.
beforeAll(() => catalogues.load("en"));

describe("media display", () => {
  test.each([
    [0, "0:00"],
    [3, "0:03"],
    [65, "1:05"],
    [600.4, "10:00"],
  ])("%d s reads %s", (seconds, text) => expect(formatMediaDuration(seconds)).toBe(text));

  test("sizes in the locale's units", () => {
    expect(formatFileSize(900, "fr")).toBe("900 o");
    expect(formatFileSize(123_456, "fr")).toBe("121 Ko");
    expect(formatFileSize(1_572_864, "en")).toBe("1.5 MB");
  });

  test.each([
    [{ type: "audio", mimeType: "audio/ogg" }, "audio"],
    [{ type: "image", mimeType: "image/jpeg" }, "image"],
    [{ type: "sticker", mimeType: "image/webp" }, "image"],
    [{ type: "video", mimeType: "video/mp4" }, "video"],
    [{ type: "document", mimeType: "application/pdf" }, "download"],
    [{ type: "document", mimeType: "image/png" }, "download"],
  ] as const)("%j shows as %s", (media, presentation) => expect(mediaPresentation(media)).toBe(presentation));

  test("a reason the dashboard does not know still reads as one", () => {
    expect(mediaReasonKey("too_large")).toBe("media.reason.too_large");
    expect(mediaReasonKey("something_new")).toBe("media.reason.unknown");
    expect(mediaReasonKey(null)).toBe("media.reason.unknown");
  });
});
