import { MESSAGE_LANGUAGES, renderCannedReply } from "@confirma/domain";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import { isAdmin } from "../auth/session.ts";
import { t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import { checkCannedReply, PREVIEW_SOURCE, type CannedCheck, type CannedDraft } from "./canned-form.ts";
import { reloadCannedReplies, type CannedReplyList } from "./canned-replies-store.ts";
import "./canned-replies.css";

type Reply = CannedReplyList["items"][number];
type Language = (typeof MESSAGE_LANGUAGES)[number];

/** One reply's form: shortcut, language, text, and the preview the customer would get. */
function CannedReplyForm(props: { reply?: Reply; deliveryDate: string | null; onDone: () => void; onCancel?: () => void }) {
  const [draft, setDraft] = createSignal<CannedDraft>({
    title: props.reply?.title ?? "",
    language: props.reply?.language ?? "fr",
    body: props.reply?.body ?? "",
  });
  const [invalid, setInvalid] = createSignal<Extract<CannedCheck, { ok: false }> | null>(null);
  const prefix = `canned-${props.reply?.id ?? "new"}`;
  const save = createAction(async (input: CannedDraft) => {
    const language = input.language as Language;
    if (props.reply) await api.cannedReplies.update.mutate({ id: props.reply.id, patch: { ...input, language } });
    else await api.cannedReplies.create.mutate({ ...input, language });
    notify(t("canned.saved"));
    void reloadCannedReplies();
    if (!props.reply) setDraft({ title: "", language: input.language, body: "" });
    props.onDone();
  });
  const preview = () =>
    renderCannedReply(draft().body, {
      ...PREVIEW_SOURCE,
      deliveryDate: props.deliveryDate,
      language: draft().language as Language,
      order: PREVIEW_SOURCE.order,
    });
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const check = checkCannedReply(draft());
    if (!check.ok) {
      setInvalid(check);
      document.getElementById(`${prefix}-${check.field}`)?.focus();
      return;
    }
    setInvalid(null);
    await save.run(check.input);
    if (save.error() !== undefined) notifyError(save.error());
  }
  const errorText = (field: "title" | "body") => {
    const problem = invalid();
    if (problem?.field !== field) return null;
    if (problem.error === "unknown") return t("canned.unknown", { names: (problem.unknown ?? []).map((name) => `{${name}}`).join(", ") });
    return t(problem.error === "required" ? "canned.error.required" : "canned.error.tooLong");
  };
  return (
    <form class="canned-form" onSubmit={submit} novalidate>
      <div class="canned-form__row">
        <label class="field">
          <span class="field__label">{t("canned.field.title")}</span>
          <input
            id={`${prefix}-title`}
            name="title"
            maxLength={60}
            value={draft().title}
            aria-invalid={invalid()?.field === "title"}
            onInput={(event) => setDraft({ ...draft(), title: event.currentTarget.value })}
          />
          <Show when={errorText("title")}>{(text) => <span class="field__error">{text()}</span>}</Show>
        </label>
        <label class="field">
          <span class="field__label">{t("canned.field.language")}</span>
          <select name="language" value={draft().language} onChange={(event) => setDraft({ ...draft(), language: event.currentTarget.value })}>
            <For each={MESSAGE_LANGUAGES}>{(language) => <option value={language}>{t(`messageLanguage.${language}`)}</option>}</For>
          </select>
        </label>
      </div>
      <label class="field">
        <span class="field__label">{t("canned.field.body")}</span>
        <textarea
          id={`${prefix}-body`}
          name="body"
          rows="3"
          maxLength={1024}
          value={draft().body}
          aria-invalid={invalid()?.field === "body"}
          onInput={(event) => setDraft({ ...draft(), body: event.currentTarget.value })}
        />
        <Show when={errorText("body")}>{(text) => <span class="field__error">{text()}</span>}</Show>
      </label>
      <Show when={draft().body.trim()}>
        <p class="canned-form__preview small">
          <span class="muted">{t("canned.preview")} : </span>
          <span data-testid="canned-preview">{preview()}</span>
        </p>
      </Show>
      <div class="form__actions">
        <Show when={props.onCancel}>
          <button type="button" class="button" onClick={() => props.onCancel?.()}>
            {t("common.cancel")}
          </button>
        </Show>
        <button type="submit" class="button button--primary" disabled={save.busy()}>
          {save.busy() ? t("common.saving") : props.reply ? t("common.save") : t("canned.add")}
        </button>
      </div>
    </form>
  );
}

/** Settings: the canned replies (admins edit them, everyone sees them) and the delivery time `{delivery_date}` says. */
export function CannedRepliesCard() {
  const list = createQuery(
    () => "canned-replies-settings",
    () => api.cannedReplies.list.query(),
  );
  const [editing, setEditing] = createSignal<string | null>(null);
  const [deliveryDate, setDeliveryDate] = createSignal<string | null>(null);
  const refresh = () => {
    setEditing(null);
    void list.refetch();
  };
  const remove = createAction(async (reply: Reply) => {
    await api.cannedReplies.delete.mutate({ id: reply.id });
    notify(t("canned.deleted"));
    void reloadCannedReplies();
    void list.refetch();
  });
  const saveDate = createAction(async (value: string) => {
    await api.cannedReplies.setDeliveryDate.mutate({ deliveryDate: value });
    notify(t("canned.deliveryDateSaved"));
    void reloadCannedReplies();
    void list.refetch();
  });
  return (
    <section class="card" aria-labelledby="canned-title" data-testid="canned-replies">
      <h2 id="canned-title" class="card__title">
        {t("canned.title")}
      </h2>
      <p class="muted small">{t("canned.intro")}</p>
      <Show when={list.data()} fallback={list.error() ? <ErrorState error={list.error()} retry={list.refetch} /> : <Loading />}>
        {(data) => (
          <>
            <form
              class="canned-form__row"
              onSubmit={(event) => {
                event.preventDefault();
                void saveDate.run(deliveryDate() ?? data().deliveryDate ?? "").then(() => saveDate.error() !== undefined && notifyError(saveDate.error()));
              }}
            >
              <label class="field">
                <span class="field__label">{t("canned.deliveryDate")}</span>
                <input
                  name="deliveryDate"
                  maxLength={120}
                  readOnly={!isAdmin()}
                  value={deliveryDate() ?? data().deliveryDate ?? ""}
                  aria-describedby="delivery-date-help"
                  onInput={(event) => setDeliveryDate(event.currentTarget.value)}
                />
                <span id="delivery-date-help" class="muted small">
                  {t("canned.deliveryDateHelp")}
                </span>
              </label>
              <Show when={isAdmin()}>
                <button type="submit" class="button" disabled={saveDate.busy()}>
                  {t("common.save")}
                </button>
              </Show>
            </form>
            <Show when={data().items.length > 0} fallback={<p class="muted">{t("canned.empty")}</p>}>
              <ul class="canned-replies">
                <For each={data().items}>
                  {(reply) => (
                    <li class="canned-replies__item" data-reply-id={reply.id}>
                      <Show
                        when={editing() === reply.id}
                        fallback={
                          <>
                            <p class="canned-replies__head">
                              <strong>/{reply.title}</strong> <span class="badge">{reply.language.toUpperCase()}</span>
                            </p>
                            <p class="canned-replies__body">{reply.body}</p>
                            <Show when={isAdmin()}>
                              <div class="actions">
                                <button type="button" class="button button--small" onClick={() => setEditing(reply.id)}>
                                  {t("canned.edit")}
                                </button>
                                <button
                                  type="button"
                                  class="button button--small button--danger"
                                  disabled={remove.busy()}
                                  onClick={() => {
                                    if (window.confirm(t("canned.deleteConfirm", { title: reply.title }))) void remove.run(reply);
                                  }}
                                >
                                  {t("canned.delete")}
                                </button>
                              </div>
                            </Show>
                          </>
                        }
                      >
                        <CannedReplyForm reply={reply} deliveryDate={data().deliveryDate} onDone={refresh} onCancel={() => setEditing(null)} />
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={isAdmin()}>
              <h3 class="canned-form__title">{t("canned.add")}</h3>
              <CannedReplyForm deliveryDate={data().deliveryDate} onDone={refresh} />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
