import { createSignal, For, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorCodeOf } from "../api/errors.ts";
import { createQuery } from "../api/query.ts";
import type { User } from "../api/types.ts";
import { currentUser } from "../auth/session.ts";
import { formatDate } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { createRowAction } from "../ui/action.ts";
import { Dialog } from "../ui/dialog.tsx";
import { EmptyState, ErrorState, Forbidden, Loading } from "../ui/states.tsx";
import { notify, notifyError } from "../ui/toasts.tsx";
import { UserForm } from "./user-form.tsx";
import "./users-page.css";
import "../ui/table.css";

/** Dashboard accounts (admins only; the server enforces it, this page only says so kindly). */
export function UsersPage() {
  const [creating, setCreating] = createSignal(false);
  const users = createQuery(
    () => currentUser()?.role === "admin" && "users",
    () => api.users.list.query(),
  );
  const forbidden = () => currentUser()?.role !== "admin" || errorCodeOf(users.error()) === "forbidden";

  const update = createRowAction(
    async (id, patch: { role?: User["role"]; disabled?: boolean }) => {
      await api.users.update.mutate({ id, ...patch });
      notify(t("common.updated"));
      await users.refetch();
    },
    { onError: notifyError },
  );

  return (
    <section class="page" aria-labelledby="users-title">
      <header class="page__header">
        <h1 id="users-title">{t("users.title")}</h1>
        <Show when={!forbidden()}>
          <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
            + {t("users.new")}
          </button>
        </Show>
      </header>
      <Show when={!forbidden()} fallback={<Forbidden help={t("users.forbiddenHelp")} />}>
        <Show when={users.data()} fallback={users.error() ? <ErrorState error={users.error()} retry={users.refetch} /> : <Loading />}>
          {(list) => (
            <Show when={list().length > 0} fallback={<EmptyState>{t("users.empty")}</EmptyState>}>
              <div class="table-wrap">
                <table class="table table--cards">
                  <thead>
                    <tr>
                      <th scope="col">{t("common.email")}</th>
                      <th scope="col">{t("common.name")}</th>
                      <th scope="col">{t("users.role")}</th>
                      <th scope="col">{t("users.state")}</th>
                      <th scope="col">{t("common.createdAt")}</th>
                      <th scope="col">{t("common.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(user) => {
                        const isMe = () => user.id === currentUser()?.id;
                        return (
                          <tr data-user-email={user.email} classList={{ "row--muted": user.disabled }}>
                            <td data-label={t("common.email")}>
                              <span>
                                <strong>{user.email}</strong> <Show when={isMe()}>{<span class="muted">{t("users.you")}</span>}</Show>
                              </span>
                            </td>
                            <td data-label={t("common.name")}>{user.name ?? "—"}</td>
                            <td data-label={t("users.role")}>
                              <span class={`badge badge--role-${user.role}`}>{t(`role.${user.role}`)}</span>
                            </td>
                            <td data-label={t("users.state")}>
                              <span class={`badge ${user.disabled ? "badge--cancelled" : "badge--confirmed"}`}>
                                {user.disabled ? t("users.disabled") : t("users.active")}
                              </span>
                            </td>
                            <td data-label={t("common.createdAt")} class="muted nowrap">
                              {formatDate(user.createdAt, locale())}
                            </td>
                            <td data-label={t("common.actions")}>
                              <div class="actions">
                                <button
                                  type="button"
                                  class="button button--small"
                                  disabled={update.busyId() === user.id}
                                  onClick={() => void update.run(user.id, { role: user.role === "admin" ? "agent" : "admin" })}
                                >
                                  {user.role === "admin" ? t("users.makeAgent") : t("users.makeAdmin")}
                                </button>
                                <button
                                  type="button"
                                  class={`button button--small ${user.disabled ? "" : "button--danger"}`}
                                  disabled={update.busyId() === user.id || isMe()}
                                  onClick={() => void update.run(user.id, { disabled: !user.disabled })}
                                >
                                  {user.disabled ? t("users.enable") : t("users.disable")}
                                </button>
                              </div>
                            </td>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
      <Dialog open={creating()} onClose={() => setCreating(false)} title={t("users.new")}>
        <UserForm
          onCancel={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            notify(t("users.created"));
            void users.refetch();
          }}
        />
      </Dialog>
    </section>
  );
}
