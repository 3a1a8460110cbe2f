import { expect, test } from "bun:test";
import { messageLanguage } from "./message-language.ts";

test.each([
  ["Oui je confirme, merci", "fr"],
  ["Bonjour, c'est quand la livraison ?", "fr"],
  ["Yes please, thank you", "en"],
  ["When will my order arrive?", "en"],
  ["Sí, confirmo el pedido, gracias", "es"],
  ["نعم أؤكد الطلب", "ar"],
  ["واخا شكرا", "ar"],
  ["ok 👍", null],
  ["wakha safi", null],
  ["123", null],
  ["", null],
  ["🙏", null],
] as const)("%p is %p", (text, language) => {
  expect(messageLanguage(text)).toBe(language);
});
