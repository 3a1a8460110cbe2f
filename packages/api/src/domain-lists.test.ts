import { expect, test } from "bun:test";
import * as stored from "@confirma/db/schema";
import * as domain from "@confirma/domain";
import type { MessageTexts } from "./confirmation/confirmation-settings-schema.ts";

/**
 * packages/db imports nothing of ours, so its column enums are written out in the schema; the
 * rules' home is @confirma/domain. This holds the two together, by value and by type.
 */
const pairs = [
  ["CLIENT_STATUSES", stored.CLIENT_STATUSES, domain.CLIENT_STATUSES],
  ["ORDER_STATUSES", stored.ORDER_STATUSES, domain.ORDER_STATUSES],
  ["CALL_REASONS", stored.CALL_REASONS, domain.CALL_REASONS],
  ["CALL_OUTCOMES", stored.CALL_OUTCOMES, domain.CALL_OUTCOMES],
  ["REVIEW_REASONS", stored.REVIEW_REASONS, domain.REVIEW_REASONS],
  ["MESSAGE_STATUSES", stored.MESSAGE_STATUSES, domain.MESSAGE_STATUSES],
  ["MESSAGE_PURPOSES", stored.MESSAGE_PURPOSES, domain.MESSAGE_PURPOSES],
  ["USER_ROLES", stored.USER_ROLES, domain.USER_ROLES],
  ["OUTBOUND_EVENT_TYPES", stored.OUTBOUND_EVENT_TYPES, domain.OUTBOUND_EVENT_TYPES],
  ["OUTBOUND_DELIVERY_STATUSES", stored.OUTBOUND_DELIVERY_STATUSES, domain.OUTBOUND_DELIVERY_STATUSES],
  ["CLIENT_LANGUAGES", stored.CLIENT_LANGUAGES, domain.MESSAGE_LANGUAGES],
] as const;

test.each(pairs)("the database's %s are the domain's, in the same order", (_name, inSchema, shared) => {
  expect([...inSchema]).toEqual([...shared]);
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: [
  Same<stored.ClientStatus, domain.ClientStatus>,
  Same<stored.OrderStatus, domain.OrderStatus>,
  Same<stored.CallReason, domain.CallReason>,
  Same<stored.CallOutcome, domain.CallOutcome>,
  Same<stored.ReviewReason, domain.ReviewReason>,
  Same<stored.MessageStatus, domain.MessageStatus>,
  Same<stored.MessagePurpose, domain.MessagePurpose>,
  Same<stored.UserRole, domain.UserRole>,
  Same<stored.OutboundEventType, domain.OutboundEventType>,
  Same<stored.OutboundDeliveryStatus, domain.OutboundDeliveryStatus>,
  Same<keyof MessageTexts, domain.MessageTextField>,
] = [true, true, true, true, true, true, true, true, true, true, true];

test("the types agree too (checked by the compiler)", () => {
  expect(sameTypes.every(Boolean)).toBe(true);
});
