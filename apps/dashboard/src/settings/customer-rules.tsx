import { createEffect, createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { DEFAULT_DUPLICATE_RULES, DEFAULT_RISK_RULES } from "@confirma/domain";
import { api } from "../api/client.ts";
import { createPagedQuery, createQuery } from "../api/query.ts";
import { isAdmin } from "../auth/session.ts";
import { formatDateTime } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import type { MessageKey } from "../i18n/translate.ts";
import { createAction } from "../ui/action.ts";
import { PagedList } from "../ui/paged-list.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import { fromDraft, toDraft, type CustomerRulesDraft } from "./customer-rules-form.ts";
import "../customers/customer-standing.css";

type NumberField = Exclude<keyof CustomerRulesDraft, "duplicatesEnabled">;

/** The risk rules and the duplicate window; admins change them. */
export function CustomerRulesCard() {
  const rules = createQuery(
    () => "customer-rules",
    () => api.settings.customerRules.query(),
  );
  const [draft, setDraft] = createStore<CustomerRulesDraft>(toDraft({ risk: DEFAULT_RISK_RULES, duplicates: DEFAULT_DUPLICATE_RULES }));
  const [loaded, setLoaded] = createSignal(false);
  createEffect(() => {
    const data = rules.data();
    if (data) {
      setDraft(toDraft(data));
      setLoaded(true);
    }
  });
  const save = createAction(async () => {
    await api.settings.updateCustomerRules.mutate(fromDraft(draft));
    notify(t("riskRules.saved"));
    void rules.refetch();
  });
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    await save.run();
    if (save.error() !== undefined) notifyError(save.error());
  }
  const field = (name: NumberField, label: MessageKey) => (
    <div class="field">
      <label class="field__label" for={`risk-${name}`}>
        {t(label)}
      </label>
      <input
        id={`risk-${name}`}
        type="number"
        min="0"
        inputmode="numeric"
        value={draft[name]}
        disabled={!isAdmin()}
        onInput={(event) => setDraft(name, event.currentTarget.value)}
      />
    </div>
  );
  return (
    <section class="card" aria-labelledby="risk-rules-title">
      <h2 id="risk-rules-title" class="card__title">
        {t("riskRules.title")}
      </h2>
      <p class="muted">{t("riskRules.help")}</p>
      <Show when={loaded()}>
        <form onSubmit={submit}>
          <fieldset>
            <legend>{t("riskRules.returns")}</legend>
            <div class="field-row">
              {field("minParcels", "riskRules.minParcels")}
              {field("mediumRatio", "riskRules.mediumRatio")}
              {field("highRatio", "riskRules.highRatio")}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t("riskRules.cancellations")}</legend>
            <div class="field-row">
              {field("cancellationsMedium", "riskRules.medium")}
              {field("cancellationsHigh", "riskRules.high")}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t("riskRules.noAnswers")}</legend>
            <div class="field-row">
              {field("noAnswersMedium", "riskRules.medium")}
              {field("noAnswersHigh", "riskRules.high")}
            </div>
          </fieldset>
          <fieldset>
            <legend>
              <label>
                <input
                  type="checkbox"
                  checked={draft.duplicatesEnabled}
                  disabled={!isAdmin()}
                  onChange={(event) => setDraft("duplicatesEnabled", event.currentTarget.checked)}
                />{" "}
                {t("riskRules.duplicates")}
              </label>
            </legend>
            {field("windowHours", "riskRules.windowHours")}
          </fieldset>
          <Show when={isAdmin()}>
            <button type="submit" class="button button--primary" disabled={save.busy()}>
              {t("common.save")}
            </button>
          </Show>
        </form>
      </Show>
    </section>
  );
}

/** The blocked numbers, with who added them and why; admins add and remove. */
export function BlocklistCard() {
  const list = createPagedQuery(
    () => "blocklist",
    async (_, page) => {
      const result = await api.blocklist.list.query(page);
      return { items: result.items.map((item) => ({ ...item, id: item.phoneNumber })), nextCursor: result.nextCursor };
    },
    { pageSize: 50 },
  );
  const [phone, setPhone] = createSignal("");
  const [reason, setReason] = createSignal("");
  const add = createAction(async () => {
    await api.blocklist.add.mutate({ phoneNumber: phone(), reason: reason() });
    notify(t("blocklist.added"));
    setPhone("");
    setReason("");
    void list.refetch();
  });
  const remove = createAction(async (phoneNumber: string) => {
    await api.blocklist.remove.mutate({ phoneNumber });
    notify(t("blocklist.removed"));
    void list.refetch();
  });
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    await add.run();
    if (add.error() !== undefined) notifyError(add.error());
  }
  async function unblock(phoneNumber: string) {
    await remove.run(phoneNumber);
    if (remove.error() !== undefined) notifyError(remove.error());
  }
  return (
    <section class="card" aria-labelledby="blocklist-title">
      <h2 id="blocklist-title" class="card__title">
        {t("blocklist.title")}
      </h2>
      <p class="muted">{t("blocklist.help")}</p>
      <Show when={isAdmin()}>
        <form class="blocklist-form" onSubmit={submit}>
          <div class="field">
            <label class="field__label" for="block-phone">
              {t("blocklist.phone")}
            </label>
            <input id="block-phone" type="tel" required value={phone()} onInput={(event) => setPhone(event.currentTarget.value)} />
          </div>
          <div class="field">
            <label class="field__label" for="block-reason">
              {t("blocklist.reason")}
            </label>
            <input id="block-reason" type="text" required maxLength={500} value={reason()} onInput={(event) => setReason(event.currentTarget.value)} />
          </div>
          <button type="submit" class="button button--danger" disabled={add.busy()}>
            {t("blocklist.add")}
          </button>
        </form>
      </Show>
      <PagedList list={list} empty={t("blocklist.empty")}>
        {(item) => (
          <li class="blocklist-item" data-phone={item.phoneNumber}>
            <strong class="mono">{item.phoneNumber}</strong> — {item.reason}{" "}
            <span class="muted small">{t("blocklist.by", { date: formatDateTime(item.createdAt, locale()) })}</span>{" "}
            <Show when={isAdmin()}>
              <button type="button" class="button button--small" disabled={remove.busy()} onClick={() => void unblock(item.phoneNumber)}>
                {t("blocklist.remove")}
              </button>
            </Show>
          </li>
        )}
      </PagedList>
    </section>
  );
}
