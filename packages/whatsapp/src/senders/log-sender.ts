import type { OutboundMessage, OutboundSender, Recipient } from "./types.ts";

/**
 * The embedded default: nothing leaves the machine. Each send is written as one line to `log`
 * (stdout by default) and succeeds with a made-up id `log-<uuid>`.
 */
export interface LogSenderOptions {
  log?: (line: string) => void;
}

export function createLogSender({ log = (line) => console.log(line) }: LogSenderOptions = {}): OutboundSender {
  return {
    name: "log",
    provider: "log",
    async send(to, message) {
      const providerMessageId = `log-${crypto.randomUUID()}`;
      try {
        log(describeSend(to, message, providerMessageId));
      } catch {
        // A broken logger must not turn a send into an exception.
      }
      return { ok: true, providerMessageId };
    },
  };
}

/** `[whatsapp:log] log-… to=+33612345678 kind=template name=… text="…" buttons=["Oui","Non"]`, on one line. */
export function describeSend(to: Recipient, message: OutboundMessage, id: string): string {
  const recipient = to.phone ?? to.userId ?? "(none)";
  const parts = [`[whatsapp:log] ${id} to=${recipient}`, `kind=${message.kind}`];
  if (message.kind === "template") parts.push(`name=${message.name}`, `language=${message.language}`);
  parts.push(`text=${oneLine(message.text)}`);
  const buttons = message.buttons ?? [];
  if (buttons.length > 0) parts.push(`buttons=[${buttons.map((button) => oneLine(button.title)).join(",")}]`);
  if (message.kind === "text" && message.list) parts.push(`list=[${message.list.rows.map((row) => oneLine(row.title)).join(",")}]`);
  return parts.join(" ");
}

/** A quoted string with newlines (and the Unicode line separators JSON leaves alone) escaped. */
function oneLine(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
