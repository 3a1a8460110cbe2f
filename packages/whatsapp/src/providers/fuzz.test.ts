import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { SAMPLES } from "./fixtures/all-samples.ts";
import { eventProblem, OPTIONS, webhookRequest } from "./fixtures/test-helpers.ts";
import { PROVIDERS } from "./registry.ts";
import type { DecodedBody, ProviderSecrets } from "./types.ts";

const SECRETS: ProviderSecrets = { metaAppSecret: "meta-secret", twilioAuthToken: "twilio-token", wahaHmacKey: "waha-key" };
const SIGNATURE_RESULTS = new Set(["valid", "invalid", "missing", "unconfigured"]);
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 300) };

/** Runs every adapter on the body; throws (failing the property) on any broken invariant. */
function checkAll(body: DecodedBody): void {
  const request = webhookRequest("");
  for (const provider of PROVIDERS) {
    provider.detect(body, request);
    const result = provider.parse(body, OPTIONS);
    if (!result.ok) {
      if (result.code !== "invalid_payload" && result.code !== "invalid_phone") throw new Error(`${provider.name}: bad code ${result.code}`);
      if (typeof result.message !== "string" || result.message === "") throw new Error(`${provider.name}: empty message`);
      continue;
    }
    if (result.events.length === 0) throw new Error(`${provider.name}: ok with no events`);
    for (const event of result.events) {
      const problem = eventProblem(event);
      if (problem) throw new Error(`${provider.name}: ${problem} in ${JSON.stringify(event)}`);
      if (event.provider !== provider.name) throw new Error(`${provider.name}: event from ${event.provider}`);
    }
  }
}

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...prefix, index], out));
  else if (typeof value === "object" && value !== null) for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  return out;
}

/** A deep copy of `value` with the node at `path` replaced, or removed when `replacement` is the REMOVE marker. */
const REMOVE = Symbol("remove");
function mutate(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && replacement === REMOVE) copy.splice(Number(head), 1);
    else copy[Number(head)] = mutate(copy[Number(head)], rest, replacement);
    return copy;
  }
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (rest.length === 0 && replacement === REMOVE) delete copy[String(head)];
    else copy[String(head)] = mutate(copy[String(head)], rest, replacement);
    return copy;
  }
  return value;
}

const oddValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom<unknown>(
    REMOVE,
    null,
    "",
    " ",
    0,
    -1,
    1e21,
    Number.NaN,
    true,
    [],
    {},
    "__proto__",
    "constructor",
    "status@broadcast",
    "123@lid",
    "1@g.us",
    "x@c.us",
  ),
);

describe("fuzz: adapters never throw and only emit valid events", () => {
  test("random JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => checkAll({ format: "json", value })),
      RUNS,
    );
  });

  test("random mutations of every documented sample", () => {
    const jsonSamples = SAMPLES.filter((sample) => sample.body.format === "json");
    fc.assert(
      fc.property(fc.constantFrom(...jsonSamples), fc.nat(), fc.array(oddValue, { minLength: 1, maxLength: 3 }), (sample, pathSeed, replacements) => {
        if (sample.body.format !== "json") return;
        let value = sample.body.value;
        for (const replacement of replacements) {
          const all = paths(value);
          value = mutate(value, all[pathSeed % all.length] ?? [], replacement);
        }
        checkAll({ format: "json", value });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) * 5 },
    );
  });

  test("random truncations of every sample's serialisation", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.nat(), (sample, cut) => {
        const text = sample.body.format === "json" ? JSON.stringify(sample.body.value) : new URLSearchParams(sample.body.fields).toString();
        const truncated = text.slice(0, cut % (text.length + 1));
        if (sample.body.format === "form") checkAll({ format: "form", fields: Object.fromEntries(new URLSearchParams(truncated)) });
        else {
          try {
            checkAll({ format: "json", value: JSON.parse(truncated) });
          } catch (error) {
            if (!(error instanceof SyntaxError)) throw error;
          }
        }
        for (const provider of PROVIDERS) {
          const result = provider.verifySignature(
            webhookRequest(truncated, { "X-Hub-Signature-256": "sha256=00", "X-Twilio-Signature": "x", "X-Webhook-Hmac": "00" }),
            SECRETS,
          );
          expect(SIGNATURE_RESULTS.has(result)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test("random form fields, alone or mixed into Twilio's samples", () => {
    const twilioForms = SAMPLES.flatMap((sample) => (sample.body.format === "form" ? [sample.body.fields] : []));
    const fields = fc.dictionary(
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          "From",
          "To",
          "Body",
          "MessageSid",
          "MessageStatus",
          "NumMedia",
          "MediaUrl0",
          "Latitude",
          "Longitude",
          "ButtonPayload",
          "WaId",
          "__proto__",
          "constructor",
        ),
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.constantFrom(...twilioForms), fields, fc.boolean(), (base, extra, mix) =>
        checkAll({ format: "form", fields: mix ? { ...base, ...extra } : extra }),
      ),
      RUNS,
    );
  });

  test("verifySignature never throws on random bytes, headers and URLs", () => {
    const header = fc.option(fc.string(), { nil: undefined });
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 512 }),
        header,
        header,
        header,
        header,
        fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.string()),
        (raw, hub, twilio, hmac, algorithm, url) => {
          const headers: Record<string, string> = {};
          const safe = (value: string) => value.replace(/[^\x20-\x7e]/g, "");
          if (hub !== undefined) headers["X-Hub-Signature-256"] = safe(hub);
          if (twilio !== undefined) headers["X-Twilio-Signature"] = safe(twilio);
          if (hmac !== undefined) headers["X-Webhook-Hmac"] = safe(hmac);
          if (algorithm !== undefined) headers["X-Webhook-Hmac-Algorithm"] = safe(algorithm);
          for (const provider of PROVIDERS) {
            for (const secrets of [SECRETS, {}]) {
              expect(SIGNATURE_RESULTS.has(provider.verifySignature(webhookRequest(raw, headers, url), secrets))).toBe(true);
            }
          }
        },
      ),
      RUNS,
    );
  });
});
