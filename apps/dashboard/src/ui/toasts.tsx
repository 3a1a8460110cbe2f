import { createRoot, createSignal, For } from "solid-js";
import { errorMessageKey } from "../api/errors.ts";
import { t } from "../i18n/locale.ts";

interface Toast {
  id: number;
  text: string;
  kind: "success" | "error";
}

const [toasts, setToasts] = createRoot(() => createSignal<Toast[]>([]));
let nextId = 1;

export function dismissToast(id: number): void {
  setToasts((list) => list.filter((toast) => toast.id !== id));
}

/** Shows a short message in the corner (announced to screen readers). */
export function notify(text: string, kind: Toast["kind"] = "success"): void {
  const id = nextId++;
  setToasts((list) => [...list.slice(-3), { id, text, kind }]);
  setTimeout(() => dismissToast(id), kind === "error" ? 8000 : 4000);
}

/** Shows the translated message for an error a call raised. */
export function notifyError(error: unknown): void {
  notify(t(errorMessageKey(error)), "error");
}

export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      <For each={toasts()}>
        {(toast) => (
          <div class={`toast toast--${toast.kind}`}>
            <span>{toast.text}</span>
            <button type="button" class="toast__close" aria-label={t("common.close")} onClick={() => dismissToast(toast.id)}>
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
