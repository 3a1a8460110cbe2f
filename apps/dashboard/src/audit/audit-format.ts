import type { AuditEvent } from "../api/types.ts";
import type { MessageKey } from "../i18n/translate.ts";
import { describeOrderEvent, type Phrase } from "../orders/status-history.ts";

const ACTIONS: Record<string, MessageKey> = {
  "user.created": "audit.action.user.created",
  "user.updated": "audit.action.user.updated",
  "settings.updated": "audit.action.settings.updated",
  "session.created": "audit.action.session.created",
  "session.ended": "audit.action.session.ended",
  "store.created": "audit.action.store.created",
  "store.updated": "audit.action.store.updated",
  "store.deleted": "audit.action.store.deleted",
  "order.details_changed": "audit.action.order.details_changed",
  "order.lines_changed": "audit.action.order.lines_changed",
};

/** The action in words; unknown actions are shown as the server names them. */
export function auditAction(action: string): Phrase {
  const key = ACTIONS[action];
  return key ? { key } : { key: "audit.action.other", params: { action } };
}

const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
const MAX_RAW = 120;

/** What changed, in a few words: never the raw settings blob, never a secret (the server stores none). */
export function auditDetails(event: Pick<AuditEvent, "action" | "target" | "details">): Phrase[] {
  const details = (event.details ?? {}) as Record<string, unknown>;
  const phrases: Phrase[] = [];
  switch (event.action) {
    case "settings.updated":
      return [{ key: event.target === "confirmation" ? "audit.detail.confirmation" : "audit.detail.settings", params: { name: event.target ?? "" } }];
    case "session.created":
    case "session.ended":
      return details.ip && details.ip !== "unknown" ? [{ key: "audit.detail.ip", params: { ip: text(details.ip) } }] : [];
    case "user.created":
    case "user.updated":
      if (details.email) phrases.push({ key: "audit.detail.email", params: { email: text(details.email) } });
      if (details.name !== undefined) phrases.push({ key: "audit.detail.name", params: { name: text(details.name ?? "—") } });
      if (details.role === "admin" || details.role === "agent")
        phrases.push({ key: details.role === "admin" ? "audit.detail.roleAdmin" : "audit.detail.roleAgent" });
      if (details.disabled === true) phrases.push({ key: "audit.detail.disabled" });
      if (details.disabled === false) phrases.push({ key: "audit.detail.enabled" });
      if (details.passwordChanged) phrases.push({ key: "audit.detail.password" });
      return phrases;
    case "store.created":
    case "store.deleted":
      return details.name ? [{ key: "audit.detail.raw", params: { text: text(details.name) } }] : [];
    case "store.updated":
      return Array.isArray(details.fields) ? [{ key: "audit.detail.fields", params: { fields: details.fields.join(", ") } }] : [];
    case "order.details_changed":
    case "order.lines_changed":
      return describeOrderEvent(event);
    default: {
      if (!event.details) return [];
      const raw = JSON.stringify(event.details);
      return [{ key: "audit.detail.raw", params: { text: raw.length > MAX_RAW ? `${raw.slice(0, MAX_RAW - 1)}…` : raw } }];
    }
  }
}
