import { normalizeProviderPhone } from "../phone-number/phone-number.ts";
import type { Sender } from "./types.ts";

/**
 * WhatsApp Web addresses (JIDs) as the Baileys / whatsapp-web.js gateways send them:
 * `33612345678@s.whatsapp.net`, `33612345678@c.us`, `33612345678:12@s.whatsapp.net` (device),
 * `123456789012345@lid` (hidden number), `1203…@g.us` (group), `status@broadcast`, `…@newsletter`.
 */
export type JidKind = "user" | "lid" | "group" | "broadcast" | "newsletter" | "other";

export function jidKind(jid: string): JidKind {
  const value = jid.trim().toLowerCase();
  if (!value.includes("@")) return "user";
  if (value.endsWith("@g.us")) return "group";
  if (value.endsWith("@broadcast")) return "broadcast";
  if (value.endsWith("@newsletter")) return "newsletter";
  if (value.endsWith("@lid")) return "lid";
  if (/@(s\.whatsapp\.net|c\.us|whatsapp\.net)$/.test(value)) return "user";
  return "other";
}

/** `123456789012345` for `123456789012345:3@lid`; undefined when the local part is not a plain id. */
export function lidOf(jid: string): string | undefined {
  const match = /^([A-Za-z0-9._-]+?)(?::\d+)?@lid$/i.exec(jid.trim());
  return match?.[1];
}

/** Reason an `ignored` event gives for a chat we never answer, or undefined for a person. */
export function nonPersonReason(jid: string): "group" | "broadcast" | "channel" | "unsupported_chat" | undefined {
  switch (jidKind(jid)) {
    case "group":
      return "group";
    case "broadcast":
      return "broadcast";
    case "newsletter":
      return "channel";
    case "other":
      return "unsupported_chat";
    default:
      return undefined;
  }
}

/**
 * Builds a Sender from a chat JID plus the alternative addresses a gateway may give for it
 * (`remoteJidAlt`, `senderPn`): the phone comes from the first address that is a person's
 * number, the `lid:` user id from the first `@lid` address. Undefined when neither exists.
 */
export function senderFromJids(jids: readonly (string | undefined)[], defaultCountry: string, name?: string): Sender | undefined {
  let phone: string | undefined;
  let lid: string | undefined;
  for (const jid of jids) {
    if (jid === undefined || jid.trim() === "") continue;
    const kind = jidKind(jid);
    if (kind === "lid") lid ??= lidOf(jid);
    else if (kind === "user") phone ??= normalizeProviderPhone(jid, defaultCountry) ?? undefined;
  }
  if (!phone && !lid) return undefined;
  return {
    ...(phone ? { phone } : {}),
    ...(lid ? { userId: `lid:${lid}` } : {}),
    ...(name ? { name } : {}),
  };
}
