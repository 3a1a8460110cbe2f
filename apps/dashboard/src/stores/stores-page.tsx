import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorCodeOf } from "../api/errors.ts";
import { createQuery } from "../api/query.ts";
import type { CreatedStore, Store } from "../api/types.ts";
import { isAdmin } from "../auth/session.ts";
import { formatDateTime } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import type { MessageKey } from "../i18n/translate.ts";
import { touchesOrders } from "../live/change-bus.ts";
import { createAction } from "../ui/action.ts";
import { CopyButton } from "../ui/copy-button.tsx";
import { Dialog } from "../ui/dialog.tsx";
import { EmptyState, ErrorState, Forbidden, Loading } from "../ui/states.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import { PLATFORM_FORMS } from "./store-form.ts";
import { StoreForm } from "./store-form.tsx";
import { storeHealth } from "./store-health.ts";
import "./stores-page.css";

/** A read-only value to paste on the platform, with its copy button. */
function CopyField(props: { id: string; label: string; value: string; testId?: string }) {
  return (
    <div class="field">
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <div class="copy-row">
        <input
          id={props.id}
          type="text"
          readOnly
          value={props.value}
          class="mono"
          data-testid={props.testId}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={props.value} label={props.label} />
      </div>
    </div>
  );
}

/** One connected store: what to paste on the platform, how the connection is doing, its settings. */
function StoreCard(props: { store: Store; onEdit: () => void; onDelete: () => void }) {
  const store = () => props.store;
  const health = () => storeHealth(store(), (iso) => formatDateTime(iso, locale()));
  const writeBackSummary = () => {
    const options = PLATFORM_FORMS[store().platform].writeBack;
    const on: string[] = [];
    if (options.includes("tags") && (store().writeBack.tags ?? true)) on.push(t("stores.writeBack.tags"));
    if (options.includes("note") && (store().writeBack.note ?? true)) on.push(t("stores.writeBack.note"));
    if (options.includes("cancelOrder") && store().writeBack.cancelOrder) on.push(t("stores.writeBack.cancelOrder"));
    if (options.includes("statusMap")) on.push(store().writeBack.statusMap ? t("stores.writeBack.ownMap") : t("stores.writeBack.defaultMapShort"));
    return on.length ? on.join(" · ") : t("stores.writeBack.nothing");
  };
  const secrets = () => PLATFORM_FORMS[store().platform].secrets;
  return (
    <li class="card store-card" data-store-id={store().id} data-health={health().state}>
      <div class="card__header">
        <h2 class="card__title">
          {store().name} <span class={`badge badge--platform-${store().platform}`}>{t(`stores.platform.${store().platform}`)}</span>
        </h2>
        <span class={`badge badge--health-${health().state}`}>{t(`stores.health.state.${health().state}`)}</span>
      </div>
      <ul class="store-card__health" aria-label={t("stores.health")}>
        <li>{t(health().orders.key, health().orders.params)}</li>
        <li classList={{ "store-card__failure": health().state === "error" }} data-testid="write-back-health">
          {t(health().writeBack.key, health().writeBack.params)}
        </li>
      </ul>
      <CopyField id={`webhook-${store().id}`} label={t("stores.webhookUrl")} value={store().webhookUrl} testId="store-webhook-url" />
      <Show when={store().setup}>
        <details class="example" open={health().state === "waiting"}>
          <summary>{t("stores.setup")}</summary>
          <p class="store-card__setup">{store().setup}</p>
        </details>
      </Show>
      <dl class="facts">
        <Show when={store().shopDomain ?? store().siteUrl ?? store().storeId}>
          {(id) => (
            <div>
              <dt>{t(`stores.id.${store().shopDomain ? "shopDomain" : store().siteUrl ? "siteUrl" : "storeId"}`)}</dt>
              <dd class="mono">{id()}</dd>
            </div>
          )}
        </Show>
        <div>
          <dt>{t("stores.confirm")}</dt>
          <dd>{t(`stores.confirm.${store().confirm}`)}</dd>
        </div>
        <div>
          <dt>{t("stores.defaultCountry")}</dt>
          <dd>{store().defaultCountry ?? t("stores.serverDefault")}</dd>
        </div>
        <div>
          <dt>{t("stores.defaultCurrency")}</dt>
          <dd>{store().defaultCurrency ?? t("stores.serverDefault")}</dd>
        </div>
        <Show when={PLATFORM_FORMS[store().platform].writeBack.length > 0}>
          <div>
            <dt>{t("stores.writeBack")}</dt>
            <dd>{writeBackSummary()}</dd>
          </div>
        </Show>
        <div>
          <dt>{t("stores.secrets")}</dt>
          <dd data-testid="store-secrets">
            <For each={secrets()}>
              {(secret, index) => (
                <>
                  {index() > 0 ? " · " : ""}
                  {t(`stores.secret.${store().platform}.${secret.field}` as MessageKey)} :{" "}
                  {store().credentials[secret.field] ? t("stores.secret.set") : t("stores.secret.notSet")}
                </>
              )}
            </For>
          </dd>
        </div>
      </dl>
      <div class="actions">
        <A href={`/orders?store=${store().id}`} class="button button--small">
          {t("stores.seeOrders")}
        </A>
        <button type="button" class="button button--small" onClick={() => props.onEdit()}>
          {t("stores.edit")}
        </button>
        <button type="button" class="button button--small button--danger" onClick={() => props.onDelete()}>
          {t("stores.delete")}
        </button>
      </div>
    </li>
  );
}

/** Shown once after a store is connected: the generated secret (never shown again), the URL and what to set up. */
function ConnectedStore(props: { store: CreatedStore; onClose: () => void }) {
  return (
    <div class="form" data-testid="store-connected">
      <p>{t("stores.connected", { name: props.store.name })}</p>
      <CopyField id="new-store-webhook" label={t("stores.webhookUrl")} value={props.store.webhookUrl} />
      <Show when={props.store.webhookSecret}>
        {(secret) => (
          <>
            <CopyField id="new-store-secret" label={t("stores.generatedSecret")} value={secret()} testId="generated-secret" />
            <p class="notice notice--warn" role="status">
              {t("stores.secretOnce")}
            </p>
          </>
        )}
      </Show>
      <Show when={props.store.setup}>
        <p class="store-card__setup">{props.store.setup}</p>
      </Show>
      <div class="form__actions">
        <button type="button" class="button button--primary" onClick={() => props.onClose()}>
          {props.store.webhookSecret ? t("stores.secretCopied") : t("common.close")}
        </button>
      </div>
    </div>
  );
}

/** The stores orders come from (admins): connect, check, change and disconnect them. */
export function StoresPage() {
  const [dialog, setDialog] = createSignal<{ kind: "create" } | { kind: "created"; store: CreatedStore } | { kind: "edit"; store: Store } | null>(null);
  const [deleting, setDeleting] = createSignal<Store | null>(null);
  // A new order updates a store's "last order received": refresh with the orders.
  const stores = createQuery(
    () => isAdmin() && "stores",
    () => api.stores.list.query(),
    { live: () => touchesOrders },
  );
  const forbidden = () => !isAdmin() || errorCodeOf(stores.error()) === "forbidden";
  const remove = createAction(async (store: Store) => {
    await api.stores.delete.mutate({ id: store.id });
    notify(t("stores.deleted", { name: store.name }));
    setDeleting(null);
    await stores.refetch();
  });
  const dialogTitle = () => {
    const open = dialog();
    if (open?.kind === "edit") return t("stores.editTitle", { name: open.store.name });
    return open?.kind === "created" ? t("stores.connectedTitle") : t("stores.new");
  };

  return (
    <section class="page" aria-labelledby="stores-title">
      <header class="page__header">
        <div>
          <h1 id="stores-title">{t("stores.title")}</h1>
          <p class="muted">{t("stores.intro")}</p>
        </div>
        <Show when={!forbidden()}>
          <button type="button" class="button button--primary" onClick={() => setDialog({ kind: "create" })}>
            + {t("stores.new")}
          </button>
        </Show>
      </header>
      <Show when={!forbidden()} fallback={<Forbidden help={t("stores.forbiddenHelp")} />}>
        <Show when={stores.data()} fallback={stores.error() ? <ErrorState error={stores.error()} retry={stores.refetch} /> : <Loading />}>
          {(list) => (
            <Show when={list().length > 0} fallback={<EmptyState>{t("stores.empty")}</EmptyState>}>
              <ul class="store-list">
                <For each={list()}>
                  {(store) => <StoreCard store={store} onEdit={() => setDialog({ kind: "edit", store })} onDelete={() => setDeleting(store)} />}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>

      <Dialog open={dialog() !== null} onClose={() => setDialog(null)} title={dialogTitle()} wide>
        <Show when={dialog()} keyed>
          {(open) =>
            open.kind === "created" ? (
              <ConnectedStore store={open.store} onClose={() => setDialog(null)} />
            ) : (
              <StoreForm
                store={open.kind === "edit" ? open.store : undefined}
                onCancel={() => setDialog(null)}
                onDone={(result) => {
                  void stores.refetch();
                  if (result.created) setDialog({ kind: "created", store: result.created });
                  else {
                    notify(t("common.updated"));
                    setDialog(null);
                  }
                }}
              />
            )
          }
        </Show>
      </Dialog>

      <Dialog open={deleting() !== null} onClose={() => setDeleting(null)} title={t("stores.deleteTitle", { name: deleting()?.name ?? "" })}>
        <div class="form">
          <p>{t("stores.deleteWarning")}</p>
          <div class="form__actions">
            <button type="button" class="button" onClick={() => setDeleting(null)}>
              {t("common.cancel")}
            </button>
            <button
              type="button"
              class="button button--danger"
              disabled={remove.busy()}
              data-action="confirm-delete"
              onClick={async () => {
                const store = deleting();
                if (store) await remove.run(store);
                if (remove.error() !== undefined) notifyError(remove.error());
              }}
            >
              {t("stores.delete")}
            </button>
          </div>
        </div>
      </Dialog>
    </section>
  );
}
