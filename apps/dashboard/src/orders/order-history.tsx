import { For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import type { OrderStatus, StatusChange } from "../api/types.ts";
import { currentUser } from "../auth/session.ts";
import { formatDateTime } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { OrderStatusBadge } from "../ui/status-badge.tsx";
import { isOrderStatus } from "@confirma/domain";
import { describeActor, describeOrderEvent, describeReason, isUnchanged, mergeHistory } from "./status-history.ts";
import "./order-history.css";

/**
 * Every status change of one order, newest first: from → to, who or what did it (a user, the
 * customer's message and the rule that read it, the integration key, the confirmation flow), why;
 * and, between them, the other recorded changes (an address or phone corrected, the store's change).
 */
export function OrderHistory(props: { orderId: string; messageText: (id: string) => string | null | undefined; userName: (id: string) => string | null }) {
  const live = (entityId: string) => (event: { entity: string; entityId: string }) => event.entity === "order" && event.entityId === entityId;
  const changes = createQuery(
    () => props.orderId,
    (entityId) => api.audit.statusChanges.query({ entityId, limit: 50 }),
    { live },
  );
  const events = createQuery(
    () => props.orderId,
    (orderId) => api.audit.orderEvents.query({ orderId, limit: 50 }),
    { live },
  );
  const entries = () => {
    const statusPage = changes.data();
    const eventPage = events.data();
    return statusPage && eventPage ? mergeHistory(statusPage.items, eventPage.items) : undefined;
  };
  const failure = () => changes.error() ?? events.error();
  const badge = (status: string | null) =>
    isOrderStatus(status) ? <OrderStatusBadge status={status as OrderStatus} /> : <span class="badge">{status ?? "—"}</span>;
  const who = (entry: Pick<StatusChange, "actorType" | "actorId"> & { actorName?: string | null; messageBody?: string | null }) => {
    const actor = describeActor(entry, { currentUserId: currentUser()?.id, userName: props.userName, messageText: props.messageText });
    return t(actor.key, actor.params);
  };
  return (
    <Show
      when={entries()}
      fallback={
        failure() ? (
          <ErrorState
            error={failure()}
            retry={() => {
              void changes.refetch();
              void events.refetch();
            }}
          />
        ) : (
          <Loading />
        )
      }
    >
      {(list) => (
        <Show when={list().length > 0} fallback={<p class="muted small">{t("history.empty")}</p>}>
          <ol class="history">
            <For each={list()}>
              {(entry) => (
                <Show
                  when={entry.kind === "status" && entry.change}
                  fallback={
                    <Show when={entry.kind === "event" && entry.event}>
                      {(event) => (
                        <li class="history__item history__item--event" data-action={event().action}>
                          <time class="history__time" datetime={event().createdAt}>
                            {formatDateTime(event().createdAt, locale())}
                          </time>
                          <span class="history__change">
                            <For each={describeOrderEvent(event())}>{(phrase) => <span class="history__what">{t(phrase.key, phrase.params)}</span>}</For>
                          </span>
                          <span class="history__who">{who(event())}</span>
                        </li>
                      )}
                    </Show>
                  }
                >
                  {(change) => {
                    const reason = () => describeReason(change().reason);
                    return (
                      <li class="history__item" data-reason={change().reason ?? ""}>
                        <time class="history__time" datetime={change().createdAt}>
                          {formatDateTime(change().createdAt, locale())}
                        </time>
                        <span class="history__change">
                          <Show when={change().fromStatus !== null && !isUnchanged(change())} fallback={badge(change().toStatus)}>
                            {badge(change().fromStatus)}
                            <span aria-hidden="true">→</span>
                            <span class="visually-hidden">{t("history.to")}</span>
                            {badge(change().toStatus)}
                          </Show>
                        </span>
                        <span class="history__who">
                          {who(change())}
                          <Show when={reason()}>{(why) => <span class="history__why"> · {t(why().key, why().params)}</span>}</Show>
                        </span>
                      </li>
                    );
                  }}
                </Show>
              )}
            </For>
          </ol>
        </Show>
      )}
    </Show>
  );
}
