import { describe, expect, test } from "bun:test";
import { SAMPLES } from "./fixtures/all-samples.ts";
import { OPTIONS, webhookRequest } from "./fixtures/test-helpers.ts";
import { detectProvider, getProvider, PROVIDERS } from "./registry.ts";
import { PROVIDER_NAMES } from "./types.ts";

describe("registry", () => {
  test("every provider is registered once, seed last", () => {
    expect(PROVIDERS.map((provider) => provider.name).sort()).toEqual([...PROVIDER_NAMES].sort());
    expect(PROVIDERS.at(-1)?.name).toBe("seed");
    for (const name of PROVIDER_NAMES) expect(getProvider(name)?.name).toBe(name);
    expect(getProvider("nope")).toBeUndefined();
  });

  test("there is a sample for every provider", () => {
    expect(new Set(SAMPLES.map((sample) => sample.provider))).toEqual(new Set(PROVIDER_NAMES));
  });

  for (const sample of SAMPLES) {
    test(`${sample.name} is detected as exactly ${sample.provider}`, () => {
      const request = webhookRequest("");
      const detecting = PROVIDERS.filter((provider) => provider.detect(sample.body, request)).map((provider) => provider.name);
      expect(detecting).toEqual([sample.provider]);
      expect(detectProvider(sample.body, request)?.name).toBe(sample.provider);
      const result = detectProvider(sample.body, request)?.parse(sample.body, OPTIONS);
      expect(result?.ok).toBe(true);
    });
  }

  test("unknown shapes are detected as nothing", () => {
    const request = webhookRequest("");
    for (const value of [null, 42, "x", [], {}, { event: "message" }, { object: "page", entry: [] }, { body: "only a body" }]) {
      expect(detectProvider({ format: "json", value }, request)).toBeUndefined();
    }
    expect(detectProvider({ format: "form", fields: { From: "whatsapp:+33612345678", Body: "x" } }, request)).toBeUndefined();
  });
});
