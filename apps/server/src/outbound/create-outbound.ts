import { createSender, type OutboundSender } from "@confirma/whatsapp";
import { ConfigError, type Config } from "../config/config.ts";
import type { Logger } from "../logging/logger.ts";

/** The outbound sender the configuration asks for; a missing credential is a configuration error. */
export function createOutboundSender(config: Config, logger: Logger, fetch?: typeof globalThis.fetch): OutboundSender {
  try {
    return createSender({
      sender: config.WHATSAPP_SENDER,
      graphUrl: config.WHATSAPP_GRAPH_URL,
      graphVersion: config.WHATSAPP_GRAPH_VERSION,
      accessToken: config.WHATSAPP_ACCESS_TOKEN,
      phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
      evolutionUrl: config.EVOLUTION_URL,
      evolutionApiKey: config.EVOLUTION_API_KEY,
      evolutionInstance: config.EVOLUTION_INSTANCE,
      ...(fetch ? { fetch } : {}),
      log: (line) => logger.info("message not sent (WHATSAPP_SENDER=log)", { detail: line }),
    });
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}
