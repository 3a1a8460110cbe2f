import type { DecodedBody, WebhookRequest } from "@confirma/whatsapp";
import { DomainError } from "@confirma/api";
import { parseJson } from "../http/read-body.ts";

/**
 * The URL the provider signed: behind a proxy the request URL is internal, so the public
 * base replaces origin (Twilio signs the full URL it called).
 */
export function publicRequestUrl(request: Request, publicUrl: string | undefined): string {
  const url = new URL(request.url);
  if (!publicUrl) {
    const forwardedProto = request.headers.get("x-forwarded-proto");
    const forwardedHost = request.headers.get("x-forwarded-host");
    if (forwardedProto) url.protocol = `${forwardedProto.split(",")[0]!.trim()}:`;
    if (forwardedHost) url.host = forwardedHost.split(",")[0]!.trim();
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
