import { A, useSearchParams } from "@solidjs/router";
import { Match, Show, Switch } from "solid-js";
import { api } from "../api/client.ts";
import { createPagedQuery } from "../api/query.ts";
import type { AuditEvent, ClientStatus, OrderStatus, StatusChange } from "../api/types.ts";
import { currentUser, isAdmin } from "../auth/session.ts";
import { createUserNames } from "../auth/user-names.ts";
import { formatDateTime, orderNumber } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { isClientStatus, isOrderStatus } from "@confirma/domain";
import { describeActor, describeReason, isUnchanged } from "../orders/status-history.ts";
import { PagedList } from "../ui/paged-list.tsx";
import { Forbidden } from "../ui/states.tsx";
import { ClientStatusBadge, OrderStatusBadge } from "../ui/status-badge.tsx";
import { auditAction, auditDetails } from "./audit-format.ts";
import "../orders/order-history.css";

type Tab = "admin" | "status";

function actorName(event: Pick<AuditEvent, "actorType" | "actorId">, userName: (id: string) => string | null): string {
  if (event.actorType === "user" && event.actorId) return userName(event.actorId) ?? t("history.someone");
  if (event.actorType === "api_key") return t("audit.actor.key");
  return t("audit.actor.system");
}

function AdminTrail(props: { userName: (id: string) => string | null }) {
  const events = createPagedQuery(
    () => "audit-events",
    (_, page) => api.audit.events.query(page),
    { pageSize: 50 },
  );
  const target = (event: AuditEvent) => (event.target && event.action.startsWith("user.") ? (props.userName(event.target) ?? event.target) : null);
  return (
    <PagedList
      list={events}
      testId="audit-events"
      empty={t("audit.empty")}
      head={
        <>
          <th scope="col">{t("common.date")}</th>
          <th scope="col">{t("audit.who")}</th>
          <th scope="col">{t("audit.what")}</th>
          <th scope="col">{t("audit.details")}</th>
        </>
      }
    >
      {(event) => (
        <tr data-action={event.action}>
          <td data-label={t("common.date")} class="nowrap muted">
            {formatDateTime(event.createdAt, locale())}
          </td>
          <td data-label={t("audit.who")}>{actorName(event, props.userName)}</td>
          <td data-label={t("audit.what")}>
            <span>
              <strong>{t(auditAction(event.action).key, auditAction(event.action).params)}</strong>
              <Show when={target(event)}>{(name) => <span class="muted"> · {name()}</span>}</Show>
            </span>
          </td>
          <td data-label={t("audit.details")} class="muted">
            {auditDetails(event)
              .map((phrase) => t(phrase.key, phrase.params))
              .join(" · ") || "—"}
          </td>
        </tr>
      )}
    </PagedList>
  );
}

function StatusBadge(props: { entity: StatusChange["entity"]; status: string | null }) {
  return (
    <Switch fallback={<span class="badge">{props.status ?? "—"}</span>}>
      <Match when={props.entity === "order" && isOrderStatus(props.status)}>
        <OrderStatusBadge status={props.status as OrderStatus} />
      </Match>
      <Match when={props.entity === "client" && isClientStatus(props.status)}>
        <ClientStatusBadge status={props.status as ClientStatus} />
      </Match>
    </Switch>
  );
}

function StatusTrail(props: { userName: (id: string) => string | null }) {
  const changes = createPagedQuery(
    () => "audit-status",
    (_, page) => api.audit.statusChanges.query(page),
    { pageSize: 50, live: () => (event) => event.entity === "order" || event.entity === "client" },
  );
  const context = () => ({ currentUserId: currentUser()?.id, userName: props.userName, messageText: () => null });
  return (
    <PagedList
      list={changes}
      testId="status-changes"
      empty={t("audit.emptyStatus")}
      head={
        <>
          <th scope="col">{t("common.date")}</th>
          <th scope="col">{t("audit.subject")}</th>
          <th scope="col">{t("audit.change")}</th>
          <th scope="col">{t("audit.who")}</th>
        </>
      }
    >
      {(change) => {
        const actor = () => describeActor(change, context());
        const reason = () => describeReason(change.reason);
        return (
          <tr>
            <td data-label={t("common.date")} class="nowrap muted">
              {formatDateTime(change.createdAt, locale())}
            </td>
            <td data-label={t("audit.subject")}>
              <Show
                when={change.entity === "client"}
                fallback={
                  <span>
                    {t("audit.order")} <span class="mono">{orderNumber(change.entityId)}</span>
                  </span>
                }
              >
                <A href={`/clients/${change.entityId}`} class="link">
                  {t("audit.client")}
                </A>
              </Show>
            </td>
            <td data-label={t("audit.change")}>
              <span class="history__change">
                <Show when={change.fromStatus !== null && !isUnchanged(change)} fallback={<StatusBadge entity={change.entity} status={change.toStatus} />}>
                  <StatusBadge entity={change.entity} status={change.fromStatus} />
                  <span aria-hidden="true">→</span>
                  <span class="visually-hidden">{t("history.to")}</span>
                  <StatusBadge entity={change.entity} status={change.toStatus} />
                </Show>
              </span>
            </td>
            <td data-label={t("audit.who")}>
              <span>
                {t(actor().key, actor().params)}
                <Show when={reason()}>{(why) => <span class="muted"> · {t(why().key, why().params)}</span>}</Show>
              </span>
            </td>
          </tr>
        );
      }}
    </PagedList>
  );
}

/** The admin audit trail: who changed users, settings and access; and every status change, with who or what made it. */
export function AuditPage() {
  const [params, setParams] = useSearchParams<{ tab?: string }>();
  const tab = (): Tab => (params.tab === "status" ? "status" : "admin");
  const userName = createUserNames();
  return (
    <section class="page" aria-labelledby="audit-title">
      <header class="page__header">
        <div>
          <h1 id="audit-title">{t("audit.title")}</h1>
          <p class="muted">{t("audit.intro")}</p>
        </div>
      </header>
      <Show when={isAdmin()} fallback={<Forbidden />}>
        <div class="segmented align-start" role="group" aria-label={t("audit.title")}>
          <button type="button" class="segmented__option" aria-pressed={tab() === "admin"} onClick={() => setParams({ tab: undefined }, { replace: true })}>
            {t("audit.tab.admin")}
          </button>
          <button type="button" class="segmented__option" aria-pressed={tab() === "status"} onClick={() => setParams({ tab: "status" }, { replace: true })}>
            {t("audit.tab.status")}
          </button>
        </div>
        <Switch>
          <Match when={tab() === "admin"}>
            <AdminTrail userName={userName} />
          </Match>
          <Match when={tab() === "status"}>
            <StatusTrail userName={userName} />
          </Match>
        </Switch>
      </Show>
    </section>
  );
}
