import { describe, expect, test } from "bun:test";
import {
  placeholdersIn,
  placeholderValues,
  renderCannedReply,
  renderPlaceholders,
  replyLanguage,
  unfilledPlaceholders,
  unknownPlaceholders,
  type PlaceholderSource,
} from "./canned-replies.ts";

const source: PlaceholderSource = {
  client: { name: " Amina ", phoneNumber: "+212612345678" },
  order: {
    id: "0190aaaa-bbbb-7ccc-8ddd-eeeeee12ab34",
    externalNumber: "1001",
    total: 109.97,
    currency: "EUR",
    products: [
      { name: "Sac", quantity: 2 },
      { name: "Montre", quantity: 1 },
    ],
  },
  deliveryDate: "48 à 72 h",
  language: "fr",
};

describe("renderPlaceholders", () => {
  test.each([
    ["Bonjour {name}", { name: "Amina" }, "Bonjour Amina"],
    ["Bonjour {nom}", { name: "Amina" }, "Bonjour {nom}"],
    ["{name}{name}", { name: "A" }, "AA"],
    ["Livraison {delivery_date}", { delivery_date: "" }, "Livraison {delivery_date}"],
    ["pas de {", {}, "pas de {"],
    ["{ name }", { name: "A" }, "{ name }"],
  ] as const)("%p", (text, values, expected) => {
    expect(renderPlaceholders(text, values)).toBe(expected);
  });
});

test("placeholders found, unknown and unfilled", () => {
  expect(placeholdersIn("{name} {x} {name} {total}")).toEqual(["name", "x", "total"]);
  expect(unknownPlaceholders("{name} {prenom} {delivery_date} {x}")).toEqual(["prenom", "x"]);
  expect(unfilledPlaceholders("Bonjour Amina, livraison {delivery_date} {autre}")).toEqual(["delivery_date"]);
});

test("values of an order, formatted for the language, exact money", () => {
  expect(placeholderValues(source)).toEqual({
    name: "Amina",
    phone: "+212612345678",
    order: "#1001",
    total: "109,97\u00a0€",
    items: "2 × Sac, 1 × Montre",
    delivery_date: "48 à 72 h",
  });
  expect(placeholderValues({ ...source, language: "en" }).total).toBe("€109.97");
  expect(placeholderValues({ ...source, order: { ...source.order!, externalNumber: null } }).order).toBe("#12AB34");
});

test("a reply with no order keeps the order's placeholders visible", () => {
  expect(renderCannedReply("Bonjour {name}, total {total}", { ...source, order: null })).toBe("Bonjour Amina, total {total}");
});

test("language: the customer's when supported, else French", () => {
  expect(replyLanguage("ar")).toBe("ar");
  expect(replyLanguage("en-GB")).toBe("en");
  expect(replyLanguage("de")).toBe("fr");
  expect(replyLanguage(null)).toBe("fr");
});
