import { Show } from "solid-js";
import { api } from "../api/client.ts";
import { createPagedQuery } from "../api/query.ts";
import { formatDateTime, formatTime } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { PagedList } from "../ui/paged-list.tsx";
import { eventLabel, type OutboundDelivery, type OutboundWebhook } from "./outbound-webhook-types.ts";

const STATUS_BADGE: Record<OutboundDelivery["status"], string> = { pending: "badge--pending", delivered: "badge--confirmed", failed: "badge--cancelled" };

/** When it went, or when it will be tried again. */
function when(delivery: OutboundDelivery): string {
  if (delivery.deliveredAt) return t("webhooks.deliveredAt", { date: formatTime(delivery.deliveredAt, locale()) });
  if (delivery.status === "pending")
    return delivery.nextAttemptAt ? t("webhooks.nextAttempt", { date: formatDateTime(delivery.nextAttemptAt, locale()) }) : t("webhooks.nextAttemptNow");
  return delivery.lastAttemptAt ? formatDateTime(delivery.lastAttemptAt, locale()) : "—";
}

/** One endpoint's deliveries, newest first: what was sent, how it went, what comes next. `version` bumps force a reload. */
export function DeliveryLog(props: { endpoint: OutboundWebhook; version: number }) {
  const deliveries = createPagedQuery(
    () => ({ id: props.endpoint.id, version: props.version }),
    (key, page) => api.outboundWebhooks.deliveries.query({ id: key.id, ...page }),
    { pageSize: 25 },
  );
  return (
    <section class="card" aria-labelledby="delivery-log-title">
      <header class="page__header">
        <h2 id="delivery-log-title" class="card__title">
          {t("webhooks.logOf", { url: props.endpoint.url })}
        </h2>
        <button type="button" class="button button--small" disabled={deliveries.loading()} onClick={() => void deliveries.refetch()}>
          {t("webhooks.refresh")}
        </button>
      </header>
      <PagedList
        list={deliveries}
        testId="webhook-deliveries"
        dimWhileRefreshing
        empty={t("webhooks.logEmpty")}
        head={
          <>
            <th scope="col">{t("common.date")}</th>
            <th scope="col">{t("webhooks.event")}</th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("webhooks.attempts")}</th>
            <th scope="col">{t("webhooks.lastCode")}</th>
            <th scope="col">{t("webhooks.lastError")}</th>
            <th scope="col">{t("webhooks.when")}</th>
          </>
        }
      >
        {(delivery) => (
          <tr data-delivery-status={delivery.status}>
            <td data-label={t("common.date")} class="nowrap muted">
              {formatDateTime(delivery.createdAt, locale())}
            </td>
            <td data-label={t("webhooks.event")}>
              <span>
                {eventLabel(delivery.event)} <span class="muted mono small">{delivery.messageId}</span>
              </span>
            </td>
            <td data-label={t("common.status")}>
              <span class={`badge ${STATUS_BADGE[delivery.status]}`}>{t(`webhooks.delivery.${delivery.status}`)}</span>
            </td>
            <td data-label={t("webhooks.attempts")} class="numeric">
              {delivery.attempts}
            </td>
            <td data-label={t("webhooks.lastCode")} class="numeric">
              {delivery.lastStatusCode ?? "—"}
            </td>
            <td data-label={t("webhooks.lastError")} class="muted small">
              <Show when={delivery.lastError} fallback="—">
                {(error) => error()}
              </Show>
            </td>
            <td data-label={t("webhooks.when")} class="nowrap muted">
              {when(delivery)}
            </td>
          </tr>
        )}
      </PagedList>
    </section>
  );
}
