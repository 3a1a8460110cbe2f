import { fromMinorUnits, parseAmountToMinor } from "@confirma/domain";
import type { ProductLineInput } from "../api/types.ts";

/** One product line as the person types it. */
export interface DraftLine {
  key: number;
  name: string;
  reference: string;
  price: string;
  quantity: string;
}

export interface LineCheck {
  nameOk: boolean;
  priceMinor: number | null;
  quantity: number | null;
  /** price × quantity in minor units, when both are valid. */
  totalMinor: number | null;
}

let nextKey = 1;
export function emptyLine(): DraftLine {
  return { key: nextKey++, name: "", reference: "", price: "", quantity: "1" };
}

export function parseQuantity(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= 1_000_000 ? value : null;
}

export function checkLine(line: DraftLine, currency: string): LineCheck {
  const priceMinor = parseAmountToMinor(line.price, currency);
  const quantity = parseQuantity(line.quantity);
  return { nameOk: line.name.trim().length > 0, priceMinor, quantity, totalMinor: priceMinor !== null && quantity !== null ? priceMinor * quantity : null };
}

/** The live total of the lines that are complete, in minor units. */
export function draftTotalMinor(lines: readonly DraftLine[], currency: string): number {
  return lines.reduce((sum, line) => sum + (checkLine(line, currency).totalMinor ?? 0), 0);
}

/** The `products` of `orders.create`, or null while a line is incomplete or invalid. */
export function toProductsInput(lines: readonly DraftLine[], currency: string): ProductLineInput[] | null {
  const products: ProductLineInput[] = [];
  for (const [index, line] of lines.entries()) {
    const check = checkLine(line, currency);
    if (!check.nameOk || check.priceMinor === null || check.quantity === null) return null;
    products.push({
      id: line.reference.trim() || `line-${index + 1}`,
      name: line.name.trim(),
      price: fromMinorUnits(check.priceMinor, currency),
      quantity: check.quantity,
    });
  }
  return products.length ? products : null;
}
