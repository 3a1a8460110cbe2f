import type { DecodedBody, WebhookRequest } from "@confirma/whatsapp";
import { DomainError } from "@confirma/api";
import { parseJson } from "../http/read-body.ts";
import { forwardedValue } from "../http/trusted-proxy.ts";

/**
 * The URL the provider signed: behind a proxy the request URL is internal, so the public
 * base replaces origin (Twilio signs the full URL it called). Without `PUBLIC_URL`, the request's
 * own URL, where X-Forwarded-Proto / X-Forwarded-Host count only when written by our own
 * proxies (`proxies`: how many trusted proxies the request came through, see `resolveForwarding`).
 */
export function publicRequestUrl(request: Request, { publicUrl, proxies = 0 }: { publicUrl: string | undefined; proxies?: number }): string {
  const url = new URL(request.url);
  if (!publicUrl) {
    const forwardedProto = forwardedValue(request.headers.get("x-forwarded-proto"), proxies)?.toLowerCase();
    const forwardedHost = forwardedValue(request.headers.get("x-forwarded-host"), proxies);
    if (forwardedProto === "http" || forwardedProto === "https") url.protocol = `${forwardedProto}:`;
    if (forwardedHost && URL.canParse(`http://${forwardedHost}/`)) {
      // The host the client called, with its own port (or none): not the port we listen on.
      const called = new URL(`http://${forwardedHost}/`);
      url.hostname = called.hostname;
      url.port = called.port;
    }
    return url.toString();
  }
  const base = new URL(publicUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  return `${base.origin}${basePath}${url.pathname}${url.search}`;
}

/** Decodes the body once, by content type: form fields for Twilio, JSON for everyone else. */
export function decodeWebhookBody(request: WebhookRequest): DecodedBody {
  const type = request.headers.get("content-type") ?? "";
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(request.rawBody);
    } catch {
      throw new DomainError("invalid_payload", "the form body is not valid UTF-8");
    }
    return { format: "form", fields: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (type && !/^(application\/([\w.+-]*\+)?json|text\/plain)\b/i.test(type)) {
    throw new DomainError("unsupported_media_type", `webhooks are JSON or form-encoded, not ${type.split(";")[0]}`);
  }
  return { format: "json", value: parseJson(request.rawBody) };
}
