import { DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION } from "@confirma/whatsapp";
import type { Config } from "../../config/config.ts";
import { type Check, ok, problem } from "./check.ts";

const TIMEOUT_MS = 10_000;
const NAME = "WhatsApp sending";

/**
 * The outbound provider's credentials, tried with a call that changes nothing: Meta's Graph API
 * reads the phone number (`GET /{version}/{phone-number-id}`), Evolution reads the instance's
 * connection state (`GET /instance/connectionState/{instance}`). The URLs come from the same
 * variables the sender uses (WHATSAPP_GRAPH_URL, EVOLUTION_URL).
 */
export async function checkProvider(config: Config, fetchFn: typeof fetch = fetch): Promise<Check> {
  switch (config.WHATSAPP_SENDER) {
    case "log":
      return ok(NAME, "WHATSAPP_SENDER=log: messages are written to the log, not sent (set WHATSAPP_SENDER=meta or evolution to send them)");
    case "meta":
      return checkMeta(config, fetchFn);
    case "evolution":
      return checkEvolution(config, fetchFn);
  }
}

async function checkMeta(config: Config, fetchFn: typeof fetch): Promise<Check> {
  const token = config.WHATSAPP_ACCESS_TOKEN;
  const phoneNumberId = config.WHATSAPP_PHONE_NUMBER_ID;
  if (!token || !phoneNumberId) return problem(NAME, `${token ? "WHATSAPP_PHONE_NUMBER_ID" : "WHATSAPP_ACCESS_TOKEN"} is required when WHATSAPP_SENDER=meta`);
  const base = (config.WHATSAPP_GRAPH_URL ?? DEFAULT_GRAPH_URL).replace(/\/+$/, "");
  const url = `${base}/${encodeURIComponent(config.WHATSAPP_GRAPH_VERSION ?? DEFAULT_GRAPH_VERSION)}/${encodeURIComponent(phoneNumberId)}?fields=display_phone_number,verified_name,quality_rating`;
  const reply = await getJson(fetchFn, url, { authorization: `Bearer ${token}` });
  if ("unreachable" in reply) return problem(NAME, `Meta's Graph API (${base}) could not be reached: ${reply.unreachable}`);
  const body = reply.json as { display_phone_number?: string; verified_name?: string; quality_rating?: string; error?: { code?: number; message?: string } };
  if (reply.status === 200 && body?.display_phone_number) {
    const quality = body.quality_rating ? `, quality ${body.quality_rating}` : "";
    return ok(NAME, `Meta Cloud API: the token works for ${body.display_phone_number}${body.verified_name ? ` (${body.verified_name}${quality})` : ""}`);
  }
  const code = body?.error?.code;
  const message = body?.error?.message ? `: ${body.error.message.slice(0, 160)}` : "";
  if (code === 190) return problem(NAME, `Meta refused WHATSAPP_ACCESS_TOKEN (code 190${message}): create a new token (a system user's token does not expire)`);
  if (code === 100 || reply.status === 404)
    return problem(NAME, `Meta does not know WHATSAPP_PHONE_NUMBER_ID ${phoneNumberId} for this token (code ${code ?? reply.status}${message})`);
  if (code === 10 || code === 200 || reply.status === 403)
    return problem(
      NAME,
      `the token may not use phone number ${phoneNumberId} (code ${code ?? reply.status}${message}): give it the whatsapp_business_messaging permission`,
    );
  return problem(NAME, `Meta's Graph API answered ${reply.status}${code !== undefined ? ` (code ${code}${message})` : ""}`);
}

async function checkEvolution(config: Config, fetchFn: typeof fetch): Promise<Check> {
  const missing = !config.EVOLUTION_URL
    ? "EVOLUTION_URL"
    : !config.EVOLUTION_API_KEY
      ? "EVOLUTION_API_KEY"
      : !config.EVOLUTION_INSTANCE
        ? "EVOLUTION_INSTANCE"
        : null;
  if (missing) return problem(NAME, `${missing} is required when WHATSAPP_SENDER=evolution`);
  const base = config.EVOLUTION_URL!.replace(/\/+$/, "");
  const instance = config.EVOLUTION_INSTANCE!;
  const reply = await getJson(fetchFn, `${base}/instance/connectionState/${encodeURIComponent(instance)}`, { apikey: config.EVOLUTION_API_KEY! });
  if ("unreachable" in reply) return problem(NAME, `Evolution API (${base}) could not be reached: ${reply.unreachable}`);
  if (reply.status === 401 || reply.status === 403) return problem(NAME, `Evolution API refused EVOLUTION_API_KEY (HTTP ${reply.status})`);
  if (reply.status === 404) return problem(NAME, `Evolution API has no instance named ${instance} (EVOLUTION_INSTANCE)`);
  const state = (reply.json as { instance?: { state?: string } } | undefined)?.instance?.state;
  if (reply.status !== 200 || !state) return problem(NAME, `Evolution API answered ${reply.status} without a connection state`);
  if (state !== "open")
    return problem(
      NAME,
      `the Evolution instance ${instance} is not connected to WhatsApp (state ${state}): connect it again (scan the QR code in Evolution's manager)`,
    );
  return ok(NAME, `Evolution API: the instance ${instance} is connected to WhatsApp`);
}

type Reply = { status: number; json: unknown } | { unreachable: string };

async function getJson(fetchFn: typeof fetch, url: string, headers: Record<string, string>): Promise<Reply> {
  try {
    const response = await fetchFn(url, { headers: { accept: "application/json", ...headers }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") return { unreachable: `no answer within ${TIMEOUT_MS / 1000} s` };
    const code = (error as { code?: unknown }).code;
    return { unreachable: typeof code === "string" ? code : "network error" };
  }
}
