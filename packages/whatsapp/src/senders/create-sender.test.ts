import { describe, expect, test } from "bun:test";
import { createSender, type SenderConfig } from "./create-sender.ts";
import type { FetchLike } from "./sender-utils.ts";

/** A fetch that records the URL and headers and answers like the provider would. */
function recordingFetch(answer: unknown, status = 200) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, headers: init.headers as Record<string, string> });
    return new Response(JSON.stringify(answer), { status });
  };
  return { fetch, calls };
}

const TEXT = { kind: "text", text: "hi" } as const;

describe("createSender", () => {
  test("log", async () => {
    const lines: string[] = [];
    const sender = createSender({ sender: "log", log: (line) => lines.push(line) });
    expect(sender.name).toBe("log");
    expect((await sender.send({ phone: "+33612345678" }, TEXT)).ok).toBe(true);
    expect(lines).toHaveLength(1);
  });

  test("meta: passes URL, version, token and fetch through", async () => {
    const { fetch, calls } = recordingFetch({ messages: [{ id: "wamid.1" }] });
    const sender = createSender({
      sender: "meta",
      graphUrl: "https://graph.example",
      graphVersion: "v25.0",
      accessToken: " token-1 ",
      phoneNumberId: "123",
      fetch,
    });
    expect([sender.name, sender.provider]).toEqual(["meta", "meta"]);
    expect(await sender.send({ phone: "+33612345678" }, TEXT)).toEqual({ ok: true, providerMessageId: "wamid.1" });
    expect(calls[0]?.url).toBe("https://graph.example/v25.0/123/messages");
    expect(calls[0]?.headers.Authorization).toBe("Bearer token-1");
  });

  test("meta: defaults to graph.facebook.com and the current version", async () => {
    const { fetch, calls } = recordingFetch({ messages: [{ id: "wamid.1" }] });
    await createSender({ sender: "meta", accessToken: "t", phoneNumberId: "123", graphUrl: "  ", fetch }).send({ phone: "+33612345678" }, TEXT);
    expect(calls[0]?.url).toBe("https://graph.facebook.com/v26.0/123/messages");
  });

  test("evolution: passes URL, key, instance and fetch through", async () => {
    const { fetch, calls } = recordingFetch({ key: { id: "3EB0ABC" } }, 201);
    const sender = createSender({ sender: "evolution", evolutionUrl: "https://evo.example/", evolutionApiKey: "k", evolutionInstance: "shop", fetch });
    expect([sender.name, sender.provider]).toEqual(["evolution", "evolution"]);
    expect(await sender.send({ phone: "+33612345678" }, TEXT)).toEqual({ ok: true, providerMessageId: "3EB0ABC" });
    expect(calls[0]?.url).toBe("https://evo.example/message/sendText/shop");
    expect(calls[0]?.headers.apikey).toBe("k");
  });

  test.each([
    [{ sender: "meta", phoneNumberId: "123" }, "WHATSAPP_ACCESS_TOKEN is required when WHATSAPP_SENDER=meta"],
    [{ sender: "meta", accessToken: "t", phoneNumberId: "  " }, "WHATSAPP_PHONE_NUMBER_ID is required when WHATSAPP_SENDER=meta"],
    [{ sender: "evolution", evolutionApiKey: "k", evolutionInstance: "i" }, "EVOLUTION_URL is required when WHATSAPP_SENDER=evolution"],
    [{ sender: "evolution", evolutionUrl: "u", evolutionInstance: "i" }, "EVOLUTION_API_KEY is required when WHATSAPP_SENDER=evolution"],
    [{ sender: "evolution", evolutionUrl: "u", evolutionApiKey: "k", evolutionInstance: "" }, "EVOLUTION_INSTANCE is required when WHATSAPP_SENDER=evolution"],
  ] as [SenderConfig, string][])("missing settings: %o", (config, message) => {
    expect(() => createSender(config)).toThrow(new Error(message));
  });

  test("an unknown sender name is refused in one line", () => {
    expect(() => createSender({ sender: "twilio" } as unknown as SenderConfig)).toThrow(
      new Error('WHATSAPP_SENDER must be one of log, meta, evolution (got "twilio")'),
    );
  });
});
