import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorCodeOf } from "../api/errors.ts";
import { createQuery } from "../api/query.ts";
import { currentUser } from "../auth/session.ts";
import { formatDate, formatDateTime } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { createRowAction } from "../ui/action.ts";
import { Dialog } from "../ui/dialog.tsx";
import { EmptyState, ErrorState, Forbidden, Loading } from "../ui/states.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import { DeliveryLog } from "./delivery-log.tsx";
import { EndpointForm } from "./endpoint-form.tsx";
import { eventLabel, type OutboundWebhook } from "./outbound-webhook-types.ts";
import "../ui/table.css";

/** Endpoints of other systems that receive Confirma's events (admins only; the server enforces it, this page only says so kindly). */
export function OutboundWebhooksPage() {
  const [creating, setCreating] = createSignal(false);
  const [deleting, setDeleting] = createSignal<OutboundWebhook | null>(null);
  const [logId, setLogId] = createSignal<string | null>(null);
  const [logVersion, setLogVersion] = createSignal(0);
  const endpoints = createQuery(
    () => currentUser()?.role === "admin" && "outbound-webhooks",
    () => api.outboundWebhooks.list.query(),
  );
  const forbidden = () => currentUser()?.role !== "admin" || errorCodeOf(endpoints.error()) === "forbidden";
  const logEndpoint = () => endpoints.data()?.find((endpoint) => endpoint.id === logId()) ?? null;

  /** One row's action, then the endpoints (and the open log) as they are now. */
  const row = createRowAction(
    async (_id, work: () => Promise<unknown>, done: string) => {
      await work();
      notify(done);
      await endpoints.refetch();
      setLogVersion((version) => version + 1);
    },
    { onError: notifyError },
  );
  const act = (endpoint: OutboundWebhook, work: () => Promise<unknown>, done: string) => row.run(endpoint.id, work, done);
  const busyId = row.busyId;

  async function sendTest(endpoint: OutboundWebhook) {
    setLogId(endpoint.id);
    await act(endpoint, () => api.outboundWebhooks.sendTest.mutate({ id: endpoint.id }), t("webhooks.testQueued"));
    // The dispatcher sends it within moments: show the result without a click.
    setTimeout(() => setLogVersion((version) => version + 1), 2_000);
  }

  return (
    <section class="page" aria-labelledby="webhooks-title">
      <header class="page__header">
        <h1 id="webhooks-title">{t("webhooks.title")}</h1>
        <Show when={!forbidden()}>
          <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
            + {t("webhooks.new")}
          </button>
        </Show>
      </header>
      <Show when={!forbidden()} fallback={<Forbidden help={t("webhooks.forbiddenHelp")} />}>
        <p class="muted">{t("webhooks.help")}</p>
        <Show when={endpoints.data()} fallback={endpoints.error() ? <ErrorState error={endpoints.error()} retry={endpoints.refetch} /> : <Loading />}>
          {(list) => (
            <Show when={list().length > 0} fallback={<EmptyState>{t("webhooks.empty")}</EmptyState>}>
              <div class="table-wrap">
                <table class="table table--cards" data-testid="outbound-webhooks">
                  <thead>
                    <tr>
                      <th scope="col">{t("webhooks.url")}</th>
                      <th scope="col">{t("webhooks.events")}</th>
                      <th scope="col">{t("webhooks.state")}</th>
                      <th scope="col">{t("common.createdAt")}</th>
                      <th scope="col">{t("common.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(endpoint) => (
                        <tr data-webhook-url={endpoint.url} classList={{ "row--muted": !endpoint.enabled }}>
                          <td data-label={t("webhooks.url")}>
                            <span class="mono small">{endpoint.url}</span>
                          </td>
                          <td data-label={t("webhooks.events")}>
                            {endpoint.events.length === 0 ? t("webhooks.allEvents") : endpoint.events.map(eventLabel).join(", ")}
                          </td>
                          <td data-label={t("webhooks.state")}>
                            <span>
                              <span class={`badge ${endpoint.enabled ? "badge--confirmed" : "badge--cancelled"}`}>
                                {endpoint.enabled ? t("webhooks.enabled") : t("webhooks.disabled")}
                              </span>
                              <Show when={!endpoint.enabled && endpoint.disabledReason}>{(reason) => <span class="muted small"> {reason()}</span>}</Show>
                              <Show when={endpoint.enabled && endpoint.failingSince}>
                                {(since) => <span class="muted small"> {t("webhooks.failingSince", { date: formatDateTime(since(), locale()) })}</span>}
                              </Show>
                            </span>
                          </td>
                          <td data-label={t("common.createdAt")} class="muted nowrap">
                            {formatDate(endpoint.createdAt, locale())}
                          </td>
                          <td data-label={t("common.actions")}>
                            <div class="actions">
                              <button
                                type="button"
                                class="button button--small"
                                aria-pressed={logId() === endpoint.id}
                                onClick={() => setLogId(logId() === endpoint.id ? null : endpoint.id)}
                              >
                                {t("webhooks.showLog")}
                              </button>
                              <button
                                type="button"
                                class="button button--small"
                                disabled={busyId() === endpoint.id || !endpoint.enabled}
                                onClick={() => void sendTest(endpoint)}
                              >
                                {t("webhooks.sendTest")}
                              </button>
                              <button
                                type="button"
                                class={`button button--small ${endpoint.enabled ? "button--danger" : ""}`}
                                disabled={busyId() === endpoint.id}
                                onClick={() =>
                                  void act(
                                    endpoint,
                                    () => api.outboundWebhooks.update.mutate({ id: endpoint.id, changes: { enabled: !endpoint.enabled } }),
                                    t("common.updated"),
                                  )
                                }
                              >
                                {endpoint.enabled ? t("webhooks.disable") : t("webhooks.enable")}
                              </button>
                              <button
                                type="button"
                                class="button button--small button--danger"
                                disabled={busyId() === endpoint.id}
                                onClick={() => setDeleting(endpoint)}
                              >
                                {t("webhooks.delete")}
                              </button>
                            </div>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
        <Show when={logEndpoint()}>{(endpoint) => <DeliveryLog endpoint={endpoint()} version={logVersion()} />}</Show>
      </Show>
      <Dialog open={creating()} onClose={() => setCreating(false)} title={t("webhooks.new")}>
        <Show when={creating()}>
          <EndpointForm onCreated={() => void endpoints.refetch()} onClose={() => setCreating(false)} />
        </Show>
      </Dialog>
      <Dialog open={deleting() !== null} onClose={() => setDeleting(null)} title={t("webhooks.deleteTitle")}>
        <Show when={deleting()}>
          {(endpoint) => (
            <div class="form">
              <p>
                <span class="mono small">{endpoint().url}</span>
              </p>
              <p class="muted">{t("webhooks.deleteHelp")}</p>
              <div class="form__actions">
                <button type="button" class="button" onClick={() => setDeleting(null)}>
                  {t("common.cancel")}
                </button>
                <button
                  type="button"
                  class="button button--danger"
                  disabled={busyId() === endpoint().id}
                  onClick={() => {
                    const target = endpoint();
                    setDeleting(null);
                    if (logId() === target.id) setLogId(null);
                    void act(target, () => api.outboundWebhooks.delete.mutate({ id: target.id }), t("webhooks.deleted"));
                  }}
                >
                  {t("webhooks.delete")}
                </button>
              </div>
            </div>
          )}
        </Show>
      </Dialog>
    </section>
  );
}
