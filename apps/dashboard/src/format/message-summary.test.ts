import { beforeAll, expect, test } from "bun:test";
import { summarizeMessage } from "./message-summary.ts";
import { catalogues } from "../i18n/catalogues.ts";

// English is fetched on demand in the dashboard: these tests read it.
beforeAll(() => catalogues.load("en"));

test.each([
  // type, body, locale → icon, label, text
  ["text", "Oui je confirme", "fr", null, null, "Oui je confirme"],
  ["template", "Bonjour Amina, confirmez-vous ?", "fr", null, null, "Bonjour Amina, confirmez-vous ?"],
  ["button", "Confirmer", "fr", null, null, "Confirmer"],
  ["interactive", "Annuler", "en", null, null, "Annuler"],
  ["text", "", "fr", null, "Message vide", ""],
  ["button", "", "en", "🔘", "Button reply", ""],
  ["audio", "", "fr", "🎤", "Note vocale", ""],
  ["audio", "", "en", "🎤", "Voice note", ""],
  ["image", "", "fr", "📷", "Photo", ""],
  ["image", "La robe en bleu ?", "fr", "📷", "Photo", "La robe en bleu ?"],
  ["image", "", "en", "📷", "Photo", ""],
  ["video", "", "fr", "🎬", "Vidéo", ""],
  ["video", "regardez", "en", "🎬", "Video", "regardez"],
  ["document", "", "fr", "📄", "Document", ""],
  ["document", "facture.pdf", "en", "📄", "Document", "facture.pdf"],
  ["sticker", "", "fr", "🖼️", "Sticker", ""],
  ["location", "", "fr", "📍", "Position", ""],
  ["location", "Maison, 12 rue des Lilas", "en", "📍", "Location", "Maison, 12 rue des Lilas"],
  ["contacts", "Karim Benali", "fr", "👤", "Contact", "Karim Benali"],
  ["reaction", "👍", "fr", null, "Réaction :", "👍"],
  ["reaction", "❤️", "en", null, "Reaction:", "❤️"],
  ["unknown", "", "fr", "❔", "Type de message non pris en charge", ""],
  ["poll", "", "en", "❔", "Unsupported message type", ""],
  ["order", "2 articles", "fr", "❔", "Type de message non pris en charge", "2 articles"],
] as const)("%p %p (%p) → %p %p %p", (type, body, locale, icon, label, text) => {
  expect(summarizeMessage({ type, body }, locale)).toEqual({ type, icon, label, text });
});
