import { expect, test } from "bun:test";
import { translate } from "../i18n/translate.ts";
import { auditAction, auditDetails } from "./audit-format.ts";

const words = (phrases: { key: Parameters<typeof translate>[1]; params?: Record<string, string | number> }[]) =>
  phrases.map((phrase) => translate("fr", phrase.key, phrase.params));

test("actions in words, unknown ones as named", () => {
  expect(translate("fr", auditAction("user.created").key)).toBe("Utilisateur créé");
  const other = auditAction("key.rotated");
  expect(translate("fr", other.key, other.params)).toContain("key.rotated");
});

test("details: users, sessions, settings, anything else shortened", () => {
  expect(words(auditDetails({ action: "user.created", target: "u1", details: { email: "k@example.com", role: "agent" } }))).toEqual([
    "k@example.com",
    "rôle : agent",
  ]);
  expect(words(auditDetails({ action: "user.updated", target: "u1", details: { disabled: true, passwordChanged: true } }))).toEqual([
    "accès désactivé",
    "mot de passe changé",
  ]);
  expect(words(auditDetails({ action: "session.created", target: "u1", details: { ip: "127.0.0.1" } }))).toEqual(["adresse 127.0.0.1"]);
  expect(auditDetails({ action: "session.created", target: "u1", details: { ip: "unknown" } })).toEqual([]);
  expect(words(auditDetails({ action: "settings.updated", target: "confirmation", details: { enabled: true } }))).toEqual(["confirmation automatique"]);
  const [raw] = auditDetails({ action: "x", target: null, details: { long: "y".repeat(300) } });
  expect(String(raw!.params!.text).length).toBe(120);
  expect(auditDetails({ action: "x", target: null, details: null })).toEqual([]);
});

test("stores and corrected orders in words; a store change names fields, never a secret's value", () => {
  expect(translate("fr", auditAction("store.created").key)).toBe("Boutique connectée");
  expect(words(auditDetails({ action: "store.updated", target: "s1", details: { fields: ["accessToken", "name"] } }))).toEqual([
    "champs modifiés : accessToken, name",
  ]);
  expect(
    words(auditDetails({ action: "order.details_changed", target: "o1", details: { before: { phone: "+212661000000" }, after: { phone: "+212662000000" } } })),
  ).toEqual(["Numéro corrigé : +212661000000 → +212662000000"]);
});
