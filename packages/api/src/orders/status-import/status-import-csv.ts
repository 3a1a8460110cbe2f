import type { ParcelStatus } from "@confirma/domain";

/** The statuses a courier's file may set: what happens to a parcel after confirmation. */
export type ImportableStatus = ParcelStatus;

/** One data line of the file, as written. */
export interface StatusImportRow {
  /** 1-based line in the file (the header is line 1 when there is one). */
  line: number;
  reference: string;
  status: string;
  date: string | null;
}

/** The words couriers and merchants write, French and English, accents and case ignored. */
const STATUS_WORDS: Record<string, ImportableStatus> = {
  shipped: "shipped",
  expedie: "shipped",
  expediee: "shipped",
  envoye: "shipped",
  envoyee: "shipped",
  "en cours de livraison": "shipped",
  "in transit": "shipped",
  delivered: "delivered",
  livre: "delivered",
  livree: "delivered",
  returned: "returned",
  retourne: "returned",
  retournee: "returned",
  retour: "returned",
  "retour expediteur": "returned",
};

function plain(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}

/** `Livrée`, `DELIVERED`, `retourné` → the status; null for a word not understood. */
export function readImportStatus(word: string): ImportableStatus | null {
  return STATUS_WORDS[plain(word)] ?? null;
}

/**
 * A date as couriers write it: ISO (`2025-11-28`, `2025-11-28T14:05:00Z`) or French
 * (`28/11/2025`, `28/11/2025 14:05`); a date without a zone is read in UTC. Null when unreadable.
 */
export function readImportDate(text: string): Date | null {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (french) {
    const [, day, month, year, hour = "0", minute = "0"] = french;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute)));
    return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1 ? date : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return null;
  const iso = text.trim().replace(" ", "T");
  const date = new Date(/T.*(Z|[+-]\d{2}:?\d{2})$/.test(iso) || !iso.includes("T") ? iso : `${iso}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const REFERENCE_HEADERS = ["commande", "order", "numero", "n", "no", "n commande", "order number", "reference", "ref", "id", "numero de commande"];
const STATUS_HEADERS = ["statut", "status", "etat", "state"];
const DATE_HEADERS = ["date", "date du statut", "status date", "date de livraison", "delivery date"];

/** Splits CSV text into records: quoted cells (`""` for a quote), CRLF or LF, the given separator. */
function records(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Reads a courier's or a merchant's file of order numbers and statuses: `;`, `,` or tab
 * separated (the first line says which), a UTF-8 byte-order mark allowed. With a header line the
 * columns are found by name (`Commande`/`Order`/`N°`, `Statut`/`Status`, `Date`); without one
 * they are number, status, date. Blank lines are skipped.
 */
export function readStatusImport(text: string): { rows: StatusImportRow[]; columns: { reference: number; status: number; date: number | null } } {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const separator = [";", "\t", ","].map((candidate) => [candidate, firstLine.split(candidate).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const all = records(body, separator);
  const header = (all[0] ?? []).map((name) =>
    plain(name)
      .replace(/[°º.#:]/g, "")
      .trim(),
  );
  const find = (names: readonly string[]) => {
    const index = header.findIndex((name) => names.includes(name));
    return index === -1 ? null : index;
  };
  const status = find(STATUS_HEADERS);
  const hasHeader = status !== null;
  const columns = hasHeader
    ? { reference: find(REFERENCE_HEADERS) ?? (status === 0 ? 1 : 0), status, date: find(DATE_HEADERS) }
    : { reference: 0, status: 1, date: 2 };
  const rows: StatusImportRow[] = [];
  all.forEach((cells, index) => {
    if (hasHeader && index === 0) return;
    if (cells.every((cell) => cell.trim() === "")) return;
    const date = columns.date === null ? "" : (cells[columns.date] ?? "").trim();
    rows.push({ line: index + 1, reference: (cells[columns.reference] ?? "").trim(), status: (cells[columns.status] ?? "").trim(), date: date || null });
  });
  return { rows, columns };
}
