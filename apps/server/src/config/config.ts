import { join } from "node:path";
import { isKnownCountry } from "@confirma/whatsapp";
import {
  BUILT_IN_CONFIRMATION,
  currencyDigits,
  DEFAULT_RETENTION,
  formatDuration,
  isTimeZone,
  MESSAGE_LANGUAGES,
  MIN_WEBHOOK_RECEIPTS_MS,
  parseDuration,
  type ConfirmationSettings,
  type MessageLanguage,
  type RetentionPolicy,
} from "@confirma/api";
import { z } from "zod";
import { parseTrustProxy } from "../http/trusted-proxy.ts";

const optionalSecret = (name: string, min: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()))
    .refine((value) => value === undefined || value.length >= min, `${name} must be at least ${min} characters`);

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const duration = (name: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, context) => {
      const ms = parseDuration(value);
      if (ms === null) {
        context.addIssue({ code: "custom", message: `${name} must be a duration such as 90s, 30m, 2h or 1d` });
        return z.NEVER;
      }
      return ms;
    });

/** A retention period such as `30d` (at least `min`), or `off` (kept for good) when `allowOff`. */
const retention = (name: string, fallback: number | null, { min = 60 * 60_000, allowOff = false }: { min?: number; allowOff?: boolean } = {}) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      const text = value?.trim() ?? "";
      if (text === "") return fallback;
      if (text === "off" && allowOff) return null;
      const ms = parseDuration(text);
      if (ms === null || ms < min) {
        const example = allowOff ? "such as 30d or 365d, or off" : "such as 30d";
        context.addIssue({
          code: "custom",
          message: ms === null ? `${name} must be a duration ${example}` : `${name} must be at least ${formatDuration(min)} (got ${text})`,
        });
        return z.NEVER;
      }
      return ms;
    });

const MEGABYTE = 1024 * 1024;
/** A size such as `64MB`, `1GB` or `0`, in bytes. */
const size = (name: string) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value?.trim()) return undefined;
      const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
      if (!match) {
        context.addIssue({ code: "custom", message: `${name} must be a size such as 64MB or 1GB (0 = off)` });
        return z.NEVER;
      }
      const unit = { b: 1, kb: 1024, mb: MEGABYTE, gb: 1024 * MEGABYTE }[(match[2] ?? "b").toLowerCase() as "b"];
      return Math.round(Number(match[1]) * unit);
    });

const configSchema = z.object({
  PORT: z.coerce.number({ error: "PORT must be a port number" }).int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined))
    .refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), "DATABASE_URL must be a postgres:// URL"),
  DATA_DIR: z.string().min(1).default("./.data"),
  MIN_FREE_SPACE: size("MIN_FREE_SPACE"),
  REQUEST_TIMEOUT: duration("REQUEST_TIMEOUT", "10s").refine((ms) => ms >= 100, "REQUEST_TIMEOUT must be at least 100ms"),
  WATCHDOG_TIMEOUT: z
    .string()
    .default("60s")
    .transform((value, context) => {
      if (value.trim() === "off") return null;
      const ms = parseDuration(value);
      if (ms === null || ms < 100) {
        context.addIssue({ code: "custom", message: "WATCHDOG_TIMEOUT must be a duration such as 60s, or off" });
        return z.NEVER;
      }
      return ms;
    }),
  WHATSAPP_API_KEY: optionalSecret("WHATSAPP_API_KEY", 16),
  WHATSAPP_APP_SECRET: optionalSecret("WHATSAPP_APP_SECRET", 8),
  WHATSAPP_VERIFY_TOKEN: optionalSecret("WHATSAPP_VERIFY_TOKEN", 1),
  TWILIO_AUTH_TOKEN: optionalSecret("TWILIO_AUTH_TOKEN", 8),
  TWILIO_ACCOUNT_SID: optionalText.refine(
    (value) => value === undefined || /^AC[0-9a-fA-F]{32}$/.test(value),
    "TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits",
  ),
  WAHA_API_KEY: optionalText,
  MEDIA_DIR: optionalText,
  MEDIA_MAX_BYTES: size("MEDIA_MAX_BYTES").refine((value) => value === undefined || value >= 1024, "MEDIA_MAX_BYTES must be at least 1KB"),
  MEDIA_RETENTION: z
    .string()
    .default("90d")
    .transform((value, context) => {
      if (value.trim() === "off") return null;
      const ms = parseDuration(value);
      if (ms === null || ms < 60_000) {
        context.addIssue({ code: "custom", message: "MEDIA_RETENTION must be a duration of at least 1m such as 90d, or off" });
        return z.NEVER;
      }
      return ms;
    }),
  WAHA_HMAC_KEY: optionalSecret("WAHA_HMAC_KEY", 8),
  PUBLIC_URL: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim().replace(/\/+$/, "") : undefined))
    .refine((value) => value === undefined || URL.canParse(value), "PUBLIC_URL must be an absolute URL"),
  DEFAULT_COUNTRY: z
    .string()
    .default("FR")
    .transform((value) => value.trim().toUpperCase())
    .refine(isKnownCountry, "DEFAULT_COUNTRY must be an ISO 3166 region code such as FR, BE, MA"),
  DEFAULT_CURRENCY: z
    .string()
    .default("EUR")
    .transform((value) => value.trim().toUpperCase())
    .refine((value) => {
      try {
        currencyDigits(value);
        return true;
      } catch {
        return false;
      }
    }, "DEFAULT_CURRENCY must be an ISO 4217 currency code such as EUR, MAD, XOF"),
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  ADMIN_EMAIL: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim().toLowerCase() : undefined))
    .refine((value) => value === undefined || z.email().safeParse(value).success, "ADMIN_EMAIL must be an email address"),
  ADMIN_PASSWORD: optionalSecret("ADMIN_PASSWORD", 10),
  WHATSAPP_SENDER: z.enum(["log", "meta", "evolution"], { error: "WHATSAPP_SENDER must be log, meta or evolution" }).default("log"),
  WHATSAPP_GRAPH_URL: optionalText.refine((value) => value === undefined || URL.canParse(value), "WHATSAPP_GRAPH_URL must be an absolute URL"),
  WHATSAPP_GRAPH_VERSION: optionalText.refine((value) => value === undefined || /^v\d+\.\d+$/.test(value), "WHATSAPP_GRAPH_VERSION must look like v26.0"),
  WHATSAPP_ACCESS_TOKEN: optionalText,
  WHATSAPP_PHONE_NUMBER_ID: optionalText,
  EVOLUTION_URL: optionalText.refine((value) => value === undefined || URL.canParse(value), "EVOLUTION_URL must be an absolute URL"),
  EVOLUTION_API_KEY: optionalText,
  EVOLUTION_INSTANCE: optionalText,
  WHATSAPP_TEMPLATE_CONFIRMATION: z.string().trim().min(1).default(BUILT_IN_CONFIRMATION.templates.confirmation),
  WHATSAPP_TEMPLATE_REMINDER: z.string().trim().min(1).default(BUILT_IN_CONFIRMATION.templates.reminder),
  WHATSAPP_TEMPLATE_LANGUAGES: z
    .string()
    .default("")
    .transform((value, context) => {
      const languages = value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean);
      const unknown = languages.find((language) => !(MESSAGE_LANGUAGES as readonly string[]).includes(language));
      if (unknown !== undefined) {
        context.addIssue({ code: "custom", message: `WHATSAPP_TEMPLATE_LANGUAGES: ${JSON.stringify(unknown)} is not one of ${MESSAGE_LANGUAGES.join(", ")}` });
        return z.NEVER;
      }
      return [...new Set(languages)] as MessageLanguage[];
    }),
  CONFIRM_SEND_DELAY: duration("CONFIRM_SEND_DELAY", "0s"),
  CONFIRM_REMINDERS: z
    .string()
    .default("2h,24h")
    .transform((value, context) => {
      const parts = value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean);
      const delays = parts.map(parseDuration);
      if (delays.some((delay) => delay === null || delay < 60_000)) {
        context.addIssue({ code: "custom", message: "CONFIRM_REMINDERS must be a comma-separated list of durations of at least 1m, such as 2h,24h" });
        return z.NEVER;
      }
      return delays as number[];
    }),
  CONFIRM_TIMEOUT: duration("CONFIRM_TIMEOUT", "48h"),
  CONFIRM_AUTO_CANCEL: z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value?.trim() || value.trim() === "off") return null;
      const ms = parseDuration(value);
      if (ms === null) {
        context.addIssue({ code: "custom", message: "CONFIRM_AUTO_CANCEL must be a duration such as 72h, or off" });
        return z.NEVER;
      }
      return ms;
    }),
  CONFIRM_QUIET_HOURS: z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value?.trim()) return null;
      const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
      if (!match) {
        context.addIssue({ code: "custom", message: "CONFIRM_QUIET_HOURS must look like 21:00-09:00" });
        return z.NEVER;
      }
      return { start: `${match[1]}:${match[2]}`, end: `${match[3]}:${match[4]}` };
    }),
  CONFIRM_TIMEZONE: z
    .string()
    .default("Europe/Paris")
    .refine(isTimeZone, "CONFIRM_TIMEZONE must be an IANA time zone such as Europe/Paris or Africa/Casablanca"),
  CONFIRM_LANGUAGE: z.enum(MESSAGE_LANGUAGES, { error: `CONFIRM_LANGUAGE must be one of ${MESSAGE_LANGUAGES.join(", ")}` }).default("fr"),
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((value, context) => {
      const trust = parseTrustProxy(value);
      if ("error" in trust) {
        context.addIssue({ code: "custom", message: trust.error });
        return z.NEVER;
      }
      return trust;
    }),
  RATE_LIMIT_PER_IP: z.coerce.number({ error: "RATE_LIMIT_PER_IP must be a number of requests per second (0 = off)" }).int().min(0).default(100),
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: z
    .enum(["true", "false", "1", "0", ""], { error: "OUTBOUND_ALLOW_PRIVATE_NETWORKS must be true or false" })
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  // Meta retries a webhook for up to 7 days: a shorter memory of receipts would store a retry twice.
  RETENTION_WEBHOOK_RECEIPTS: retention("RETENTION_WEBHOOK_RECEIPTS", DEFAULT_RETENTION.webhookReceiptsMs, { min: MIN_WEBHOOK_RECEIPTS_MS }),
  RETENTION_CHANGE_EVENTS: retention("RETENTION_CHANGE_EVENTS", DEFAULT_RETENTION.changeEventsMs),
  RETENTION_OUTBOUND_DELIVERIES: retention("RETENTION_OUTBOUND_DELIVERIES", DEFAULT_RETENTION.outboundDeliveriesMs),
  RETENTION_AUDIT: retention("RETENTION_AUDIT", DEFAULT_RETENTION.auditMs, { min: 86_400_000, allowOff: true }),
  RETENTION_MESSAGE_BODIES: retention("RETENTION_MESSAGE_BODIES", DEFAULT_RETENTION.messageBodiesMs, { min: 86_400_000, allowOff: true }),
  METRICS_TOKEN: optionalSecret("METRICS_TOKEN", 16),
  METRICS_PORT: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce
      .number({ error: "METRICS_PORT must be a port number" })
      .int("METRICS_PORT must be a port number")
      .min(1, "METRICS_PORT must be a port number")
      .max(65535, "METRICS_PORT must be a port number")
      .optional(),
  ),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"], { error: "LOG_LEVEL must be debug, info, warn, error or silent" }).default("info"),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {}

/**
 * Reads the configuration from the environment. A bad value throws a `ConfigError` whose
 * message is one line naming the variable.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? "configuration");
    const message = issue?.message ?? "invalid";
    throw new ConfigError(message.includes(variable) ? message : `${variable}: ${message}`);
  }
  if (result.data.METRICS_PORT !== undefined && !result.data.METRICS_TOKEN) {
    throw new ConfigError("METRICS_PORT needs METRICS_TOKEN: the metrics are only served to a scraper that sends it");
  }
  return result.data;
}

/** Free space DATA_DIR must keep: MIN_FREE_SPACE, else 64 MB for the embedded database and none with PostgreSQL. */
export function minFreeSpace(config: Config): number {
  return config.MIN_FREE_SPACE ?? (config.DATABASE_URL ? 0 : 64 * MEGABYTE);
}

/** Inbound media: where files live (MEDIA_DIR, else DATA_DIR/media), the size limit, how long they are kept. */
export function mediaSettings(config: Config): { dir: string; maxBytes: number; retentionMs: number | null } {
  return {
    dir: config.MEDIA_DIR ?? join(config.DATA_DIR, "media"),
    maxBytes: config.MEDIA_MAX_BYTES ?? 16 * MEGABYTE,
    retentionMs: config.MEDIA_RETENTION,
  };
}

/** How long each kind of record is kept (RETENTION_*). */
export function retentionPolicy(config: Config): RetentionPolicy {
  return {
    webhookReceiptsMs: config.RETENTION_WEBHOOK_RECEIPTS as number,
    changeEventsMs: config.RETENTION_CHANGE_EVENTS as number,
    outboundDeliveriesMs: config.RETENTION_OUTBOUND_DELIVERIES as number,
    auditMs: config.RETENTION_AUDIT,
    messageBodiesMs: config.RETENTION_MESSAGE_BODIES,
  };
}

/** The confirmation flow's defaults from the environment (the dashboard's settings override them). */
export function confirmationDefaults(config: Config): ConfirmationSettings {
  return {
    ...BUILT_IN_CONFIRMATION,
    sendDelayMs: config.CONFIRM_SEND_DELAY,
    remindersMs: config.CONFIRM_REMINDERS,
    timeoutMs: config.CONFIRM_TIMEOUT,
    autoCancelAfterMs: config.CONFIRM_AUTO_CANCEL,
    quietHours: config.CONFIRM_QUIET_HOURS,
    timeZone: config.CONFIRM_TIMEZONE,
    language: config.CONFIRM_LANGUAGE,
    templates: { confirmation: config.WHATSAPP_TEMPLATE_CONFIRMATION, reminder: config.WHATSAPP_TEMPLATE_REMINDER },
    ...(config.WHATSAPP_TEMPLATE_LANGUAGES.length > 0 ? { templateLanguages: config.WHATSAPP_TEMPLATE_LANGUAGES } : {}),
  };
}
