import { expect, test } from "bun:test";
import { readImportDate, readImportStatus, readStatusImport } from "./status-import-csv.ts";

test.each([
  ["Livrée", "delivered"],
  ["LIVRE", "delivered"],
  ["delivered", "delivered"],
  ["retourné", "returned"],
  ["Retour expéditeur", "returned"],
  ["returned", "returned"],
  ["Expédiée", "shipped"],
  ["en cours de livraison", "shipped"],
  ["shipped", "shipped"],
  ["perdu", null],
  ["confirmed", null],
  ["", null],
])("status word %p → %p", (word, expected) => {
  expect(readImportStatus(word)).toBe(expected as never);
});

test.each([
  ["2025-11-28", "2025-11-28T00:00:00.000Z"],
  ["2025-11-28 14:05", "2025-11-28T14:05:00.000Z"],
  ["2025-11-28T14:05:00+01:00", "2025-11-28T13:05:00.000Z"],
  ["28/11/2025", "2025-11-28T00:00:00.000Z"],
  ["28/11/2025 14:05", "2025-11-28T14:05:00.000Z"],
  ["31/02/2025", null],
  ["hier", null],
  ["2025-13-01", null],
])("date %p → %p", (text, expected) => {
  expect(readImportDate(text)?.toISOString() ?? null).toBe(expected);
});

test("a header names the columns, in any order, with `;` and quotes", () => {
  const { rows, columns } = readStatusImport('\uFEFFDate;Statut;"N° commande"\r\n28/11/2025;Livrée;#74A1CE\r\n\r\n;"retour; client";1001\r\n');
  expect(columns).toEqual({ reference: 2, status: 1, date: 0 });
  expect(rows).toEqual([
    { line: 2, reference: "#74A1CE", status: "Livrée", date: "28/11/2025" },
    { line: 4, reference: "1001", status: "retour; client", date: null },
  ]);
});

test("without a header: number, status, date; commas or tabs", () => {
  expect(readStatusImport("1001,delivered\n1002,returned,2025-11-28\n").rows).toEqual([
    { line: 1, reference: "1001", status: "delivered", date: null },
    { line: 2, reference: "1002", status: "returned", date: "2025-11-28" },
  ]);
  expect(readStatusImport("1001\tlivré").rows).toEqual([{ line: 1, reference: "1001", status: "livré", date: null }]);
});
