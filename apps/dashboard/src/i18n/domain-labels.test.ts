import { expect, test } from "bun:test";
import {
  CALL_OUTCOMES,
  CALL_REASONS,
  CLIENT_STATUSES,
  MESSAGE_LANGUAGES,
  MESSAGE_STATUSES,
  ORDER_STATUSES,
  OUTBOUND_DELIVERY_STATUSES,
  OUTBOUND_EVENT_TYPES,
  REVIEW_REASONS,
  USER_ROLES,
} from "@confirma/domain";
import { en } from "./en.ts";
import { fr } from "./fr.ts";

/** The catalogue keys the dashboard shows each shared value with: the values come from @confirma/domain, never restated here. */
const labelled = [
  ["order status", "status.order.", ORDER_STATUSES],
  ["client status", "status.client.", CLIENT_STATUSES],
  ["call reason", "calls.reason.", CALL_REASONS],
  ["call outcome", "calls.outcome.", CALL_OUTCOMES],
  ["call outcome in the history", "history.reason.call.", CALL_OUTCOMES],
  ["review reason", "review.reason.", REVIEW_REASONS],
  ["message status", "client.messageStatus.", MESSAGE_STATUSES],
  ["user role", "role.", USER_ROLES],
  ["message language", "messageLanguage.", MESSAGE_LANGUAGES],
  ["outbound webhook event", "webhooks.event.", OUTBOUND_EVENT_TYPES],
  ["outbound delivery status", "webhooks.delivery.", OUTBOUND_DELIVERY_STATUSES],
] as const;

test.each(labelled)("every %s the server knows has a label in both languages", (_what, prefix, values) => {
  const catalogues: Record<string, Record<string, string>> = { fr, en };
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    const missing = values.filter((value) => !catalogue[`${prefix}${value}`]?.trim());
    expect(missing, `${locale}: ${prefix}*`).toEqual([]);
  }
});

test("the labels name no value the server does not have", () => {
  const known = new Set<string>(labelled.flatMap(([, prefix, values]) => values.map((value) => `${prefix}${value}`)));
  for (const [, prefix] of labelled) {
    // `status.order.` and the like hold only values; keys with more words after the prefix are not labels of a value.
    const stray = Object.keys(fr).filter((key) => key.startsWith(prefix) && !key.slice(prefix.length).includes(".") && !known.has(key));
    expect(stray, prefix).toEqual([]);
  }
});
