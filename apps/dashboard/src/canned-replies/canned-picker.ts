import { renderCannedReply, replyLanguage, type MessageLanguage, type PlaceholderSource } from "@confirma/domain";

/** A canned reply as the picker needs it. */
export interface CannedChoice {
  id: string;
  title: string;
  language: string;
  body: string;
}

/** How many choices the list shows at once. */
export const PICKER_SIZE = 8;

/**
 * The text typed after a `/` at the very start of the box, while the caret is still in that first
 * word: `"/livr"` → `"livr"`; null when the list should be closed (`"Bonjour /x"`, `"/a b"`).
 */
export function slashQuery(text: string, caret: number = text.length): string | null {
  if (!text.startsWith("/")) return null;
  const typed = text.slice(1, caret);
  if (caret < 1 || /\s/.test(typed)) return null;
  const rest = text.slice(caret);
  return /^\S/.test(rest) ? null : typed;
}

const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/**
 * The replies matching what was typed after `/` (in the title first, then the text, accents and
 * case ignored): the customer's language first, titles starting with the query before others.
 */
export function filterCannedReplies(items: readonly CannedChoice[], query: string, language: string, size = PICKER_SIZE): CannedChoice[] {
  const wanted = fold(query.trim());
  const scored: { item: CannedChoice; score: number }[] = [];
  for (const item of items) {
    const title = fold(item.title);
    let score: number;
    if (!wanted || title.startsWith(wanted)) score = 0;
    else if (title.includes(wanted)) score = 1;
    else if (fold(item.body).includes(wanted)) score = 2;
    else continue;
    scored.push({ item, score: score + (item.language === language ? 0 : 10) });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.item.title.localeCompare(b.item.title))
    .slice(0, size)
    .map((entry) => entry.item);
}

/**
 * The language a reply box offers first and formats `{total}` in: the reply just inserted's
 * (the agent chose it), else the customer's as the server resolved it (queue items and a client's
 * orders carry `language`), else French.
 */
export function offeredLanguage(inserted: string | null | undefined, customer: string | null | undefined): MessageLanguage {
  return replyLanguage(inserted ?? customer);
}

/** The next active option after an arrow key, wrapping round; -1 when there is none. */
export function moveActive(active: number, delta: 1 | -1, length: number): number {
  if (length === 0) return -1;
  if (active < 0) return delta === 1 ? 0 : length - 1;
  return (active + delta + length) % length;
}

/**
 * The box's text once a reply is chosen: the `/query` is replaced by the reply, rendered for this
 * customer and order (what the server will send; placeholders it cannot fill stay visible).
 */
export function insertCannedReply(text: string, caret: number, reply: CannedChoice, source: PlaceholderSource): { text: string; caret: number } {
  const rendered = renderCannedReply(reply.body, source);
  const rest = text.slice(caret);
  return { text: rendered + rest, caret: rendered.length };
}
