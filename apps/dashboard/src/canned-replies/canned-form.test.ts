import { expect, test } from "bun:test";
import { checkCannedReply } from "./canned-form.ts";

test.each([
  [
    { title: " Livraison ", language: "fr", body: " Sous {delivery_date} " },
    { ok: true, input: { title: "Livraison", language: "fr", body: "Sous {delivery_date}" } },
  ],
  [
    { title: "", language: "fr", body: "x" },
    { ok: false, field: "title", error: "required" },
  ],
  [
    { title: "x".repeat(61), language: "fr", body: "x" },
    { ok: false, field: "title", error: "tooLong" },
  ],
  [
    { title: "x", language: "fr", body: "  " },
    { ok: false, field: "body", error: "required" },
  ],
  [
    { title: "x", language: "fr", body: "Bonjour {prenom}" },
    { ok: false, field: "body", error: "unknown", unknown: ["prenom"] },
  ],
] as const)("%p", (draft, expected) => {
  expect(checkCannedReply(draft)).toEqual(expected as never);
});
