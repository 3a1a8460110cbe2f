import { CALL_OUTCOMES } from "@confirma/domain";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import type { CallOutcome, CallQueueItem } from "../api/types.ts";
import { formatDateTime } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import { callBackPresets, checkOutcome, toLocalInputValue, type OutcomeCheck } from "./call-logic.ts";
import "../orders/order-history.css";

/** What was recorded for this order's earlier calls, newest first. */
export function CallHistory(props: { orderId: string }) {
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
export function OutcomeForm(props: { item: CallQueueItem; onDone: () => void }) {
  const [outcome, setOutcome] = createSignal<CallOutcome | null>(null);
  const [callBackAt, setCallBackAt] = createSignal(toLocalInputValue(callBackPresets(new Date())[1]!.at));
  const [note, setNote] = createSignal("");
  const [invalid, setInvalid] = createSignal<Extract<OutcomeCheck, { ok: false }> | null>(null);
  const id = props.item.id;
  const record = createAction(async (input: Extract<OutcomeCheck, { ok: true }>["input"]) => {
    await api.calls.recordOutcome.mutate({ orderId: id, ...input });
    notify(t("calls.recorded", { outcome: t(`calls.outcome.${input.outcome}`) }));
    props.onDone();
  });
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
    await record.run(check.input);
    if (record.error() !== undefined) {
      notifyError(record.error());
      // The button was disabled while saving, which took focus away from it: give it back.
      submitButton.focus();
    }
  }

  return (
    <form class="outcome-form" onSubmit={submit} novalidate data-testid="outcome-form">
      <fieldset
        class="outcome-form__choices"
        aria-invalid={invalid()?.field === "outcome"}
        aria-describedby={invalid()?.field === "outcome" ? `outcome-error-${id}` : undefined}
      >
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
        <button ref={submitButton} type="submit" class="button button--primary" disabled={record.busy()}>
          {record.busy() ? t("common.saving") : t("calls.record")}
        </button>
      </div>
    </form>
  );
}
