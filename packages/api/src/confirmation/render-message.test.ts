import { expect, test } from "bun:test";
import { decodeButtonPayload } from "@confirma/whatsapp";
import type { OrderView } from "../orders/order-view.ts";
import { BUILT_IN_CONFIRMATION } from "./confirmation-settings.ts";
import { fillPlaceholders, renderConfirmationMessage } from "./render-message.ts";

const order: OrderView = {
  id: "01a213bb-8692-74ea-9ba9-d408fef5e624",
  clientId: "c",
  status: "pending",
  allowedTransitions: ["confirmed", "cancelled", "no_answer"],
  currency: "MAD",
  total: 349.5,
  products: [
    { id: "p1", name: "Djellaba", price: 299.5, quantity: 1 },
    { id: "p2", name: "Babouches", price: 25, quantity: 2 },
  ],
  needsReview: false,
  reviewMessageId: null,
  reviewReason: null,
  storeId: null,
  externalId: null,
  externalNumber: null,
  store: null,
  externalUrl: null,
  shippingAddress: null,
  customerEmail: null,
  paymentMethod: null,
  note: null,
  isTest: false,
  writeBack: null,
  createdAt: "2026-11-25T10:00:00.000Z",
  updatedAt: "2026-11-25T10:00:00.000Z",
};

test("the request names the items and the total, and both buttons are bound to the order", () => {
  const message = renderConfirmationMessage(order, "Youssef", BUILT_IN_CONFIRMATION, { step: 0, useTemplate: false });
  expect(message.kind).toBe("text");
  expect(message.text).toContain("Bonjour Youssef");
  expect(message.text).toContain("1 × Djellaba, 2 × Babouches");
  expect(message.text).toMatch(/349,50\s?MAD/u);
  expect(message.kind === "text" && message.buttons?.map((button) => [button.title, decodeButtonPayload(button.payload)])).toEqual([
    ["Confirmer", { intent: "confirm", orderId: order.id }],
    ["Annuler", { intent: "cancel", orderId: order.id }],
  ]);
});

test("a template carries the same values as body parameters, in order", () => {
  const message = renderConfirmationMessage(order, null, { ...BUILT_IN_CONFIRMATION, language: "en" }, { step: 1, useTemplate: true });
  expect(message.kind).toBe("template");
  if (message.kind !== "template") return;
  expect(message.name).toBe("order_confirmation_reminder");
  expect(message.language).toBe("en");
  expect(message.bodyParameters[0]).toBe("-");
  expect(message.bodyParameters[1]).toBe("#F5E624");
  expect(message.text.startsWith("Hello,")).toBe(true);
});

test("edited texts are used, unknown placeholders stay as written", () => {
  const settings = {
    ...BUILT_IN_CONFIRMATION,
    texts: { fr: { confirmation: "Salut {name} ! {total} {unknown}", reminder: "r", confirmButton: "Oui", cancelButton: "Non" } },
  };
  const message = renderConfirmationMessage(order, "Awa", settings, { step: 0, useTemplate: false });
  expect(message.text).toMatch(/^Salut Awa ! 349,50\s?MAD \{unknown\}$/u);
  expect(fillPlaceholders("{a}{b}", { a: "1" })).toBe("1{b}");
});

test('several orders: one summary, the total summed exactly, "all" buttons bound to the request, a row per order in the list', () => {
  const second: OrderView = {
    ...order,
    id: "01a213bb-8692-74ea-9ba9-d408fef5e777",
    currency: "MAD",
    total: 0.2,
    products: [{ id: "p3", name: "Foulard", price: 0.1, quantity: 2 }],
  };
  const third: OrderView = { ...second, id: "01a213bb-8692-74ea-9ba9-d408fef5e888" };
  const requestId = "01a213bb-8692-74ea-9ba9-d408fef5e999";
  const message = renderConfirmationMessage([order, second, third], "Youssef", BUILT_IN_CONFIRMATION, { step: 0, useTemplate: false, requestId });
  expect(message.kind).toBe("text");
  expect(message.text).toContain("vous avez 3 commandes à confirmer");
  expect(message.text).toContain("• #F5E777 : 2 × Foulard");
  if (message.kind !== "text") throw new Error("text expected");
  expect(message.buttons?.map((button) => decodeButtonPayload(button.payload))).toEqual([
    { intent: "confirm", requestId },
    { intent: "cancel", requestId },
  ]);
  expect(message.list?.rows.map((row) => row.title)).toEqual([
    "Tout confirmer",
    "Tout annuler",
    "Confirmer #F5E624",
    "Annuler #F5E624",
    "Confirmer #F5E777",
    "Annuler #F5E777",
    "Confirmer #F5E888",
    "Annuler #F5E888",
  ]);

  const template = renderConfirmationMessage([order, second, third], "Youssef", BUILT_IN_CONFIRMATION, { step: 1, useTemplate: true, requestId });
  expect(template.kind === "template" && template.bodyParameters).toEqual([
    "Youssef",
    "#F5E624, #F5E777, #F5E888",
    expect.stringContaining("#F5E777 : 2 × Foulard"),
    expect.stringMatching(/^349,90\s?MAD$/u),
  ]);
  expect(() => renderConfirmationMessage([order, second], null, BUILT_IN_CONFIRMATION, { step: 0, useTemplate: false })).toThrow(RangeError);
});

test('five orders or more: the two "all" buttons, no list (10 rows would not hold them)', () => {
  const many = Array.from({ length: 5 }, (_, index) => ({ ...order, id: `${order.id.slice(0, -1)}${index}` }));
  const message = renderConfirmationMessage(many, null, BUILT_IN_CONFIRMATION, { step: 0, useTemplate: false, requestId: "r1" });
  expect(message.kind === "text" && [message.buttons?.length, message.list]).toEqual([2, undefined]);
});

test("free-form messages follow the customer's language; templates only in languages they are approved in", () => {
  const text = renderConfirmationMessage(order, "Sam", BUILT_IN_CONFIRMATION, { step: 0, useTemplate: false, language: "en" });
  expect(text.kind === "text" && text.text).toStartWith("Hello Sam");
  const template = renderConfirmationMessage(order, "Sam", BUILT_IN_CONFIRMATION, { step: 0, useTemplate: true, language: "en" });
  expect(template.kind === "template" && template.language).toBe("fr");
  expect(template.kind === "template" && template.text).toStartWith("Bonjour Sam");
  const approved = renderConfirmationMessage(
    order,
    "Sam",
    { ...BUILT_IN_CONFIRMATION, templateLanguages: ["en", "ar"] },
    { step: 0, useTemplate: true, language: "ar" },
  );
  expect(approved.kind === "template" && approved.language).toBe("ar");
});
