import { beforeAll, expect, test } from "bun:test";
import { formatDate, formatDateTime, formatMoney, formatPercent, formatShortDay, formatTime, orderNumber } from "./format.ts";
import { catalogues } from "../i18n/catalogues.ts";

// English is fetched on demand in the dashboard: these tests read it.
beforeAll(() => catalogues.load("en"));

/** Intl puts no-break spaces in French amounts; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

test("money in the UI language", () => {
  expect(plain(formatMoney(109.97, "EUR", "fr"))).toBe("109,97 €");
  expect(formatMoney(109.97, "EUR", "en")).toBe("€109.97");
  expect(plain(formatMoney(1200, "MAD", "fr"))).toBe("1 200,00 MAD");
  expect(plain(formatMoney(1500, "XOF", "fr"))).toBe("1 500 F CFA");
});

test("percent", () => {
  expect(plain(formatPercent(0.873, "fr"))).toBe("87 %");
  expect(formatPercent(0.5, "en")).toBe("50%");
});

test("dates and times in a fixed zone", () => {
  const at = "2025-11-25T16:33:00.000Z";
  expect(formatTime(at, "fr", "Europe/Paris")).toBe("17:33");
  expect(formatDate(at, "fr", "Europe/Paris")).toBe("25 nov. 2025");
  expect(formatDate(at, "en", "Europe/Paris")).toBe("25 Nov 2025");
  expect(formatDateTime(at, "fr", "Europe/Paris")).toContain("17:33");
  expect(formatShortDay("2025-11-25", "fr")).toBe("25 nov.");
  expect(formatShortDay("2025-11-25", "en")).toBe("25 Nov");
});

test("order numbers as customers see them", () => {
  expect(orderNumber("0199aabbccddeeff4f2a9c")).toBe("#4F2A9C");
});
