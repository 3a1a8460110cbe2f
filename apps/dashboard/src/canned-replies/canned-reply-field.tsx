import { replyLanguage, type PlaceholderSource } from "@confirma/domain";
import { createMemo, createSignal, For, Show } from "solid-js";
import { t } from "../i18n/locale.ts";
import { filterCannedReplies, insertCannedReply, moveActive, slashQuery, type CannedChoice } from "./canned-picker.ts";
import { cannedReplyList, reloadCannedReplies } from "./canned-replies-store.ts";
import "./canned-replies.css";

let nextId = 0;

/**
 * A reply textarea where `/` at the start opens the canned replies (ARIA combobox with a listbox):
 * typing filters, arrows move, Enter inserts the reply rendered for this customer and order,
 * Escape closes. With the list closed, Enter calls `onEnter` (send) and Shift+Enter adds a line.
 */
export function CannedReplyField(props: {
  id: string;
  value: string;
  onValue: (text: string) => void;
  onEnter: () => void;
  /** The customer and order the placeholders are filled from. */
  source: () => PlaceholderSource;
  /** The language of the reply last inserted (the server formats `{total}` in it). */
  onLanguage?: (language: string) => void;
  rows?: number;
  placeholder?: string;
  describedBy?: string;
  labelledBy?: string;
  ref?: (element: HTMLTextAreaElement) => void;
}) {
  const listId = `canned-list-${++nextId}`;
  const [caret, setCaret] = createSignal(0);
  const [dismissed, setDismissed] = createSignal(false);
  const [active, setActive] = createSignal(0);
  const query = () => (dismissed() ? null : slashQuery(props.value, caret()));
  const choices = createMemo(() => {
    const typed = query();
    if (typed === null) return [];
    return filterCannedReplies(cannedReplyList()?.items ?? [], typed, props.source().language);
  });
  const open = () => query() !== null;
  let field!: HTMLTextAreaElement;

  function choose(reply: CannedChoice) {
    // Rendered in the reply's own language (`{total}`: "109,97 €" or "€109.97"), as the server will.
    const source = { ...props.source(), language: replyLanguage(reply.language), deliveryDate: cannedReplyList()?.deliveryDate ?? null };
    const inserted = insertCannedReply(props.value, caret(), reply, source);
    props.onValue(inserted.text);
    props.onLanguage?.(reply.language);
    setCaret(inserted.caret);
    queueMicrotask(() => {
      field.focus();
      field.setSelectionRange(inserted.caret, inserted.caret);
    });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.isComposing) return;
    if (open()) {
      const count = choices().length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        setActive(moveActive(active(), event.key === "ArrowDown" ? 1 : -1, count));
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(true);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        const reply = choices()[active()];
        if (reply) {
          event.preventDefault();
          choose(reply);
          return;
        }
        if (event.key === "Tab") return;
      }
    }
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      props.onEnter();
    }
  }

  return (
    <div class="canned-field">
      <textarea
        ref={(element) => {
          field = element;
          props.ref?.(element);
        }}
        id={props.id}
        rows={props.rows ?? 2}
        maxLength={4096}
        placeholder={props.placeholder}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open()}
        aria-controls={listId}
        aria-activedescendant={open() && choices()[active()] ? `${listId}-${active()}` : undefined}
        aria-describedby={props.describedBy}
        aria-labelledby={props.labelledBy}
        value={props.value}
        onInput={(event) => {
          const element = event.currentTarget;
          const wasOpen = open();
          props.onValue(element.value);
          setCaret(element.selectionStart ?? element.value.length);
          if (element.value === "/" || !element.value.startsWith("/")) setDismissed(false);
          if (!wasOpen && open()) void reloadCannedReplies();
          setActive(0);
        }}
        onKeyUp={(event) => setCaret(event.currentTarget.selectionStart ?? 0)}
        onClick={(event) => setCaret(event.currentTarget.selectionStart ?? 0)}
        onKeyDown={onKeyDown}
      />
      <Show when={open()}>
        <div id={listId} class="canned-list" role="listbox" aria-label={t("canned.listLabel")}>
          <For each={choices()} fallback={<div class="canned-list__empty muted small">{cannedReplyList() ? t("canned.noMatch") : t("app.loading")}</div>}>
            {(reply, index) => (
              <div
                id={`${listId}-${index()}`}
                role="option"
                tabIndex={-1}
                class="canned-list__option"
                aria-selected={index() === active()}
                onMouseDown={(event) => {
                  // Keep focus in the textarea.
                  event.preventDefault();
                  choose(reply);
                }}
              >
                <span class="canned-list__title">/{reply.title}</span>
                <Show when={reply.language !== props.source().language}>
                  <span class="badge">{reply.language.toUpperCase()}</span>
                </Show>
                <span class="canned-list__body muted small">{reply.body}</span>
              </div>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
