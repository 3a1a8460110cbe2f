import { createSignal, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorMessageKey } from "../api/errors.ts";
import { t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";
import { notify } from "../ui/toasts.tsx";
import { offeredLanguage } from "./canned-picker.ts";
import { CannedReplyField } from "./canned-reply-field.tsx";

/** What a queue card knows of its order: enough to fill the placeholders and send. */
export interface QuickReplyOrder {
  id: string;
  clientId: string;
  externalNumber?: string | null;
  total: number;
  currency: string;
  products: readonly { name: string; quantity: number }[];
  client?: { name: string | null; phoneNumber: string | null } | null;
  /** The language the customer is written to in (the queues carry it): canned replies in it come first. */
  language?: string | null;
}

/**
 * "Répondre" on a review or call card: a WhatsApp reply about this order without leaving the queue.
 * `r` (or the button) opens it with focus in the box; `/` offers the canned replies; Enter sends;
 * Escape closes it and gives focus back to the button.
 */
export function QuickReply(props: { order: QuickReplyOrder; onSent?: () => void }) {
  const [open, setOpen] = createSignal(false);
  const [text, setText] = createSignal("");
  /** The language of the canned reply last inserted; until then, the customer's. */
  const [inserted, setInserted] = createSignal<string | null>(null);
  const language = () => offeredLanguage(inserted(), props.order.language);
  const fieldId = `quick-reply-${props.order.id}`;
  let toggle!: HTMLButtonElement;
  let field: HTMLTextAreaElement | undefined;
  const sending = createAction(
    async (body: string) => {
      await api.messages.send.mutate({ clientId: props.order.clientId, orderId: props.order.id, text: body, language: language() });
      setText("");
      setInserted(null);
      setOpen(false);
      notify(t("quickReply.sent"));
      toggle.focus();
      props.onSent?.();
    },
    { describe: (failure) => t(errorMessageKey(failure)) },
  );

  function show() {
    setOpen(true);
    queueMicrotask(() => field?.focus());
  }

  async function send() {
    const body = text().trim();
    if (!body || sending.busy()) return;
    await sending.run(body);
    if (sending.error() !== undefined) field?.focus();
  }

  return (
    <div class="quick-reply">
      <button
        ref={toggle}
        type="button"
        class="button button--ghost button--small"
        data-shortcut="r"
        aria-expanded={open()}
        aria-controls={fieldId}
        aria-keyshortcuts="r"
        onClick={() => (open() ? field?.focus() : show())}
      >
        ✎ {t("quickReply.open")}
      </button>
      <Show when={open()}>
        <form
          class="quick-reply__form"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape" && !event.defaultPrevented) {
              event.preventDefault();
              setOpen(false);
              toggle.focus();
            }
          }}
        >
          <label class="visually-hidden" id={`${fieldId}-label`} for={fieldId}>
            {t("quickReply.label")}
          </label>
          <Show when={sending.error()}>
            {(message) => (
              <p class="form-error small" role="alert">
                {message()}
              </p>
            )}
          </Show>
          <div class="quick-reply__row">
            <CannedReplyField
              id={fieldId}
              labelledBy={`${fieldId}-label`}
              describedBy={`${fieldId}-help`}
              rows={2}
              placeholder={t("quickReply.placeholder")}
              value={text()}
              onValue={setText}
              onEnter={() => void send()}
              onLanguage={setInserted}
              ref={(element) => {
                field = element;
              }}
              source={() => ({
                client: props.order.client ?? null,
                order: props.order,
                deliveryDate: null,
                language: language(),
              })}
            />
            <button type="submit" class="button button--primary button--small" disabled={sending.busy() || !text().trim()}>
              {sending.busy() ? t("reply.sending") : t("reply.send")}
            </button>
          </div>
          <p id={`${fieldId}-help`} class="muted small quick-reply__help">
            {t("quickReply.help")}
          </p>
        </form>
      </Show>
    </div>
  );
}
