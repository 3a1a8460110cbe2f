import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, For, onCleanup } from "solid-js";
import { api } from "../api/client.ts";
import { createPagedQuery } from "../api/query.ts";
import type { ClientStatus } from "../api/types.ts";
import { formatDateTime } from "../format/format.ts";
import { locale, t, tp } from "../i18n/locale.ts";
import { touchesClients } from "../live/change-bus.ts";
import { CLIENT_STATUSES, isClientStatus } from "@confirma/domain";
import { Dialog } from "../ui/dialog.tsx";
import { PagedList } from "../ui/paged-list.tsx";
import { ClientStatusBadge } from "../ui/status-badge.tsx";
import { notify } from "../ui/toasts.tsx";
import { ClientForm } from "./client-form.tsx";

const SEARCH_DEBOUNCE_MS = 250;

export function ClientsPage() {
  const [params, setParams] = useSearchParams<{ q?: string; status?: string }>();
  const navigate = useNavigate();
  const [text, setText] = createSignal(params.q ?? "");
  const [creating, setCreating] = createSignal(false);
  const status = (): ClientStatus | undefined => (isClientStatus(params.status) ? params.status : undefined);

  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const onSearch = (value: string) => {
    setText(value);
    clearTimeout(timer);
    timer = setTimeout(() => setParams({ q: value.trim() || undefined }, { replace: true }), SEARCH_DEBOUNCE_MS);
  };

  const clients = createPagedQuery(
    () => ({ search: params.q?.trim() || undefined, status: status() }),
    (filters, page) => api.clients.list.query({ ...filters, ...page }),
    { pageSize: 50, live: () => touchesClients },
  );
  const filtered = () => Boolean(params.q || status());

  return (
    <section class="page" aria-labelledby="clients-title">
      <header class="page__header">
        <h1 id="clients-title">{t("clients.title")}</h1>
        <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
          + {t("clients.new")}
        </button>
      </header>

      <form class="toolbar" role="search" onSubmit={(event) => event.preventDefault()}>
        <label class="field field--grow">
          <span class="field__label">{t("common.search")}</span>
          <input
            type="search"
            name="search"
            placeholder={t("clients.searchPlaceholder")}
            autocomplete="off"
            value={text()}
            onInput={(event) => onSearch(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t("common.status")}</span>
          <select name="status" value={status() ?? ""} onChange={(event) => setParams({ status: event.currentTarget.value || undefined }, { replace: true })}>
            <option value="">{t("common.all")}</option>
            <For each={CLIENT_STATUSES}>{(value) => <option value={value}>{t(`status.client.${value}`)}</option>}</For>
          </select>
        </label>
      </form>

      <PagedList
        list={clients}
        dimWhileRefreshing
        empty={filtered() ? t("clients.noMatch") : t("clients.empty")}
        summary={
          <p class="muted small list-count" aria-live="polite">
            {tp("clients.count", clients.items().length)}
          </p>
        }
        head={
          <>
            <th scope="col">{t("common.name")}</th>
            <th scope="col">{t("common.phone")}</th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("clients.lastContact")}</th>
          </>
        }
      >
        {(client) => (
          <tr data-client-id={client.id}>
            <td data-label={t("common.name")}>
              <A href={`/clients/${client.id}`} class="link link--strong">
                {client.name ?? t("common.noName")}
              </A>
            </td>
            <td data-label={t("common.phone")} class="nowrap">
              {client.phoneNumber ?? t("common.unknownPhone")}
            </td>
            <td data-label={t("common.status")}>
              <ClientStatusBadge status={client.status} />
            </td>
            <td data-label={t("clients.lastContact")} class="nowrap muted">
              {client.lastContact ? formatDateTime(client.lastContact, locale()) : t("common.never")}
            </td>
          </tr>
        )}
      </PagedList>

      <Dialog open={creating()} onClose={() => setCreating(false)} title={t("clientForm.title")}>
        <ClientForm
          onCancel={() => setCreating(false)}
          onDone={(client, created) => {
            setCreating(false);
            notify(created ? t("clients.created") : t("clients.exists"));
            navigate(`/clients/${client.id}`);
          }}
        />
      </Dialog>
    </section>
  );
}
