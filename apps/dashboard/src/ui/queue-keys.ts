/**
 * The queues' keyboard: one letter per action, the same on the review and call queues. A card
 * marks each of its buttons with the letter that presses it (`data-shortcut="c"`), so the keys
 * do exactly what the visible, enabled buttons do — a disabled action stays disabled.
 */
export const QUEUE_SHORTCUTS = [
  { key: "j", action: "next" },
  { key: "k", action: "previous" },
  { key: "t", action: "take" },
  { key: "c", action: "confirm" },
  { key: "x", action: "cancel" },
  { key: "n", action: "noAnswer" },
  { key: "r", action: "reply" },
  { key: "?", action: "help" },
] as const;
export type QueueAction = (typeof QUEUE_SHORTCUTS)[number]["action"];
/** The letters a card's buttons carry in `data-shortcut`. */
export type CardShortcut = "t" | "c" | "x" | "n" | "r";

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
  /** Where the key was pressed: a text field keeps its letters. */
  target: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

const TYPING_INPUTS = new Set(["text", "search", "email", "tel", "url", "number", "password", "datetime-local", "date", "time"]);

/** Whether the key goes into a field the person is typing in (then it is never a shortcut). */
export function isTyping(target: KeyPress["target"]): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  return tag === "INPUT" && TYPING_INPUTS.has((target.type ?? "text").toLowerCase());
}

/** The queue action a key press asks for, or null (typing in a field, a modifier held, another key). */
export function queueActionFor(press: KeyPress): QueueAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.isComposing || isTyping(press.target)) return null;
  return QUEUE_SHORTCUTS.find((shortcut) => shortcut.key === press.key)?.action ?? null;
}

/** The card to move to: the next or previous one, staying at the ends; the first (or last) when none is active. */
export function moveCard(active: number, delta: 1 | -1, length: number): number {
  if (length === 0) return -1;
  if (active < 0) return delta === 1 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, active + delta));
}

/** The `data-shortcut` letter an action presses on the active card. */
export function shortcutOf(action: QueueAction): CardShortcut | null {
  const found = QUEUE_SHORTCUTS.find((shortcut) => shortcut.action === action);
  return found && ["t", "c", "x", "n", "r"].includes(found.key) ? (found.key as CardShortcut) : null;
}
