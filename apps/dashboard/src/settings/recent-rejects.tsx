import { For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import { formatDateTime } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import "../ui/table.css";

/** Why the last webhook deliveries were refused (wrong key, bad signature, unknown format): admins only. */
export function RecentRejects() {
  const rejects = createQuery(
    () => "recent-rejects",
    () => api.settings.recentRejects.query(),
  );
  return (
    <section class="card" aria-labelledby="rejects-title">
      <div class="card__header">
        <h2 id="rejects-title" class="card__title">
          {t("settings.rejects.title")}
        </h2>
        <button type="button" class="button button--small" disabled={rejects.loading()} onClick={() => void rejects.refetch()}>
          {t("settings.rejects.refresh")}
        </button>
      </div>
      <p class="muted">{t("settings.rejects.intro")}</p>
      <Show when={rejects.data()} fallback={rejects.error() ? <ErrorState error={rejects.error()} retry={rejects.refetch} /> : <Loading />}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <p class="muted small" data-testid="rejects-empty">
                {t("settings.rejects.empty")}
              </p>
            }
          >
            <div class="table-wrap table-wrap--flat">
              <table class="table table--cards">
                <thead>
                  <tr>
                    <th scope="col">{t("common.date")}</th>
                    <th scope="col">{t("settings.rejects.provider")}</th>
                    <th scope="col">{t("settings.rejects.reason")}</th>
                    <th scope="col">{t("settings.rejects.ip")}</th>
                    <th scope="col">{t("settings.rejects.requestId")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(reject) => (
                      <tr>
                        <td data-label={t("common.date")} class="nowrap">
                          {formatDateTime(reject.at, locale())}
                        </td>
                        <td data-label={t("settings.rejects.provider")}>{reject.provider ?? t("settings.rejects.unknownProvider")}</td>
                        <td data-label={t("settings.rejects.reason")}>
                          <span>
                            <code class="mono">{reject.code}</code> <span class="muted">{reject.message}</span>
                          </span>
                        </td>
                        <td data-label={t("settings.rejects.ip")} class="mono">
                          {reject.ip}
                        </td>
                        <td data-label={t("settings.rejects.requestId")} class="mono small">
                          {reject.requestId}
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
    </section>
  );
}
