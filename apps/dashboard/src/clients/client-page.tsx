import { A, useParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorCodeOf } from "../api/errors.ts";
import { createPagedQuery, createQuery } from "../api/query.ts";
import type { ClientStatus, Order } from "../api/types.ts";
import { isAdmin } from "../auth/session.ts";
import { createUserNames } from "../auth/user-names.ts";
import { formatDateTime, formatMoney } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { touchesClient, touchesThread } from "../live/change-bus.ts";
import { OrderActions, productsSummary } from "../orders/order-actions.tsx";
import { OrderForm } from "../orders/order-form.tsx";
import { OrderHistory } from "../orders/order-history.tsx";
import { orderLabel } from "../orders/order-source.ts";
import { StoreReference } from "../orders/order-store.tsx";
import { CLIENT_STATUSES, MESSAGE_LANGUAGES, type MessageLanguage } from "@confirma/domain";
import { createAction } from "../ui/action.ts";
import { Dialog } from "../ui/dialog.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/states.tsx";
import { ClientStatusBadge, OrderStatusBadge } from "../ui/status-badge.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import { Conversation } from "./conversation.tsx";
import { CustomerStanding } from "../customers/customer-standing.tsx";
import { downloadJson } from "./download-json.ts";
import "./client-page.css";

/** One order of the client: amount, status, actions, and its status history on demand. */
function OrderItem(props: {
  order: Order;
  onChanged: () => void;
  messageText: (id: string) => string | null | undefined;
  userName: (id: string) => string | null;
}) {
  const [historyOpen, setHistoryOpen] = createSignal(false);
  const order = () => props.order;
  return (
    <li class="order-item" data-order-id={order().id} data-status={order().status}>
      <div class="order-item__top">
        <strong class="order-item__total">{formatMoney(order().total, order().currency, locale())}</strong>
        <OrderStatusBadge status={order().status} />
        <Show when={order().needsReview}>
          <A href="/review" class="badge badge--review">
            {t("orders.needsReview")}
          </A>
        </Show>
      </div>
      <p class="order-item__products">{productsSummary(order())}</p>
      <p class="muted small">
        <A href={`/orders/${order().id}`} class="link mono">
          {orderLabel(order())}
        </A>{" "}
        · {formatDateTime(order().createdAt, locale())} <StoreReference order={order()} withNumber={false} />
      </p>
      <OrderActions order={order()} resend onChanged={props.onChanged} />
      <details class="order-history" onToggle={(event) => setHistoryOpen(event.currentTarget.open)}>
        <summary>{t("history.title")}</summary>
        <Show when={historyOpen()}>
          <OrderHistory orderId={order().id} messageText={props.messageText} userName={props.userName} />
        </Show>
      </details>
    </li>
  );
}

export function ClientPage() {
  const params = useParams<{ id: string }>();
  const [creating, setCreating] = createSignal(false);
  const client = createQuery(
    () => params.id,
    (id) => api.clients.get.query({ id }),
    { live: (id) => touchesClient(id) },
  );
  const messages = createPagedQuery(
    () => params.id,
    (clientId, page) => api.messages.list.query({ clientId, ...page }),
    { pageSize: 50, live: (clientId) => touchesThread(clientId) },
  );
  /** A customer's message by id, for "confirmed by the message « oui »" in the status history. */
  const messageText = (id: string) => messages.items().find((message) => message.id === id)?.body;
  const userName = createUserNames();

  const statusChange = createAction(async (status: ClientStatus) => {
    await api.clients.update.mutate({ id: params.id, patch: { status } });
    notify(t("client.statusChanged", { status: t(`status.client.${status}`) }));
    void client.refetch();
  });
  const busy = statusChange.busy;
  const languageChange = createAction(async (language: MessageLanguage | null) => {
    await api.clients.update.mutate({ id: params.id, patch: { language } });
    notify(t("client.languageChanged"));
  });
  async function setLanguage(value: string) {
    await languageChange.run((MESSAGE_LANGUAGES as readonly string[]).includes(value) ? (value as MessageLanguage) : null);
    if (languageChange.error() !== undefined) notifyError(languageChange.error());
  }
  async function setClientStatus(status: ClientStatus) {
    await statusChange.run(status);
    if (statusChange.error() !== undefined) notifyError(statusChange.error());
  }

  const block = createAction(async (reason: string) => {
    await api.blocklist.add.mutate({ phoneNumber: client.data()!.phoneNumber!, reason });
    notify(t("blocklist.added"));
    void client.refetch();
  });
  const unblock = createAction(async () => {
    await api.blocklist.remove.mutate({ phoneNumber: client.data()!.phoneNumber! });
    notify(t("blocklist.removed"));
    void client.refetch();
  });
  async function blockNumber() {
    const reason = window.prompt(t("blocklist.reasonPrompt"))?.trim();
    if (!reason) return;
    await block.run(reason);
    if (block.error() !== undefined) notifyError(block.error());
  }
  async function unblockNumber() {
    await unblock.run();
    if (unblock.error() !== undefined) notifyError(unblock.error());
  }
  const [erasing, setErasing] = createSignal(false);
  const exportData = createAction(async () => {
    downloadJson(`client-${params.id}.json`, await api.clients.export.query({ id: params.id }));
    notify(t("client.exported"));
  });
  const erase = createAction(async () => {
    await api.clients.erase.mutate({ id: params.id });
    setErasing(false);
    notify(t("client.erased"));
    void client.refetch();
    void messages.refetch();
  });

  const title = () => client.data()?.name ?? client.data()?.phoneNumber ?? t("common.noName");
  const whatsAppLink = () => {
    const phone = client.data()?.phoneNumber;
    return phone ? `https://wa.me/${phone.replace(/\D/g, "")}` : null;
  };

  return (
    <section class="page" aria-labelledby="client-title">
      <A href="/clients" class="back-link">
        ← {t("client.back")}
      </A>
      <Show
        when={client.data()}
        fallback={
          client.error() ? (
            errorCodeOf(client.error()) === "not_found" ? (
              <EmptyState>{t("client.notFound")}</EmptyState>
            ) : (
              <ErrorState error={client.error()} retry={client.refetch} />
            )
          ) : (
            <Loading />
          )
        }
      >
        {(data) => (
          <>
            <header class="page__header client-header">
              <div>
                <h1 id="client-title">{title()}</h1>
                <p class="muted client-header__meta">
                  <Show when={data().name && data().phoneNumber}>
                    <span class="nowrap">{data().phoneNumber}</span>
                  </Show>
                  <ClientStatusBadge status={data().status} />
                  <Show when={whatsAppLink()}>
                    {(href) => (
                      <a class="link small" href={href()} target="_blank" rel="noopener noreferrer">
                        {t("client.openWhatsApp")} ↗
                      </a>
                    )}
                  </Show>
                </p>
              </div>
              <label class="client-language">
                <span>{t("client.language")}</span>
                <select
                  name="language"
                  value={data().language ?? ""}
                  disabled={languageChange.busy()}
                  onChange={(event) => void setLanguage(event.currentTarget.value)}
                >
                  <option value="">{t("client.language.auto")}</option>
                  <For each={MESSAGE_LANGUAGES}>{(language) => <option value={language}>{t(`client.language.${language}`)}</option>}</For>
                </select>
              </label>
              <div class="segmented" role="group" aria-label={t("client.setStatus")}>
                <For each={CLIENT_STATUSES}>
                  {(status) => (
                    <button
                      type="button"
                      class="segmented__option"
                      aria-pressed={data().status === status}
                      disabled={busy()}
                      onClick={() => data().status !== status && void setClientStatus(status)}
                    >
                      {t(`status.client.${status}`)}
                    </button>
                  )}
                </For>
              </div>
              <Show when={isAdmin()}>
                <div class="client-header__privacy">
                  <button
                    type="button"
                    class="button button--small"
                    disabled={exportData.busy()}
                    data-action="export-client"
                    onClick={async () => {
                      await exportData.run();
                      if (exportData.error() !== undefined) notifyError(exportData.error());
                    }}
                  >
                    {t("client.export")}
                  </button>
                  <button type="button" class="button button--small button--danger" data-action="erase-client" onClick={() => setErasing(true)}>
                    {t("client.erase")}
                  </button>
                </div>
              </Show>
            </header>

            <Show when={data().blocked}>
              {(blocked) => (
                <p class="notice notice--warn" data-testid="client-blocked">
                  {t("blocklist.blockedNotice", { reason: blocked().reason })}
                </p>
              )}
            </Show>
            <section class="card" aria-labelledby="client-standing-title">
              <div class="card__header">
                <h2 id="client-standing-title" class="card__title">
                  {t("risk.title")}
                </h2>
                <Show when={isAdmin() && data().phoneNumber}>
                  <Show
                    when={data().blocked}
                    fallback={
                      <button type="button" class="button button--small button--danger" disabled={block.busy()} onClick={() => void blockNumber()}>
                        {t("blocklist.blockClient")}
                      </button>
                    }
                  >
                    <button type="button" class="button button--small" disabled={unblock.busy()} onClick={() => void unblockNumber()}>
                      {t("blocklist.remove")}
                    </button>
                  </Show>
                </Show>
              </div>
              <CustomerStanding history={data().history} risk={data().risk} />
            </section>

            <div class="client-layout">
              <section class="card client-layout__thread" aria-labelledby="conversation-title">
                <h2 id="conversation-title" class="card__title">
                  {t("client.conversation")}
                </h2>
                <Conversation clientId={params.id} messages={messages} orders={data().orders} />
              </section>

              <section class="card client-layout__orders" aria-labelledby="client-orders-title">
                <div class="card__header">
                  <h2 id="client-orders-title" class="card__title">
                    {t("client.orders")}
                  </h2>
                  <button type="button" class="button button--primary button--small" onClick={() => setCreating(true)}>
                    + {t("client.newOrder")}
                  </button>
                </div>
                <Show when={data().orders.length > 0} fallback={<p class="muted">{t("client.noOrders")}</p>}>
                  <ul class="order-list">
                    <For each={data().orders}>
                      {(order) => <OrderItem order={order} onChanged={() => void client.refetch()} messageText={messageText} userName={userName} />}
                    </For>
                  </ul>
                </Show>
              </section>
            </div>

            <Dialog open={erasing()} onClose={() => setErasing(false)} title={t("client.eraseTitle")}>
              <div class="form">
                <p>{t("client.eraseWarning")}</p>
                <div class="form__actions">
                  <button type="button" class="button" onClick={() => setErasing(false)}>
                    {t("common.cancel")}
                  </button>
                  <button
                    type="button"
                    class="button button--danger"
                    disabled={erase.busy()}
                    data-action="confirm-erase"
                    onClick={async () => {
                      await erase.run();
                      if (erase.error() !== undefined) notifyError(erase.error());
                    }}
                  >
                    {t("client.eraseConfirm")}
                  </button>
                </div>
              </div>
            </Dialog>

            <Dialog open={creating()} onClose={() => setCreating(false)} title={t("orderForm.title")} wide>
              <OrderForm
                client={{ id: data().id, label: [data().name, data().phoneNumber].filter(Boolean).join(" · ") }}
                onCancel={() => setCreating(false)}
                onDone={() => {
                  setCreating(false);
                  notify(t("orderForm.created"));
                  void client.refetch();
                }}
              />
            </Dialog>
          </>
        )}
      </Show>
    </section>
  );
}
