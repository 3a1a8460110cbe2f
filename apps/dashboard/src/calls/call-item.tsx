import { isMessageStatus } from "@confirma/domain";
import { A } from "@solidjs/router";
import { createEffect, createSignal, For, Match, on, Show, Switch } from "solid-js";
import { api } from "../api/client.ts";
import type { CallOutcome, CallQueueItem, MessageStatus } from "../api/types.ts";
import { currentUser } from "../auth/session.ts";
import { formatDateTime, formatMoney, formatTime } from "../format/format.ts";
import { locale, t, tp } from "../i18n/locale.ts";
import { productsSummary, requestConfirmationAgain } from "../orders/order-actions.tsx";
import { OrderDetailsForm } from "../orders/order-details-form.tsx";
import { addressSummary, orderLabel } from "../orders/order-source.ts";
import { StoreReference, WriteBackState } from "../orders/order-store.tsx";
import { createAction } from "../ui/action.ts";
import { Dialog } from "../ui/dialog.tsx";
import { DeliveryStatus } from "../ui/delivery-status.tsx";
import { MessageContent } from "../ui/message-content.tsx";
import { OrderStatusBadge } from "../ui/status-badge.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import { QuickReply } from "../canned-replies/quick-reply.tsx";
import { callBackDue, pastOrdersSummary } from "./call-filters.ts";
import { agentName, claimConflictHolder, claimState, telHref, whatsAppHref } from "./call-logic.ts";
import { CallHistory, OutcomeForm } from "./outcome-form.tsx";
import { CustomerStanding } from "../customers/customer-standing.tsx";

export function CallItem(props: { item: CallQueueItem; now: number; onChanged: () => void; onRecorded: () => void }) {
  /** The claim or release waiting for the refreshed queue, to put focus where the next step is. */
  let awaiting: "claim" | "release" | null = null;
  let card!: HTMLLIElement;
  let heading!: HTMLHeadingElement;
  const [historyOpen, setHistoryOpen] = createSignal(false);
  const [editing, setEditing] = createSignal(false);
  const item = () => props.item;
  const state = () => claimState(item(), currentUser()?.id, props.now);
  const who = () => item().client?.name ?? item().client?.phoneNumber ?? t("common.noName");
  const phone = () => item().client?.phoneNumber ?? null;
  const last = () => item().lastOutbound;
  const claimedNoteId = `claimed-${item().id}`;
  const claimButton = () => card.querySelector<HTMLButtonElement>('[data-action="claim"]');
  const releaseButton = () => card.querySelector<HTMLButtonElement>('[data-action="release"]');

  // The claim button turns into "release" (and back) once the queue is refreshed, and a button
  // that disappears or is disabled while saving drops focus to the page: move it to the next step.
  createEffect(
    on(
      state,
      (now) => {
        if (awaiting === "claim" && now === "mine") card.querySelector<HTMLElement>('[data-shortcut="c"]')?.focus();
        else if (awaiting === "claim" && now === "other") heading.focus();
        else if (awaiting === "release" && now !== "mine") claimButton()?.focus();
        else return;
        awaiting = null;
      },
      { defer: true },
    ),
  );

  const claimAction = createAction(() => api.calls.claim.mutate({ orderId: item().id }));
  const releaseAction = createAction(() => api.calls.release.mutate({ orderId: item().id }));
  const resendAction = createAction(async () => {
    if (await requestConfirmationAgain(item())) props.onChanged();
  });
  /** Confirmed, cancelled, no answer in one key (`c`, `x`, `n`): the full form is below for the rest. */
  const quickOutcome = createAction(async (outcome: CallOutcome) => {
    await api.calls.recordOutcome.mutate({ orderId: item().id, outcome });
    notify(t("calls.recorded", { outcome: t(`calls.outcome.${outcome}`) }));
    props.onRecorded();
    props.onChanged();
  });
  async function recordQuick(outcome: CallOutcome, button: HTMLButtonElement) {
    await quickOutcome.run(outcome);
    if (quickOutcome.error() !== undefined) {
      notifyError(quickOutcome.error());
      // Disabled while saving, the button lost focus: give it back.
      button.focus();
    }
  }
  const busy = () => claimAction.busy() || releaseAction.busy() || resendAction.busy() || quickOutcome.busy();
  const past = () => pastOrdersSummary(item().pastOrders);

  async function claim() {
    awaiting = "claim";
    await claimAction.run();
    const failure = claimAction.error();
    if (failure !== undefined) {
      const holder = claimConflictHolder(failure);
      if (holder) notify(t("calls.claimedByOther", { name: holder }), "error");
      else {
        notifyError(failure);
        awaiting = null;
        // The button was disabled while claiming, which took focus away from it: give it back.
        claimButton()?.focus();
      }
    }
    props.onChanged();
  }

  async function release() {
    awaiting = "release";
    await releaseAction.run();
    const failure = releaseAction.error();
    if (failure !== undefined) {
      notifyError(failure);
      awaiting = null;
      releaseButton()?.focus();
      return;
    }
    props.onChanged();
  }

  return (
    <li
      ref={card}
      class="card call-item"
      classList={{ "call-item--mine": state() === "mine", "call-item--taken": state() === "other" }}
      data-order-id={item().id}
      data-claim={state()}
      data-reason={item().callReason ?? ""}
      data-queue-card
      tabindex="-1"
      aria-label={who()}
    >
      <div class="call-item__grid">
        <div class="call-item__info">
          <div class="call-item__head">
            <Show when={item().callReason}>{(reason) => <span class={`badge badge--reason-${reason()}`}>{t(`calls.reason.${reason()}`)}</span>}</Show>
            <Show when={item().callBackAt}>
              {(at) => (
                <span class="call-item__when small" classList={{ "call-item__when--due": callBackDue(at(), props.now) }}>
                  {callBackDue(at(), props.now) ? `${t("calls.due")} · ` : ""}
                  {t("calls.callBackOn", { date: formatDateTime(at(), locale()) })}
                </span>
              )}
            </Show>
            <Show when={item().attempts > 0}>
              <span class="badge badge--attempts" data-testid="attempts">
                {tp("calls.attempts", item().attempts)}
              </span>
            </Show>
            <Switch>
              <Match when={state() === "other"}>
                <span class="badge badge--claimed" id={claimedNoteId} data-testid="claimed-by">
                  {t("calls.claimedBy", { name: agentName(item().claimedBy!) })}
                </span>
              </Match>
              <Match when={state() === "mine"}>
                <span class="badge badge--mine" id={claimedNoteId}>
                  {t("calls.claimedByMe", { time: formatTime(item().claimedUntil!, locale()) })}
                </span>
              </Match>
            </Switch>
          </div>
          <h2 class="call-item__who" tabindex="-1" ref={heading}>
            <A href={`/clients/${item().clientId}`} class="link link--strong">
              {who()}
            </A>
            <Show when={item().client?.name && phone()}>
              <span class="muted nowrap call-item__phone">{phone()}</span>
            </Show>
          </h2>
          <CustomerStanding compact history={item().customerHistory} risk={item().customerRisk} />
          <p class="call-item__order">
            <strong>{formatMoney(item().total, item().currency, locale())}</strong>
            <OrderStatusBadge status={item().status} />
            <span class="call-item__products">{productsSummary(item())}</span>
            <A href={`/orders/${item().id}`} class="link mono small">
              {orderLabel(item())}
            </A>
            <StoreReference order={item()} withNumber={false} />
          </p>
          <p class="call-item__past small" data-testid="past-orders">
            <Show when={past().total > 0} fallback={<span class="muted">{t("calls.past.none")}</span>}>
              <span>{tp("calls.past", past().total)}</span>
              <For each={past().parts}>
                {(part) => <span class={`call-item__past-${part.status}`}> · {t(`calls.past.${part.status}`, { count: part.count })}</span>}
              </For>
            </Show>
          </p>
          <Show when={addressSummary(item().shippingAddress)}>
            {(address) => (
              <p class="muted small call-item__address" data-testid="order-address">
                {address()}
              </p>
            )}
          </Show>
          <WriteBackState order={item()} />
          <Show when={item().reviewMessage ?? item().lastInbound}>
            {(message) => (
              <blockquote class="call-item__quote">
                <span class="visually-hidden">{t("review.message")} : </span>« <MessageContent message={message()} /> »
                <span class="muted small"> — {formatDateTime(message().createdAt, locale())}</span>
              </blockquote>
            )}
          </Show>
          <Show when={last()}>
            {(message) => (
              <p class="call-item__last small" classList={{ "call-item__last--failed": message().status === "failed" }}>
                <span class="muted">{t("calls.lastMessage")}</span>
                <Show when={isMessageStatus(message().status)}>
                  <DeliveryStatus status={message().status as MessageStatus} errorCode={message().errorCode} errorReason={message().errorReason} />
                </Show>
                <span>{t(isMessageStatus(message().status) ? `client.messageStatus.${message().status as MessageStatus}` : "common.unknown")}</span>
                <span class="muted">· {formatDateTime(message().createdAt, locale())}</span>
                <Show when={message().status === "failed" && (message().errorReason || message().errorCode)}>
                  <span class="call-item__failure">
                    — {[message().errorReason, message().errorCode ? `(${message().errorCode})` : null].filter(Boolean).join(" ")}
                  </span>
                </Show>
              </p>
            )}
          </Show>
        </div>
        <div class="call-item__actions">
          {/* Another agent is on this order: no call or WhatsApp link to reach the same customer twice. */}
          <Show when={state() !== "other" && phone()}>
            {(number) => (
              <>
                <a class="button button--call" href={telHref(number()) ?? undefined} aria-label={t("calls.callWho", { name: who() })}>
                  <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                    <path
                      fill="currentColor"
                      d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
                    />
                  </svg>
                  {t("calls.call")}
                </a>
                <a
                  class="button button--whatsapp"
                  href={whatsAppHref(number()) ?? undefined}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-label={t("calls.whatsAppWho", { name: who() })}
                >
                  {t("calls.whatsApp")} ↗
                </a>
              </>
            )}
          </Show>
          <Switch>
            <Match when={state() === "mine"}>
              <button type="button" class="button" disabled={busy()} data-action="release" onClick={() => void release()}>
                {t("calls.release")}
              </button>
            </Match>
            <Match when={state() !== "mine"}>
              <button
                type="button"
                class="button button--primary"
                disabled={busy() || state() === "other"}
                aria-describedby={state() === "other" ? claimedNoteId : undefined}
                data-action="claim"
                data-shortcut="t"
                aria-keyshortcuts="t"
                onClick={() => void claim()}
              >
                {t("calls.claim")}
              </button>
            </Match>
          </Switch>
          <Show when={phone() && state() !== "other"}>
            <QuickReply order={item()} />
          </Show>
        </div>
      </div>

      <Show when={state() === "mine"}>
        <div class="call-item__work">
          <fieldset class="call-item__quick">
            <legend class="visually-hidden">{t("calls.outcomeLegend")}</legend>
            <For
              each={
                [
                  ["confirmed", "c", "button--confirm"],
                  ["cancelled", "x", "button--danger"],
                  ["no_answer", "n", ""],
                ] as const
              }
            >
              {([outcome, key, style]) => (
                <button
                  type="button"
                  class={`button button--small ${style}`}
                  disabled={busy()}
                  data-shortcut={key}
                  data-action={`quick-${outcome}`}
                  aria-keyshortcuts={key}
                  onClick={(event) => void recordQuick(outcome, event.currentTarget)}
                >
                  {t(`calls.outcome.${outcome}`)} <kbd>{key}</kbd>
                </button>
              )}
            </For>
          </fieldset>
          <p class="call-item__alt small">
            <button type="button" class="button button--ghost button--small" data-action="edit-details" onClick={() => setEditing(true)}>
              {t("details.edit")}
            </button>
          </p>
          <OutcomeForm
            item={item()}
            onDone={() => {
              props.onRecorded();
              props.onChanged();
            }}
          />
          <Show when={item().status === "no_answer"}>
            <p class="call-item__alt small">
              <span class="muted">{t("calls.orAskAgain")}</span>{" "}
              <button type="button" class="button button--ghost button--small" disabled={busy()} onClick={() => void resendAction.run()}>
                ↻ {t("action.order.resend")}
              </button>
            </p>
          </Show>
        </div>
      </Show>
      <Dialog open={editing()} onClose={() => setEditing(false)} title={t("details.title")} wide>
        <OrderDetailsForm
          order={item()}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            props.onChanged();
          }}
        />
      </Dialog>
      {/* Earlier calls: open while working the order; on other cards only when there were some (the count shows on the card). */}
      <Show when={state() === "mine" || item().attempts > 0}>
        <details class="call-item__history" open={state() === "mine"} onToggle={(event) => setHistoryOpen(event.currentTarget.open)}>
          <summary>{t("calls.history")}</summary>
          <Show when={historyOpen()}>
            <CallHistory orderId={item().id} />
          </Show>
        </details>
      </Show>
    </li>
  );
}
