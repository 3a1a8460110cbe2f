import { expect, test } from "bun:test";
import { filterCannedReplies, insertCannedReply, moveActive, offeredLanguage, slashQuery, type CannedChoice } from "./canned-picker.ts";

test.each([
  ["/", 1, ""],
  ["/livr", 5, "livr"],
  ["/livr", 3, null],
  ["/livr ", 6, null],
  ["Bonjour /x", 10, null],
  ["", 0, null],
  ["/a b", 4, null],
] as const)("slashQuery(%p, %p)", (text, caret, expected) => {
  expect(slashQuery(text, caret)).toBe(expected);
});

const replies: CannedChoice[] = [
  { id: "1", title: "Livraison", language: "fr", body: "Livraison sous {delivery_date}" },
  { id: "2", title: "Délai", language: "fr", body: "Votre colis part aujourd'hui" },
  { id: "3", title: "Delivery", language: "en", body: "Delivery in {delivery_date}" },
  { id: "4", title: "Merci", language: "fr", body: "Merci {name} ! Livraison offerte." },
];

test("filter: title prefix, then title, then body; the customer's language first; accents ignored", () => {
  expect(filterCannedReplies(replies, "", "fr").map((item) => item.id)).toEqual(["2", "1", "4", "3"]);
  expect(filterCannedReplies(replies, "liv", "fr").map((item) => item.id)).toEqual(["1", "4", "3"]);
  expect(filterCannedReplies(replies, "DELAI", "fr").map((item) => item.id)).toEqual(["2"]);
  expect(filterCannedReplies(replies, "deli", "en").map((item) => item.id)).toEqual(["3", "1"]);
  expect(filterCannedReplies(replies, "zzz", "fr")).toEqual([]);
  expect(filterCannedReplies(replies, "", "fr", 2)).toHaveLength(2);
});

test.each([
  [null, "en", "en"],
  [null, "ar", "ar"],
  ["es", "ar", "es"],
  [null, null, "fr"],
  [undefined, undefined, "fr"],
  [null, "de", "fr"],
] as const)("offeredLanguage(inserted %p, customer %p) = %p", (inserted, customer, expected) => {
  expect(offeredLanguage(inserted, customer)).toBe(expected);
});

test("a queue card for an English-speaking customer offers the English reply first, French after; an inserted French reply turns it back", () => {
  const queueItem = { language: "en" };
  expect(filterCannedReplies(replies, "", offeredLanguage(null, queueItem.language)).map((item) => item.id)).toEqual(["3", "2", "1", "4"]);
  expect(filterCannedReplies(replies, "", offeredLanguage("fr", queueItem.language)).map((item) => item.id)).toEqual(["2", "1", "4", "3"]);
  // A card without a language (an older server): French first, as before.
  expect(filterCannedReplies(replies, "", offeredLanguage(null, undefined))[0]!.language).toBe("fr");
});

test("arrows wrap round", () => {
  expect(moveActive(-1, 1, 3)).toBe(0);
  expect(moveActive(-1, -1, 3)).toBe(2);
  expect(moveActive(2, 1, 3)).toBe(0);
  expect(moveActive(0, -1, 3)).toBe(2);
  expect(moveActive(0, 1, 0)).toBe(-1);
});

test("insert replaces the /query with the rendered reply, caret after it", () => {
  const source = { client: { name: "Amina", phoneNumber: null }, order: null, deliveryDate: "48 h", language: "fr" as const };
  expect(insertCannedReply("/liv", 4, replies[0]!, source)).toEqual({ text: "Livraison sous 48 h", caret: 19 });
  expect(insertCannedReply("/", 1, replies[3]!, { ...source, client: null })).toEqual({ text: "Merci {name} ! Livraison offerte.", caret: 33 });
});
