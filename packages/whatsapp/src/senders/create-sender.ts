import { createEvolutionSender } from "./evolution-sender.ts";
import { createLogSender } from "./log-sender.ts";
import { createMetaSender } from "./meta-sender.ts";
import type { FetchLike } from "./sender-utils.ts";
import type { OutboundSender } from "./types.ts";

export const SENDER_NAMES = ["log", "meta", "evolution"] as const;
export type SenderName = (typeof SENDER_NAMES)[number];

/** Sender settings, as read from the environment (`WHATSAPP_SENDER`, `WHATSAPP_ACCESS_TOKEN`…). */
export interface SenderConfig {
  sender: SenderName;
  graphUrl?: string;
  graphVersion?: string;
  accessToken?: string;
  phoneNumberId?: string;
  evolutionUrl?: string;
  evolutionApiKey?: string;
  evolutionInstance?: string;
  fetch?: FetchLike;
  log?: (line: string) => void;
  timeoutMs?: number;
}

/**
 * The sender `config.sender` names. Throws an Error with a one-line message naming the missing
 * environment variable (`WHATSAPP_ACCESS_TOKEN is required when WHATSAPP_SENDER=meta`), so a
 * misconfigured server fails at start-up rather than at its first message.
 */
export function createSender(config: SenderConfig): OutboundSender {
  const { fetch, timeoutMs } = config;
  switch (config.sender) {
    case "log":
      return createLogSender(config.log ? { log: config.log } : {});
    case "meta":
      return createMetaSender({
        accessToken: required(config.accessToken, "WHATSAPP_ACCESS_TOKEN", "meta"),
        phoneNumberId: required(config.phoneNumberId, "WHATSAPP_PHONE_NUMBER_ID", "meta"),
        ...optional("graphUrl", config.graphUrl),
        ...optional("version", config.graphVersion),
        ...(fetch ? { fetch } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      });
    case "evolution":
      return createEvolutionSender({
        baseUrl: required(config.evolutionUrl, "EVOLUTION_URL", "evolution"),
        apiKey: required(config.evolutionApiKey, "EVOLUTION_API_KEY", "evolution"),
        instance: required(config.evolutionInstance, "EVOLUTION_INSTANCE", "evolution"),
        ...(fetch ? { fetch } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      });
    default:
      throw new Error(`WHATSAPP_SENDER must be one of ${SENDER_NAMES.join(", ")} (got ${JSON.stringify(String(config.sender))})`);
  }
}

function required(value: string | undefined, variable: string, sender: SenderName): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new Error(`${variable} is required when WHATSAPP_SENDER=${sender}`);
  return trimmed;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  const trimmed = value?.trim();
  return (trimmed ? { [key]: trimmed } : {}) as { [P in K]?: string };
}
