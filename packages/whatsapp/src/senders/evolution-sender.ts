import { isRecord, recordAt } from "../providers/provider-utils.ts";
import {
  checkButtons,
  failure,
  fitTitle,
  isRetryableStatus,
  noRecipient,
  phoneDigits,
  postJson,
  safeReason,
  trimSlashes,
  userIdWithPrefix,
  type FetchLike,
  type SendFailure,
} from "./sender-utils.ts";
import type { OutboundMessage, OutboundSender, QuickReplyButton, Recipient, SendResult } from "./types.ts";

/**
 * Evolution API v2 (Baileys gateway), authenticated by the `apikey` header:
 * `POST {baseUrl}/message/sendText/{instance}` `{ number, text }`, or, when there are buttons,
 * `POST {baseUrl}/message/sendButtons/{instance}` `{ number, title, description, footer, buttons }`.
 * Both answer the sent Baileys message, `{ key: { id, remoteJid, fromMe }, status, … }`.
 * Baileys has no templates: a template goes out as its rendered `text` (and its buttons).
 * Reply buttons are unreliable on the unofficial WhatsApp protocol; they are sent anyway.
 */
export interface EvolutionSenderOptions {
  baseUrl: string;
  apiKey: string;
  instance: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export function createEvolutionSender(options: EvolutionSenderOptions): OutboundSender {
  const { apiKey, timeoutMs = 10_000 } = options;
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = trimSlashes(options.baseUrl);
  const instance = encodeURIComponent(options.instance);
  const secrets = [apiKey];

  return {
    name: "evolution",
    provider: "evolution",
    async send(to, message): Promise<SendResult> {
      try {
        const number = evolutionNumber(to);
        if (typeof number !== "string") return number;
        const buttons = buttonsOf(message);
        const invalid = checkButtons(buttons);
        if (invalid) return invalid;
        const [path, body] =
          buttons.length === 0
            ? ["sendText", { number, text: message.text }]
            : ["sendButtons", { number, ...titleAndDescription(message.text), footer: "", buttons: buttons.map(toEvolutionButton) }];
        const reply = await postJson(fetchFn, `${base}/message/${path}/${instance}`, { apikey: apiKey }, body, timeoutMs);
        if (!reply.ok) return reply.failure;
        return readEvolutionReply(reply.status, reply.json, secrets);
      } catch (error) {
        return failure("internal", safeReason(`Unexpected error while sending: ${String(error)}`, secrets), false);
      }
    },
  };
}

/** Phone digits; `<id>@lid` for a customer known only by a WhatsApp LID (`lid:<id>`). */
function evolutionNumber(to: Recipient): string | SendFailure {
  if (to.phone !== undefined) {
    return phoneDigits(to.phone) ?? failure("invalid_recipient", "The phone number is not a valid E.164 number", false);
  }
  const lid = userIdWithPrefix(to.userId, "lid:");
  if (lid !== undefined) return lid.endsWith("@lid") ? lid : `${lid}@lid`;
  return noRecipient("Evolution", "a phone number or a lid: id");
}

function buttonsOf(message: OutboundMessage): readonly QuickReplyButton[] {
  return message.kind === "template" ? message.buttons : (message.buttons ?? []);
}

function toEvolutionButton(button: QuickReplyButton) {
  return { type: "reply", displayText: fitTitle(button.title), id: button.payload };
}

/**
 * Evolution renders a buttons message as `*title*` (bold), a blank line, then `description`: the
 * first line of the text becomes the title, the rest the description.
 */
function titleAndDescription(text: string): { title: string; description: string } {
  const trimmed = text.trim();
  const newline = trimmed.indexOf("\n");
  if (newline === -1) return { title: trimmed, description: "" };
  return { title: trimmed.slice(0, newline).trim(), description: trimmed.slice(newline + 1).trim() };
}

/** Success: the Baileys message (`key.id`). Errors: `{ status, error, response: { message: [...] } }`. */
function readEvolutionReply(status: number, json: unknown, secrets: readonly string[]): SendResult {
  if (status >= 200 && status < 300) {
    const id = recordAt(json, "key")?.id;
    if (typeof id === "string" && id.trim() !== "") return { ok: true, providerMessageId: id };
    // The message may have gone out; retrying could send it twice.
    return failure("invalid_response", `Evolution answered HTTP ${status} without a message key`, false);
  }
  const message = recordAt(json, "response")?.message ?? (isRecord(json) ? json.message : undefined);
  const reason = describeEvolutionError(message) ?? `Evolution answered HTTP ${status}`;
  return failure(`http_${status}`, safeReason(reason, secrets), isRetryableStatus(status));
}

/** Flattens Evolution's error messages: strings, nested arrays, `{ exists: false, jid, number }`. */
function describeEvolutionError(value: unknown): string | undefined {
  const parts: string[] = [];
  const visit = (item: unknown, depth: number): void => {
    if (depth > 3 || parts.length >= 5) return;
    if (typeof item === "string" && item.trim() !== "") parts.push(item.trim());
    else if (Array.isArray(item)) for (const inner of item) visit(inner, depth + 1);
    else if (isRecord(item) && item.exists === false) parts.push("This number is not on WhatsApp");
    else if (isRecord(item) && typeof item.message === "string") parts.push(item.message);
  };
  visit(value, 0);
  return parts.length > 0 ? parts.join("; ") : undefined;
}
