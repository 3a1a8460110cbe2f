import { expect, test } from "bun:test";
import type { Order } from "../api/types.ts";
import { fr } from "../i18n/fr.ts";
import { csvAmount, csvCell, csvFileName, ordersCsv } from "./orders-csv.ts";

const labels = { label: (key: keyof typeof fr) => fr[key], status: (status: Order["status"]) => fr[`status.order.${status}`] };

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: "0190a000-0000-7000-8000-000000000001",
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
    reviewMessageId: null,
    reviewReason: null,
    reviewMessage: null,
    client: { name: "Amina", phoneNumber: "+33612345678" },
    createdAt: "2025-11-25T16:33:00.000Z",
    updatedAt: "2025-11-25T16:33:00.000Z",
    ...overrides,
  };
}

test.each([
  ["plain", "plain"],
  ["a;b", '"a;b"'],
  ['say "oui"', '"say ""oui"""'],
  ["two\nlines", '"two\nlines"'],
  ["=1+1", "'=1+1"],
  ["+33612345678", "'+33612345678"],
  ["-2", "'-2"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ['=HYPERLINK("x";"y")', `"'=HYPERLINK(""x"";""y"")"`],
  ["", ""],
])("cell %p → %p", (value, expected) => {
  expect(csvCell(value)).toBe(expected);
});

test("amounts use a decimal comma and the currency's decimals", () => {
  expect(csvAmount(109.97, "EUR")).toBe("109,97");
  expect(csvAmount(5, "EUR")).toBe("5,00");
  expect(csvAmount(1500, "XOF")).toBe("1500");
  expect(csvAmount(1.5, "TND")).toBe("1,500");
});

test("the file starts with a BOM, separates with ; and ends lines with CRLF", () => {
  const csv = ordersCsv([order(), order({ id: "0190a000-0000-7000-8000-000000000002", client: { name: "=cmd|' /C calc'!A0", phoneNumber: null }, needsReview: true, status: "confirmed" })], labels);
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).split("\r\n");
  expect(lines.at(-1)).toBe("");
  expect(lines[0]).toBe("Date;Commande;Client;Téléphone;Statut;Total;Devise;Produits;À vérifier");
  const cells = lines[1]!.split(";");
  expect(cells).toHaveLength(9);
  expect(cells[2]).toBe("Amina");
  expect(cells[3]).toBe("'+33612345678");
  expect(cells[4]).toBe("En attente");
  expect(cells[5]).toBe("109,97");
  expect(cells[7]).toBe("2 × Produit A, 1 × Produit B");
  expect(lines[2]).toContain(";'=cmd|' /C calc'!A0;");
  expect(lines[2]).toContain(";Confirmée;");
  expect(lines[2]!.endsWith(";oui")).toBe(true);
  expect(csv.includes("\n") && !/[^\r]\n/.test(csv)).toBe(true);
});

test("file name carries the date", () => {
  expect(csvFileName("commandes", new Date(2025, 10, 5))).toBe("commandes-2025-11-05.csv");
});
