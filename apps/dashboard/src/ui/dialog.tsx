import { createEffect, onCleanup, type JSX } from "solid-js";
import { t } from "../i18n/locale.ts";
import "./dialog.css";

let titleCount = 0;

/**
 * A modal dialog on the native `<dialog>`: focus moves in and is trapped, Escape closes it,
 * and focus returns to what opened it.
 */
export function Dialog(props: { open: boolean; onClose: () => void; title: string; children: JSX.Element; wide?: boolean }) {
  let element!: HTMLDialogElement;
  const titleId = `dialog-title-${++titleCount}`;
  let opener: Element | null = null;

  createEffect(() => {
    if (props.open && !element.open) {
      opener = document.activeElement;
      element.showModal();
      const first = element.querySelector<HTMLElement>("[autofocus], input, select, textarea, button:not(.dialog__close)");
      first?.focus();
    } else if (!props.open && element.open) {
      element.close();
    }
  });
  onCleanup(() => element.open && element.close());

  return (
    <dialog
      ref={element}
      class={props.wide ? "dialog dialog--wide" : "dialog"}
      aria-labelledby={titleId}
      onClose={() => {
        if (opener instanceof HTMLElement) opener.focus();
        if (props.open) props.onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === element) {
          const box = element.getBoundingClientRect();
          const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
          if (!inside) element.close();
        }
      }}
    >
      <div class="dialog__header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="dialog__close" aria-label={t("common.close")} onClick={() => element.close()}>
          ×
        </button>
      </div>
      <div class="dialog__body">{props.open ? props.children : null}</div>
    </dialog>
  );
}
