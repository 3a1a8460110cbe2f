import { For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import type { OrderStatus } from "../api/types.ts";
import { currentUser } from "../auth/session.ts";
import { formatDateTime } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { OrderStatusBadge } from "../ui/status-badge.tsx";
import { isOrderStatus } from "@confirma/domain";
import { describeActor, describeReason, isUnchanged } from "./status-history.ts";
import "./order-history.css";

/**
 * Every status change of one order, newest first: from → to, who or what did it (a user, the
 * customer's message and the rule that read it, the integration key, the confirmation flow), why.
 */
export function OrderHistory(props: { orderId: string; messageText: (id: string) => string | null | undefined; userName: (id: string) => string | null }) {
  const changes = createQuery(
    () => props.orderId,
    (entityId) => api.audit.statusChanges.query({ entityId, limit: 50 }),
    { live: (entityId) => (event) => event.entity === "order" && event.entityId === entityId },
  );
  const badge = (status: string | null) =>
    isOrderStatus(status) ? <OrderStatusBadge status={status as OrderStatus} /> : <span class="badge">{status ?? "—"}</span>;
  return (
    <Show when={changes.data()} fallback={changes.error() ? <ErrorState error={changes.error()} retry={changes.refetch} /> : <Loading />}>
      {(page) => (
        <Show when={page().items.length > 0} fallback={<p class="muted small">{t("history.empty")}</p>}>
          <ol class="history">
            <For each={page().items}>
              {(change) => {
                const actor = () => describeActor(change, { currentUserId: currentUser()?.id, userName: props.userName, messageText: props.messageText });
                const reason = () => describeReason(change.reason);
                return (
                  <li class="history__item" data-reason={change.reason ?? ""}>
                    <time class="history__time" datetime={change.createdAt}>
                      {formatDateTime(change.createdAt, locale())}
                    </time>
                    <span class="history__change">
                      <Show when={change.fromStatus !== null && !isUnchanged(change)} fallback={badge(change.toStatus)}>
                        {badge(change.fromStatus)}
                        <span aria-hidden="true">→</span>
                        <span class="visually-hidden">{t("history.to")}</span>
                        {badge(change.toStatus)}
                      </Show>
                    </span>
                    <span class="history__who">
                      {t(actor().key, actor().params)}
                      <Show when={reason()}>{(why) => <span class="history__why"> · {t(why().key, why().params)}</span>}</Show>
                    </span>
                  </li>
                );
              }}
            </For>
          </ol>
        </Show>
      )}
    </Show>
  );
}
