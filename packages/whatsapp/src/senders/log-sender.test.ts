import { describe, expect, spyOn, test } from "bun:test";
import { createLogSender } from "./log-sender.ts";

describe("log sender", () => {
  test("logs one line (recipient, kind, text) and answers log-<uuid>", async () => {
    const lines: string[] = [];
    const sender = createLogSender({ log: (line) => lines.push(line) });
    expect([sender.name, sender.provider]).toEqual(["log", "log"]);

    const result = await sender.send(
      { phone: "+33612345678" },
      { kind: "text", text: 'Bonjour "Marie"\nConfirmez-vous ?', buttons: [{ title: "Oui", payload: "confirma:confirm:1" }] },
    );

    expect(result).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^log-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) });
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? "";
    expect(line).not.toContain("\n");
    expect(line).toContain(result.ok ? result.providerMessageId : "?");
    expect(line).toContain("to=+33612345678");
    expect(line).toContain("kind=text");
    expect(line).toContain('text="Bonjour \\"Marie\\"\\nConfirmez-vous ?"');
    expect(line).toContain('buttons=["Oui"]');
  });

  test("templates show name and language; an id-only recipient is shown as its id", async () => {
    const lines: string[] = [];
    const sender = createLogSender({ log: (line) => lines.push(line) });
    await sender.send(
      { userId: "meta:US.1349" },
      { kind: "template", name: "order_confirmation", language: "fr", bodyParameters: ["Marie"], buttons: [], text: "Bonjour Marie\u2028!" },
    );
    expect(lines[0]).toContain("to=meta:US.1349 kind=template name=order_confirmation language=fr");
    expect(lines[0]).not.toMatch(/[\n\u2028\u2029]/);
  });

  test("ids are unique, and a throwing logger does not make send throw", async () => {
    const sender = createLogSender({
      log: () => {
        throw new Error("disk full");
      },
    });
    const a = await sender.send({ phone: "+33612345678" }, { kind: "text", text: "a" });
    const b = await sender.send({ phone: "+33612345678" }, { kind: "text", text: "b" });
    expect(a.ok && b.ok && a.providerMessageId !== b.providerMessageId).toBe(true);
  });

  test("defaults to console.log", async () => {
    const spy = spyOn(console, "log").mockImplementation(() => {});
    try {
      await createLogSender().send({ phone: "+33612345678" }, { kind: "text", text: "hi" });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]?.[0])).toContain('text="hi"');
    } finally {
      spy.mockRestore();
    }
  });
});
