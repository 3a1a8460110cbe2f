import { A } from "@solidjs/router";
import { createEffect, createSignal, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createPagedQuery } from "../api/query.ts";
import type { Order, OrderStatus } from "../api/types.ts";
import { formatDateTime, formatMoney } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { touchesReview } from "../live/change-bus.ts";
import { productsSummary, setOrderStatus } from "../orders/order-actions.tsx";
import { OrderDetailsForm } from "../orders/order-details-form.tsx";
import { addressSummary, orderLabel } from "../orders/order-source.ts";
import { StoreReference, WriteBackState } from "../orders/order-store.tsx";
import { createAction } from "../ui/action.ts";
import { Dialog } from "../ui/dialog.tsx";
import { MessageContent } from "../ui/message-content.tsx";
import { PagedList } from "../ui/paged-list.tsx";
import { OrderStatusBadge } from "../ui/status-badge.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import { RiskBadge } from "../customers/customer-standing.tsx";
import { DuplicatePairs } from "./duplicate-pair.tsx";
import { QuickReply } from "../canned-replies/quick-reply.tsx";
import { NotificationToggle } from "../live/notification-toggle.tsx";
import { focusCard, QueueKeyboard } from "../ui/queue-keyboard.tsx";
import "./review-page.css";

/** One unclear reply and the decision buttons: confirm, cancel, or leave it pending. */
function ReviewItem(props: { order: Order; onDone: () => void }) {
  const [editing, setEditing] = createSignal(false);
  /** A store's reasons have no customer's message to read: the order itself is what to check. */
  const fromStore = () => ["no_phone", "store_changed", "blocked", "duplicate"].includes(props.order.reviewReason ?? "");
  const decide = createAction(async (status: OrderStatus) => {
    if (await setOrderStatus(props.order, status, "review.done")) props.onDone();
  });
  /** "Leave pending": out of the queue, status unchanged (and recorded as a decision). */
  const dismiss = createAction(async () => {
    await api.orders.dismissReview.mutate({ id: props.order.id });
    notify(t("review.dismissed"));
    props.onDone();
  });
  const busy = () => decide.busy() || dismiss.busy();
  async function leavePending() {
    await dismiss.run();
    if (dismiss.error() !== undefined) notifyError(dismiss.error());
  }
  const allowed = () => props.order.allowedTransitions;
  const who = () => props.order.client?.name ?? props.order.client?.phoneNumber ?? t("common.noName");
  return (
    <li class="card review-item" data-order-id={props.order.id} data-queue-card tabindex="-1" aria-label={who()}>
      <div class="review-item__head">
        <A href={`/clients/${props.order.clientId}`} class="link link--strong">
          {who()}
        </A>
        <Show when={props.order.client?.name && props.order.client.phoneNumber}>
          <span class="muted nowrap">{props.order.client!.phoneNumber}</span>
        </Show>
        <RiskBadge risk={props.order.customerRisk} />
      </div>
      <Show when={props.order.store}>
        <p class="small">
          <StoreReference order={props.order} />
        </p>
      </Show>
      <figure class="review-item__message" hidden={fromStore() && !props.order.reviewMessage}>
        <figcaption class="visually-hidden">{t("review.message")}</figcaption>
        <blockquote class="bubble bubble--in bubble--quote">
          <p class="bubble__body">
            <Show when={props.order.reviewMessage} fallback={t("review.noMessage")}>
              {(message) => <MessageContent message={message()} />}
            </Show>
          </p>
          <Show when={props.order.reviewMessage}>
            {(message) => (
              <p class="bubble__meta">
                <time datetime={message().createdAt}>{formatDateTime(message().createdAt, locale())}</time>
              </p>
            )}
          </Show>
        </blockquote>
      </figure>
      <Show when={props.order.reviewReason}>
        {(reason) => (
          <p class="review-item__reason" data-reason={reason()}>
            <span class="muted">{t("review.why")}</span> {t(`review.reason.${reason()}`)}
          </p>
        )}
      </Show>
      <div class="review-item__order">
        <span class="muted">{t("review.order")}</span>
        <strong>{formatMoney(props.order.total, props.order.currency, locale())}</strong>
        <OrderStatusBadge status={props.order.status} />
        <span class="review-item__products">{productsSummary(props.order)}</span>
      </div>
      <Show when={addressSummary(props.order.shippingAddress)}>
        {(address) => (
          <p class="muted small" data-testid="order-address">
            {address()}
          </p>
        )}
      </Show>
      <DuplicatePairs order={props.order} onDone={props.onDone} />
      <WriteBackState order={props.order} />
      <div class="actions">
        <Show when={allowed().includes("confirmed")}>
          <button
            type="button"
            class="button button--confirm"
            disabled={busy()}
            data-shortcut="c"
            aria-keyshortcuts="c"
            onClick={() => void decide.run("confirmed")}
          >
            {t("action.order.confirmed")}
          </button>
        </Show>
        <Show when={allowed().includes("cancelled")}>
          <button
            type="button"
            class="button button--danger"
            disabled={busy()}
            data-shortcut="x"
            aria-keyshortcuts="x"
            onClick={() => void decide.run("cancelled")}
          >
            {t("action.order.cancelled")}
          </button>
        </Show>
        <button type="button" class="button" disabled={busy()} data-action="dismiss" onClick={() => void leavePending()}>
          {props.order.status === "pending" ? t("review.keepPending") : t("review.keepAsIs")}
        </button>
        <Show when={props.order.reviewReason === "no_phone"}>
          <button type="button" class="button button--primary" disabled={busy()} data-action="add-phone" onClick={() => setEditing(true)}>
            {t("review.addPhone")}
          </button>
        </Show>
        <A href={`/orders/${props.order.id}`} class="button button--ghost">
          {t("review.openOrder", { number: orderLabel(props.order) })}
        </A>
        <Show when={!fromStore()}>
          <A href={`/clients/${props.order.clientId}`} class="button button--ghost">
            {t("review.openConversation")}
          </A>
        </Show>
      </div>
      <Show when={!fromStore() && props.order.client?.phoneNumber}>
        <QuickReply order={props.order} />
      </Show>
      <Dialog open={editing()} onClose={() => setEditing(false)} title={t("details.title")} wide>
        <OrderDetailsForm
          order={props.order}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            props.onDone();
          }}
        />
      </Dialog>
    </li>
  );
}

/** Orders whose customer's reply Confirma could not read with certainty. */
export function ReviewPage() {
  const queue = createPagedQuery(
    () => "review",
    (_, page) => api.orders.list.query({ needsReview: true, ...page }),
    { pageSize: 50, live: () => touchesReview },
  );
  let list!: HTMLElement;
  let heading!: HTMLHeadingElement;
  /** Where the decided card stood: once the refreshed queue no longer has it, focus the card in its place. */
  const [decided, setDecided] = createSignal<{ id: string; index: number } | null>(null);
  createEffect(() => {
    const pending = decided();
    const items = queue.items();
    if (!pending || items.some((item) => item.id === pending.id)) return;
    setDecided(null);
    const next = items[Math.min(pending.index, items.length - 1)];
    if (next) focusCard(list.querySelector<HTMLElement>(`[data-queue-card][data-order-id="${next.id}"]`));
    else heading.focus();
  });
  return (
    <section class="page" aria-labelledby="review-title" ref={(element) => (list = element)}>
      <header class="page__header">
        <div>
          <h1 id="review-title" tabindex="-1" ref={heading}>
            {t("review.title")}
          </h1>
          <p class="muted">{t("review.intro")}</p>
        </div>
        <div class="page__tools">
          <NotificationToggle />
          <QueueKeyboard root={() => list} />
        </div>
      </header>
      <PagedList list={queue} listClass="review-list" empty={t("review.empty")}>
        {(order, index) => (
          <ReviewItem
            order={order}
            onDone={() => {
              setDecided({ id: order.id, index: index() });
              void queue.refetch();
            }}
          />
        )}
      </PagedList>
    </section>
  );
}
