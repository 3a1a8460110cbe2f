import { createEffect, createSignal, Match, onCleanup, Show, Switch } from "solid-js";
import { api } from "../api/client.ts";
import { errorCodeOf, errorMessageKey } from "../api/errors.ts";
import { createQuery } from "../api/query.ts";
import type { Order } from "../api/types.ts";
import { formatDateTime, formatMoney } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { touchesThread } from "../live/change-bus.ts";
import { requestConfirmationAgain } from "../orders/order-actions.tsx";
import { createAction } from "../ui/action.ts";
import { orderToAskAgain, windowState } from "./reply-window.ts";
import { offeredLanguage } from "../canned-replies/canned-picker.ts";
import { CannedReplyField } from "../canned-replies/canned-reply-field.tsx";
import "./reply-box.css";

/** Longest wait before re-checking a window that closes later (setTimeout's limit is ~24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Free-text replies while WhatsApp's 24-hour window is open (says until when); once it is
 * closed, says why and offers the approved template instead: the confirmation request, again.
 */
export function ReplyBox(props: { clientId: string; orders: readonly Order[]; onSent: () => void }) {
  const [text, setText] = createSignal("");
  /** The order `{order}`, `{total}`… speak of: the newest one. */
  const subject = () => props.orders[0];
  /** The language of the canned reply last inserted; until then, the customer's (carried by their orders). */
  const [inserted, setInserted] = createSignal<string | null>(null);
  const language = () => offeredLanguage(inserted(), subject()?.language);
  const [now, setNow] = createSignal(Date.now());
  const serviceWindow = createQuery(
    () => props.clientId,
    (clientId) => api.messages.window.query({ clientId }),
    { live: (clientId) => touchesThread(clientId) },
  );
  const state = () => {
    const data = serviceWindow.data();
    return data ? windowState(data, now()) : null;
  };
  const askAgain = () => orderToAskAgain(props.orders);

  // The window closes by itself 24 h after the customer's last message: switch then.
  createEffect(() => {
    const current = state();
    if (current?.kind !== "open") return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(current.closesAt) - Date.now() + 500)));
    onCleanup(() => clearTimeout(timer));
  });

  const sending = createAction(
    async (body: string) => {
      const order = subject();
      await api.messages.send.mutate({ clientId: props.clientId, text: body, language: language(), ...(order ? { orderId: order.id } : {}) });
      setText("");
      setInserted(null);
      props.onSent();
    },
    { describe: (failure) => ({ message: t(errorMessageKey(failure)), closed: errorCodeOf(failure) === "outside_service_window" }) },
  );
  const resending = createAction(async (order: Order) => {
    await requestConfirmationAgain(order);
    props.onSent();
  });
  const busy = () => sending.busy() || resending.busy();
  const error = () => sending.error()?.message;

  async function send(event?: Event) {
    event?.preventDefault();
    const body = text().trim();
    if (!body || busy()) return;
    await sending.run(body);
    if (sending.error()?.closed) {
      // The window closed meanwhile: show the closed box, with the template to send instead.
      setNow(Date.now());
      void serviceWindow.refetch();
    }
  }

  return (
    <Show when={state()}>
      {(current) => (
        <Switch>
          <Match when={current().kind === "open"}>
            <form class="reply" onSubmit={send} aria-labelledby="reply-label">
              <label id="reply-label" class="visually-hidden" for="reply-text">
                {t("reply.label")}
              </label>
              <Show when={error()}>
                <p class="form-error reply__error" role="alert">
                  {error()}
                </p>
              </Show>
              <div class="reply__row">
                <CannedReplyField
                  id="reply-text"
                  rows={2}
                  placeholder={t("reply.placeholder")}
                  describedBy="reply-help"
                  value={text()}
                  onValue={setText}
                  onEnter={() => void send()}
                  onLanguage={setInserted}
                  source={() => ({ client: subject()?.client ?? null, order: subject() ?? null, deliveryDate: null, language: language() })}
                />
                <button type="submit" class="button button--primary" disabled={busy() || !text().trim()}>
                  {busy() ? t("reply.sending") : t("reply.send")}
                </button>
              </div>
              <p id="reply-help" class="reply__help muted small">
                {t("reply.openUntil", { date: formatDateTime((current() as { closesAt: string }).closesAt, locale()) })} {t("reply.keys")}
              </p>
            </form>
          </Match>
          <Match when={current().kind !== "open"}>
            <div class="reply reply--closed" data-testid="reply-closed">
              <p>
                <strong>{t("reply.closedTitle")}</strong> {current().kind === "never" ? t("reply.closedNever") : t("reply.closedExpired")}
              </p>
              <Show when={askAgain()} fallback={<p class="muted small">{t("reply.nothingToAsk")}</p>}>
                {(order) => (
                  <div class="reply__resend">
                    <button type="button" class="button button--primary button--small" disabled={busy()} onClick={() => void resending.run(order())}>
                      ↻ {t("action.order.resend")}
                    </button>
                    <span class="muted small">
                      {t("reply.resendFor", { total: formatMoney(order().total, order().currency, locale()), status: t(`status.order.${order().status}`) })}
                    </span>
                  </div>
                )}
              </Show>
            </div>
          </Match>
        </Switch>
      )}
    </Show>
  );
}
