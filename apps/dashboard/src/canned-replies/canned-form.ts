import { CANNED_REPLY_LIMITS, unknownPlaceholders } from "@confirma/domain";

export interface CannedDraft {
  title: string;
  language: string;
  body: string;
}

export type CannedCheck =
  | { ok: true; input: CannedDraft }
  | { ok: false; field: "title" | "body"; error: "required" | "tooLong" | "unknown"; unknown?: string[] };

/** Checks a canned reply before saving, as the server will (it refuses unknown placeholders with `invalid_input`). */
export function checkCannedReply(draft: CannedDraft): CannedCheck {
  const title = draft.title.trim();
  const body = draft.body.trim();
  if (!title) return { ok: false, field: "title", error: "required" };
  if (title.length > CANNED_REPLY_LIMITS.titleLength) return { ok: false, field: "title", error: "tooLong" };
  if (!body) return { ok: false, field: "body", error: "required" };
  if (body.length > CANNED_REPLY_LIMITS.bodyLength) return { ok: false, field: "body", error: "tooLong" };
  const unknown = unknownPlaceholders(body);
  if (unknown.length > 0) return { ok: false, field: "body", error: "unknown", unknown };
  return { ok: true, input: { title, language: draft.language, body } };
}

/** An example customer and order for the preview beside the form. */
export const PREVIEW_SOURCE = {
  client: { name: "Amina", phoneNumber: "+212 6 12 34 56 78" },
  order: { id: "preview-001001", externalNumber: "1001", total: 349, currency: "MAD", products: [{ name: "Sac cuir", quantity: 1 }] },
} as const;
