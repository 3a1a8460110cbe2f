import { CALL_OUTCOMES, isMessageStatus } from "@confirma/domain";
import { A } from "@solidjs/router";
import { createEffect, createSignal, For, Match, on, onCleanup, Show, Switch } from "solid-js";
import { api } from "../api/client.ts";
import { createPagedQuery, createQuery } from "../api/query.ts";
import type { CallOutcome, CallQueueItem, MessageStatus } from "../api/types.ts";
import { currentUser } from "../auth/session.ts";
import { formatDateTime, formatMoney, formatTime, orderNumber } from "../format/format.ts";
import { locale, t, tp } from "../i18n/locale.ts";
import { touchesCalls } from "../live/change-bus.ts";
import { productsSummary, requestConfirmationAgain } from "../orders/order-actions.tsx";
import { DeliveryStatus } from "../ui/delivery-status.tsx";
import { MessageContent } from "../ui/message-content.tsx";
import { PagedList } from "../ui/paged-list.tsx";
import { ErrorState, Loading } from "../ui/states.tsx";
import { OrderStatusBadge } from "../ui/status-badge.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import { agentName, callBackPresets, checkOutcome, claimConflictHolder, claimState, focusAfterOutcome, telHref, toLocalInputValue, whatsAppHref, type OutcomeCheck } from "./call-logic.ts";

/** What was recorded for this order's earlier calls, newest first. */
function CallHistory(props: { orderId: string }) {
  const outcomes = createQuery(
    () => props.orderId,
    (orderId) => api.calls.outcomes.query({ orderId }),
    { live: (orderId) => (event) => event.entity === "order" && event.entityId === orderId },
  );
  return (
    <Show when={outcomes.data()} fallback={outcomes.error() ? <ErrorState error={outcomes.error()} retry={outcomes.refetch} /> : <Loading />}>
      {(list) => (
        <Show when={list().length > 0} fallback={<p class="muted small">{t("calls.historyEmpty")}</p>}>
          <ol class="history">
            <For each={list()}>
              {(entry) => (
                <li class="history__item" data-outcome={entry.outcome}>
                  <time class="history__time" datetime={entry.createdAt}>
                    {formatDateTime(entry.createdAt, locale())}
                  </time>
                  <span class="history__change">
                    <span class={`badge badge--outcome-${entry.outcome}`}>{t(`calls.outcome.${entry.outcome}`)}</span>
                    <Show when={entry.callBackAt}>{(at) => <span class="small">{t("calls.callBackOn", { date: formatDateTime(at(), locale()) })}</span>}</Show>
                  </span>
                  <span class="history__who">{t("history.by.user", { name: entry.userName ?? entry.userEmail ?? t("history.someone") })}</span>
                  <Show when={entry.note}>{(note) => <p class="history__note">{note()}</p>}</Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      )}
    </Show>
  );
}

/** What came of the call: confirmed, cancelled, no answer, wrong number, or call back at a time; an optional note. */
function OutcomeForm(props: { item: CallQueueItem; onDone: () => void }) {
  const [outcome, setOutcome] = createSignal<CallOutcome | null>(null);
  const [callBackAt, setCallBackAt] = createSignal(toLocalInputValue(callBackPresets(new Date())[1]!.at));
  const [note, setNote] = createSignal("");
  const [invalid, setInvalid] = createSignal<Extract<OutcomeCheck, { ok: false }> | null>(null);
  const [busy, setBusy] = createSignal(false);
  const id = props.item.id;
  let submitButton!: HTMLButtonElement;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const check = checkOutcome({ outcome: outcome(), callBackAt: callBackAt(), note: note() });
    if (!check.ok) {
      setInvalid(check);
      document.getElementById(`${check.field}-${id}`)?.focus();
      return;
    }
    setInvalid(null);
    setBusy(true);
    try {
      await api.calls.recordOutcome.mutate({ orderId: id, ...check.input });
      notify(t("calls.recorded", { outcome: t(`calls.outcome.${check.input.outcome}`) }));
      props.onDone();
    } catch (error) {
      notifyError(error);
      // The button was disabled while saving, which took focus away from it: give it back.
      setBusy(false);
      submitButton.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="outcome-form" onSubmit={submit} novalidate data-testid="outcome-form">
      <fieldset class="outcome-form__choices" aria-invalid={invalid()?.field === "outcome"} aria-describedby={invalid()?.field === "outcome" ? `outcome-error-${id}` : undefined}>
        <legend>{t("calls.outcomeLegend")}</legend>
        <div class="choice-pills">
          <For each={CALL_OUTCOMES}>
            {(value, index) => (
              <label class={`choice-pill choice-pill--${value}`}>
                <input
                  type="radio"
                  name={`outcome-${id}`}
                  value={value}
                  id={index() === 0 ? `outcome-${id}` : undefined}
                  checked={outcome() === value}
                  onChange={() => {
                    setOutcome(value);
                    setInvalid(null);
                  }}
                />
                <span>{t(`calls.outcome.${value}`)}</span>
              </label>
            )}
          </For>
        </div>
        <Show when={invalid()?.field === "outcome"}>
          <p id={`outcome-error-${id}`} class="field__error" role="alert">
            {t("calls.error.outcomeRequired")}
          </p>
        </Show>
      </fieldset>
      <Show when={outcome() === "call_back"}>
        <div class="field">
          <label class="field__label" for={`callBackAt-${id}`}>
            {t("calls.callBackAt")}
          </label>
          <div class="call-back-row">
            <input
              id={`callBackAt-${id}`}
              type="datetime-local"
              name="callBackAt"
              required
              min={toLocalInputValue(new Date())}
              value={callBackAt()}
              aria-invalid={invalid()?.field === "callBackAt"}
              aria-describedby={invalid()?.field === "callBackAt" ? `callBackAt-error-${id}` : undefined}
              onInput={(event) => setCallBackAt(event.currentTarget.value)}
            />
            <div class="actions">
              <For each={callBackPresets(new Date())}>
                {(preset) => (
                  <button type="button" class="button button--small" onClick={() => setCallBackAt(toLocalInputValue(preset.at))}>
                    {t(`calls.preset.${preset.key}`)}
                  </button>
                )}
              </For>
            </div>
          </div>
          <Show when={invalid()?.field === "callBackAt"}>
            <p id={`callBackAt-error-${id}`} class="field__error" role="alert">
              {t(invalid()?.error === "callBackPast" ? "calls.error.callBackPast" : "calls.error.callBackRequired")}
            </p>
          </Show>
        </div>
      </Show>
      <label class="field">
        <span class="field__label">
          {t("calls.note")} <span class="muted">({t("common.optional")})</span>
        </span>
        <textarea name="note" rows="2" maxLength={2000} value={note()} onInput={(event) => setNote(event.currentTarget.value)} />
      </label>
      <div class="form__actions">
        <button ref={submitButton} type="submit" class="button button--primary" disabled={busy()}>
          {busy() ? t("common.saving") : t("calls.record")}
        </button>
      </div>
    </form>
  );
}

function CallItem(props: { item: CallQueueItem; now: number; onChanged: () => void; onRecorded: () => void }) {
  const [busy, setBusy] = createSignal(false);
  /** The claim or release waiting for the refreshed queue, to put focus where the next step is. */
  let awaiting: "claim" | "release" | null = null;
  let card!: HTMLLIElement;
  let heading!: HTMLHeadingElement;
  const [historyOpen, setHistoryOpen] = createSignal(false);
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
        if (awaiting === "claim" && now === "mine") document.getElementById(`outcome-${item().id}`)?.focus();
        else if (awaiting === "claim" && now === "other") heading.focus();
        else if (awaiting === "release" && now !== "mine") claimButton()?.focus();
        else return;
        awaiting = null;
      },
      { defer: true },
    ),
  );

  async function claim() {
    setBusy(true);
    awaiting = "claim";
    try {
      await api.calls.claim.mutate({ orderId: item().id });
      props.onChanged();
    } catch (error) {
      const holder = claimConflictHolder(error);
      if (holder) notify(t("calls.claimedByOther", { name: holder }), "error");
      else {
        notifyError(error);
        awaiting = null;
        setBusy(false);
        claimButton()?.focus();
      }
      props.onChanged();
    } finally {
      setBusy(false);
    }
  }

  async function release() {
    setBusy(true);
    awaiting = "release";
    try {
      await api.calls.release.mutate({ orderId: item().id });
      props.onChanged();
    } catch (error) {
      notifyError(error);
      awaiting = null;
      setBusy(false);
      releaseButton()?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <li ref={card} class="card call-item" classList={{ "call-item--mine": state() === "mine", "call-item--taken": state() === "other" }} data-order-id={item().id} data-claim={state()} data-reason={item().callReason ?? ""}>
      <div class="call-item__grid">
        <div class="call-item__info">
          <div class="call-item__head">
            <Show when={item().callReason}>{(reason) => <span class={`badge badge--reason-${reason()}`}>{t(`calls.reason.${reason()}`)}</span>}</Show>
            <Show when={item().callBackAt}>
              {(at) => (
                <span class="call-item__when small">
                  {t("calls.callBackOn", { date: formatDateTime(at(), locale()) })}
                </span>
              )}
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
          <p class="call-item__order">
            <strong>{formatMoney(item().total, item().currency, locale())}</strong>
            <OrderStatusBadge status={item().status} />
            <span class="call-item__products">{productsSummary(item())}</span>
            <span class="muted mono small">{orderNumber(item().id)}</span>
          </p>
          <Show when={item().reviewMessage}>
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
                  <span class="call-item__failure">— {[message().errorReason, message().errorCode ? `(${message().errorCode})` : null].filter(Boolean).join(" ")}</span>
                </Show>
              </p>
            )}
          </Show>
        </div>
        <div class="call-item__actions">
          <Show when={phone()}>
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
                <a class="button button--whatsapp" href={whatsAppHref(number()) ?? undefined} target="_blank" rel="noopener noreferrer" aria-label={t("calls.whatsAppWho", { name: who() })}>
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
                onClick={() => void claim()}
              >
                {t("calls.claim")}
              </button>
            </Match>
          </Switch>
        </div>
      </div>

      <Show when={state() === "mine"}>
        <div class="call-item__work">
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
              <button
                type="button"
                class="button button--ghost button--small"
                disabled={busy()}
                onClick={async () => {
                  setBusy(true);
                  if (await requestConfirmationAgain(item())) props.onChanged();
                  setBusy(false);
                }}
              >
                ↻ {t("action.order.resend")}
              </button>
            </p>
          </Show>
        </div>
      </Show>
      <details class="call-item__history" open={state() === "mine"} onToggle={(event) => setHistoryOpen(event.currentTarget.open)}>
        <summary>{t("calls.history")}</summary>
        <Show when={historyOpen()}>
          <CallHistory orderId={item().id} />
        </Show>
      </details>
    </li>
  );
}

/** Orders a person should call about: claim one, call or open WhatsApp, record what came of it. */
export function CallsPage() {
  const [now, setNow] = createSignal(Date.now());
  // Claims run out after 15 minutes: re-evaluate who holds what every half minute.
  const ticker = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(ticker));
  const queue = createPagedQuery(
    () => "calls",
    (_, page) => api.calls.queue.query(page),
    { pageSize: 50, live: () => touchesCalls },
  );
  const refresh = () => {
    setNow(Date.now());
    void queue.refetch();
  };
  let heading!: HTMLHeadingElement;
  /** The card whose outcome was just recorded, and where it stood, until the refreshed queue says where focus goes. */
  const [recorded, setRecorded] = createSignal<{ id: string; index: number } | null>(null);
  createEffect(() => {
    const pending = recorded();
    if (!pending) return;
    const me = currentUser()?.id;
    const target = focusAfterOutcome(queue.items().map((item) => ({ id: item.id, state: claimState(item, me, now()) })), pending);
    if (target.kind === "wait") return;
    setRecorded(null);
    if (target.kind === "heading") heading.focus();
    else document.querySelector<HTMLElement>(`.call-item[data-order-id="${target.id}"] .call-item__who`)?.focus();
  });
  return (
    <section class="page" aria-labelledby="calls-title">
      <header class="page__header">
        <div>
          <h1 id="calls-title" tabindex="-1" ref={heading}>
            {t("calls.title")}
          </h1>
          <p class="muted">{t("calls.intro")}</p>
        </div>
      </header>
      <PagedList
        list={queue}
        listClass="call-list"
        dimWhileRefreshing
        empty={t("calls.empty")}
        summary={
          <p class="muted small list-count" aria-live="polite">
            {tp("calls.count", queue.items().length)}
          </p>
        }
      >
        {(item, index) => <CallItem item={item} now={now()} onChanged={refresh} onRecorded={() => setRecorded({ id: item.id, index: index() })} />}
      </PagedList>
    </section>
  );
}
