import { describe, expect, test } from "bun:test";
import { json, onlyMessage, OPTIONS, webhookRequest } from "./fixtures/test-helpers.ts";
import { detectProvider } from "./registry.ts";
import { seedProvider } from "./seed.ts";

describe("seed format: media without text", () => {
  test.each([
    [{ from: "33612345678@s.whatsapp.net", type: "audio", id: "3EB0VOICE" }, "audio"],
    [{ from: "33612345678@s.whatsapp.net", type: "ptt", id: "3EB0PTT" }, "audio"],
    [{ from: "33612345678@s.whatsapp.net", type: "image", body: null, id: "3EB0IMG" }, "image"],
    [{ from: "+33612345678", type: "document" }, "document"],
    [{ from: "33612345678@c.us", type: "sticker" }, "sticker"],
  ] as const)("%j is a %s message with no text", (value, type) => {
    const body = json(value);
    expect(detectProvider(body, webhookRequest(""))?.name).toBe("seed");
    expect(onlyMessage(seedProvider, body)).toMatchObject({ type, text: "", from: { phone: "+33612345678" } });
  });

  test("a caption in `body` is the text of the media", () => {
    expect(onlyMessage(seedProvider, json({ from: "33612345678", type: "image", body: "colis abîmé" }))).toMatchObject({ type: "image", text: "colis abîmé" });
  });

  test.each([[{ from: "33612345678", type: "text" }], [{ from: "33612345678", type: "chat", body: null }], [{ from: "33612345678", type: "button" }]])(
    "a text message without `body` is refused: %j",
    (value) => {
      expect(seedProvider.parse(json(value), OPTIONS)).toMatchObject({ ok: false, code: "invalid_payload", message: expect.stringContaining("`body`") });
    },
  );

  test("`from` alone is no known format", () => {
    expect(detectProvider(json({ from: "33612345678" }), webhookRequest(""))).toBeUndefined();
  });
});
