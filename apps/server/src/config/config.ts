import { isKnownCountry } from "@confirma/whatsapp";
import { currencyDigits } from "@confirma/api";
import { z } from "zod";

const optionalSecret = (name: string, min: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()))
    .refine((value) => value === undefined || value.length >= min, `${name} must be at least ${min} characters`);

const configSchema = z.object({
  PORT: z.coerce.number({ error: "PORT must be a port number" }).int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined))
    .refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), "DATABASE_URL must be a postgres:// URL"),
  DATA_DIR: z.string().min(1).default("./.data"),
  WHATSAPP_API_KEY: optionalSecret("WHATSAPP_API_KEY", 16),
  WHATSAPP_APP_SECRET: optionalSecret("WHATSAPP_APP_SECRET", 8),
  WHATSAPP_VERIFY_TOKEN: optionalSecret("WHATSAPP_VERIFY_TOKEN", 1),
  TWILIO_AUTH_TOKEN: optionalSecret("TWILIO_AUTH_TOKEN", 8),
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
    .transform((value) => value.split(",").map((origin) => origin.trim()).filter(Boolean)),
  ADMIN_EMAIL: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim().toLowerCase() : undefined))
    .refine((value) => value === undefined || z.email().safeParse(value).success, "ADMIN_EMAIL must be an email address"),
  ADMIN_PASSWORD: optionalSecret("ADMIN_PASSWORD", 10),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"], { error: "LOG_LEVEL must be debug, info, warn, error or silent" }).default("info"),
});

export type Config = z.output<typeof configSchema>;

/** The dashboard's development origin is always allowed. */
export const DEV_ORIGIN = "http://localhost:5173";

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
  return result.data;
}
