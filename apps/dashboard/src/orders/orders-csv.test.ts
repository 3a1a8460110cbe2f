import { expect, test } from "bun:test";
import type { Order } from "../api/types.ts";
import { fr } from "../i18n/fr.ts";
import { csvAmount, csvCell, csvDateTime, csvFileName, csvPhone, ordersCsv } from "./orders-csv.ts";

const labels = { label: (key: keyof typeof fr) => fr[key], status: (status: Order["status"]) => fr[`status.order.${status}`] };

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: "0190a000-0000-7000-8000-00000074a1ce",
    clientId: "c1",
    status: "pending",
    allowedTransitions: ["confirmed", "cancelled", "no_answer"],
    currency: "EUR",
    total: 109.97,
    products: [
      { id: "p1", name: "Produit A", price: 29.99, quantity: 2 },
      { id: "p2", name: "Produit B", price: 49.99, quantity: 1 },
    ],
    needsReview: false,
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
    reviewMessageId: null,
    reviewReason: null,
    reviewMessage: null,
    client: { name: "Amina", phoneNumber: "+33612345678" },
    createdAt: "2025-11-25T16:33:00.000Z",
    updatedAt: "2025-11-25T16:33:00.000Z",
    statusChangedAt: "2025-11-25T16:33:00.000Z",
    ...overrides,
  };
}

test.each([
  ["plain", "plain"],
  ["a;b", '"a;b"'],
  ['say "oui"', '"say ""oui"""'],
  ["two\nlines", '"two\nlines"'],
  ["=1+1", "'=1+1"],
  ["+33 6 12", "'+33 6 12"],
  ["-2", "'-2"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ['=HYPERLINK("x";"y")', `"'=HYPERLINK(""x"";""y"")"`],
  ["", ""],
])("cell %p → %p", (value, expected) => {
  expect(csvCell(value)).toBe(expected);
});

test.each([
  // An E.164 number is no formula: it is written so Excel keeps it as text, with its plus, no apostrophe.
  ["+33612345678", '"=""+33612345678"""'],
  ["+212612345678", '"=""+212612345678"""'],
  ["", ""],
  // Anything else is text like any other cell, formula guard included.
  ["+33 6 12 34 56 78", "'+33 6 12 34 56 78"],
  ["+336=1+1", "'+336=1+1"],
  ["=1+1", "'=1+1"],
  ["0612345678", "0612345678"],
])("phone %p → %p", (value, expected) => {
  expect(csvPhone(value)).toBe(expected);
});

test("amounts use a decimal comma and the currency's decimals", () => {
  expect(csvAmount(109.97, "EUR")).toBe("109,97");
  expect(csvAmount(5, "EUR")).toBe("5,00");
  expect(csvAmount(1500, "XOF")).toBe("1500");
  expect(csvAmount(1.5, "TND")).toBe("1,500");
});

test("the file starts with a BOM, separates with ; and ends lines with CRLF", () => {
  const csv = ordersCsv(
    [
      order(),
      order({
        id: "0190a000-0000-7000-8000-0000000b0b02",
        statusChangedAt: "2025-11-26T08:05:00.000Z",
        client: { name: "=cmd|' /C calc'!A0", phoneNumber: null },
        store: { id: "s1", name: "Boutique Atlas", platform: "shopify" },
        externalNumber: "#1001",
        needsReview: true,
        status: "confirmed",
      }),
    ],
    labels,
  );
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).split("\r\n");
  expect(lines.at(-1)).toBe("");
  expect(lines[0]).toBe(
    "Date de création;Commande;Client;Téléphone;Statut;Date du statut;Total;Devise;Produits;À vérifier;Boutique;N° dans la boutique;Identifiant",
  );
  const cells = lines[1]!.split(";");
  expect(cells).toHaveLength(13);
  expect(cells[1]).toBe("#74A1CE");
  expect(cells[2]).toBe("Amina");
  expect(cells[3]).toBe('"=""+33612345678"""');
  expect(cells[4]).toBe("En attente");
  expect(cells[6]).toBe("109,97");
  expect(cells[8]).toBe("2 × Produit A, 1 × Produit B");
  expect(cells.slice(10, 12)).toEqual(["", ""]);
  expect(cells[12]).toBe("0190a000-0000-7000-8000-00000074a1ce");
  expect(lines[2]).toContain(";#0B0B02;'=cmd|' /C calc'!A0;;");
  // The status's own date: an order confirmed on the 26th reads so, whenever it was created.
  expect(lines[2]).toContain(`;Confirmée;${csvDateTime("2025-11-26T08:05:00.000Z")};`);
  expect(lines[2]!.endsWith(";oui;Boutique Atlas;#1001;0190a000-0000-7000-8000-0000000b0b02")).toBe(true);
  expect(csv.includes("\n") && !/[^\r]\n/.test(csv)).toBe(true);
});

test("file name carries the date", () => {
  expect(csvFileName("commandes", new Date(2025, 10, 5))).toBe("commandes-2025-11-05.csv");
});
