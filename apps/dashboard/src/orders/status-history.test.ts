import { beforeAll, expect, test } from "bun:test";
import { en } from "../i18n/en.ts";
import { fr } from "../i18n/fr.ts";
import { translate } from "../i18n/translate.ts";
import { describeActor, describeOrderEvent, describeReason, isUnchanged, mergeHistory, type HistoryContext } from "./status-history.ts";
import { catalogues } from "../i18n/catalogues.ts";

// English is fetched on demand in the dashboard: these tests read it.
beforeAll(() => catalogues.load("en"));

const context: HistoryContext = {
  currentUserId: "me",
  userName: (id) => ({ u2: "Karim" })[id],
  messageText: (id) => ({ m1: "oui je confirme" })[id],
};
const say = (phrase: ReturnType<typeof describeActor> | null, locale: "fr" | "en" = "fr") => (phrase ? translate(locale, phrase.key, phrase.params) : null);

test("who: me, another user by name, a user nobody named, a customer's message, the key, the flow", () => {
  expect(say(describeActor({ actorType: "user", actorId: "me" }, context))).toBe(fr["history.by.you"]);
  expect(say(describeActor({ actorType: "user", actorId: "u2" }, context))).toBe("par Karim");
  expect(say(describeActor({ actorType: "user", actorId: "u3" }, context))).toBe(fr["history.by.someUser"]);
  expect(say(describeActor({ actorType: "message", actorId: "m1" }, context))).toBe("par le message du client « oui je confirme »");
  expect(say(describeActor({ actorType: "message", actorId: "m9" }, context))).toBe(fr["history.by.someMessage"]);
  expect(say(describeActor({ actorType: "api_key", actorId: "key" }, context))).toBe(fr["history.by.key"]);
  expect(say(describeActor({ actorType: "system", actorId: "confirmation-flow" }, context))).toBe(fr["history.by.flow"]);
  expect(say(describeActor({ actorType: "system", actorId: "setup" }, context))).toBe(fr["history.by.system"]);
  expect(say(describeActor({ actorType: "user", actorId: "u2" }, context), "en")).toBe("by Karim");
});

test("who, from what the server sent with the change when the page does not know", () => {
  expect(say(describeActor({ actorType: "user", actorId: "u3", actorName: "Salma" }, context))).toBe("par Salma");
  expect(say(describeActor({ actorType: "user", actorId: "u2", actorName: "Karim B." }, context))).toBe("par Karim");
  expect(say(describeActor({ actorType: "message", actorId: "m9", messageBody: " non merci " }, context))).toBe("par le message du client « non merci »");
  expect(say(describeActor({ actorType: "message", actorId: "m9", messageBody: null }, context))).toBe(fr["history.by.someMessage"]);
});

test("a long message is quoted short", () => {
  const long = { ...context, messageText: () => "x".repeat(200) };
  const phrase = describeActor({ actorType: "message", actorId: "m1" }, long);
  expect(String(phrase.params?.text).length).toBe(80);
});

test("why: known reasons, a call's outcome, else the rule that read the reply", () => {
  expect(describeReason(null)).toBeNull();
  expect(describeReason("timeout")?.key).toBe("history.reason.timeout");
  expect(describeReason("merged_into:0190aaaa-bbbb-7ccc-8ddd-eeeeeeabc123")).toEqual({ key: "history.reason.merged_into", params: { order: "#ABC123" } });
  expect(describeReason("duplicate_flagged:x-000001,x-000002")).toEqual({ key: "history.reason.duplicate_flagged", params: { order: "#000001, #000002" } });
  expect(describeReason("blocked")?.key).toBe("history.reason.blocked");
  expect(describeReason("call:wrong_number")?.key).toBe("history.reason.call.wrong_number");
  expect(describeReason("call:something_else")).toEqual({ key: "history.reason.rule", params: { rule: "call:something_else" } });
  expect(say(describeReason("button:payload"))).toBe("règle button:payload");
  for (const key of ["created", "manual", "review_dismissed", "request_again", "timeout", "auto_cancel"]) {
    expect(en[describeReason(key)!.key].length).toBeGreaterThan(0);
  }
});

test("a dismissed review is a line that changed nothing", () => {
  expect(isUnchanged({ fromStatus: "pending", toStatus: "pending" })).toBe(true);
  expect(isUnchanged({ fromStatus: null, toStatus: "pending" })).toBe(false);
  expect(isUnchanged({ fromStatus: "pending", toStatus: "confirmed" })).toBe(false);
});

test("a store's own changes are said to be the store's", () => {
  expect(say(describeActor({ actorType: "system", actorId: "store:s1" }, context))).toBe(fr["history.by.store"]);
  expect(describeReason("store:created")?.key).toBe("history.reason.store_created");
  expect(describeReason("store:cancelled")?.key).toBe("history.reason.store_cancelled");
});

test("status changes and corrections in one list, newest first; a correction says what it was and what it became", () => {
  const change = { id: "c1", createdAt: "2026-11-29T10:00:00.000Z" } as Parameters<typeof mergeHistory>[0][number];
  const event = {
    id: "e1",
    createdAt: "2026-11-29T11:00:00.000Z",
    action: "order.details_changed",
    details: {
      before: { phone: null, shippingAddress: { address1: "3 rue Fès", city: "Fès" } },
      after: { phone: "+212662000000", shippingAddress: { address1: "5 avenue Hassan II", city: "Fès" } },
    },
  } as unknown as Parameters<typeof mergeHistory>[1][number];
  expect(mergeHistory([change], [event]).map((entry) => entry.kind)).toEqual(["event", "status"]);
  expect(describeOrderEvent(event).map((phrase) => say(phrase))).toEqual([
    "Adresse corrigée : « 3 rue Fès, Fès » → « 5 avenue Hassan II, Fès »",
    "Numéro corrigé : — → +212662000000",
  ]);
  expect(describeOrderEvent({ action: "order.store_changed", details: null })).toEqual([{ key: "history.event.storeChanged" }]);
  expect(describeOrderEvent({ action: "order.surprise", details: null })).toEqual([{ key: "history.event.other", params: { action: "order.surprise" } }]);
});

test("an items change says what the order held and what it holds, with the totals", () => {
  const event = {
    action: "order.lines_changed",
    details: {
      before: { lines: [{ id: "a", name: "Savon", price: 19.99, quantity: 1 }], total: 19.99 },
      after: {
        lines: [
          { id: "a", name: "Savon", price: 19.99, quantity: 3 },
          { id: "c", name: "Crème", price: 0.2, quantity: 1 },
        ],
        total: 60.17,
      },
      currency: "EUR",
    },
  };
  expect(describeOrderEvent(event).map((phrase) => say(phrase))).toEqual(["Articles modifiés : 1 × Savon · 19.99 EUR → 3 × Savon, 1 × Crème · 60.17 EUR"]);
});
