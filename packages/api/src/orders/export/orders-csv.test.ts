import { expect, test } from "bun:test";
import { csvAmount, csvCell, csvLine, csvPhone } from "./orders-csv.ts";
import { LocalTime } from "./local-time.ts";

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

test("a line: dates in the export's time zone, `;` between cells, CRLF at the end", () => {
  const at = new Date("2025-11-25T16:33:00Z");
  const line = csvLine(
    [
      { kind: "date", value: at },
      { kind: "phone", value: "+33612345678" },
      { kind: "money", value: 109.97, currency: "EUR" },
      { kind: "text", value: "Crème; savon" },
    ],
    new LocalTime("Europe/Paris"),
  );
  expect(line).toBe('2025-11-25 17:33;"=""+33612345678""";109,97;"Crème; savon"\r\n');
  expect(new LocalTime("Africa/Casablanca").text(at)).toBe("2025-11-25 17:33");
  expect(new LocalTime("UTC").text(at)).toBe("2025-11-25 16:33");
});
