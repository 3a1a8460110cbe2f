import { createSignal, For, onCleanup } from "solid-js";
import { t } from "../i18n/locale.ts";
import type { MessageKey } from "../i18n/translate.ts";
import { Dialog } from "./dialog.tsx";
import { moveCard, QUEUE_SHORTCUTS, queueActionFor, shortcutOf } from "./queue-keys.ts";
import { notify } from "./toasts.tsx";
import "./queue-keyboard.css";

/** The cards of a queue page (each marked `data-queue-card`, focusable with `tabindex="-1"`). */
const cardsIn = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>("[data-queue-card]")];

/** Puts focus on a card and keeps it in view. */
export function focusCard(card: HTMLElement | null | undefined): void {
  if (!card) return;
  card.focus({ preventScroll: true });
  card.scrollIntoView({ block: "nearest" });
}

/**
 * `j`/`k` move between the cards, `t` `c` `x` `n` `r` press the active card's button marked with
 * that letter (`data-shortcut`), `?` lists the keys. Keys typed in a text field, or with a
 * modifier, or inside a dialog, are left alone. Returns the help dialog to place in the page.
 */
export function QueueKeyboard(props: { root: () => HTMLElement | undefined }) {
  const [helpOpen, setHelpOpen] = createSignal(false);
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (event.defaultPrevented || target?.closest?.("dialog[open]")) return;
    const action = queueActionFor({ ...event, key: event.key, target });
    const root = props.root();
    if (!action || !root) return;
    event.preventDefault();
    if (action === "help") {
      setHelpOpen(true);
      return;
    }
    const cards = cardsIn(root);
    const active = cards.findIndex((card) => card.contains(document.activeElement));
    if (action === "next" || action === "previous") {
      focusCard(cards[moveCard(active, action === "next" ? 1 : -1, cards.length)]);
      return;
    }
    const card = cards[active] ?? cards[0];
    const letter = shortcutOf(action);
    const button = card && letter ? card.querySelector<HTMLButtonElement>(`[data-shortcut="${letter}"]`) : null;
    if (!button || button.disabled) {
      notify(t("keys.unavailable"));
      return;
    }
    button.click();
  };
  document.addEventListener("keydown", onKeyDown);
  onCleanup(() => document.removeEventListener("keydown", onKeyDown));

  const labels: Record<(typeof QUEUE_SHORTCUTS)[number]["action"], MessageKey> = {
    next: "keys.next",
    previous: "keys.previous",
    take: "keys.take",
    confirm: "keys.confirm",
    cancel: "keys.cancel",
    noAnswer: "keys.noAnswer",
    reply: "keys.reply",
    help: "keys.help",
  };
  return (
    <>
      <button type="button" class="button button--ghost button--small" aria-keyshortcuts="?" onClick={() => setHelpOpen(true)}>
        {t("keys.button")} <kbd>?</kbd>
      </button>
      <Dialog open={helpOpen()} onClose={() => setHelpOpen(false)} title={t("keys.title")}>
        <dl class="shortcuts" data-testid="shortcuts">
          <For each={QUEUE_SHORTCUTS}>
            {(shortcut) => (
              <div class="shortcuts__row">
                <dt>
                  <kbd>{shortcut.key}</kbd>
                </dt>
                <dd>{t(labels[shortcut.action])}</dd>
              </div>
            )}
          </For>
        </dl>
        <p class="muted small">{t("keys.fields")}</p>
      </Dialog>
    </>
  );
}
