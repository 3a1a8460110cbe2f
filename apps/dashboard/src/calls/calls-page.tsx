import { useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createPagedQuery, createQuery } from "../api/query.ts";
import { currentUser } from "../auth/session.ts";
import { locale, t, tp } from "../i18n/locale.ts";
import { touchesCalls } from "../live/change-bus.ts";
import { NotificationToggle } from "../live/notification-toggle.tsx";
import { PagedList } from "../ui/paged-list.tsx";
import { focusCard, QueueKeyboard } from "../ui/queue-keyboard.tsx";
import { CALL_COUNTRIES, filtersFromSearch, filtersKey, filtersToSearch, queueInputFor, type CallFilters } from "./call-filters.ts";
import { claimState, focusAfterOutcome } from "./call-logic.ts";
import { CallItem } from "./call-item.tsx";
import { CALL_QUEUE_REASON_FILTERS } from "@confirma/domain";
import "./calls-page.css";

/** Orders a person should call about: claim one, call or open WhatsApp, record what came of it. */
export function CallsPage() {
  const [now, setNow] = createSignal(Date.now());
  // Claims run out after 15 minutes, call-backs fall due: re-evaluate every half minute.
  const ticker = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(ticker));
  const [search, setSearch] = useSearchParams();
  const filters = createMemo(() => filtersFromSearch(search), undefined, { equals: (a, b) => filtersKey(a) === filtersKey(b) });
  const setFilter = (change: Partial<CallFilters>) => setSearch(filtersToSearch({ ...filters(), ...change }), { replace: true });
  const stores = createQuery(
    () => "stores",
    () => api.stores.list.query(),
  );
  const queue = createPagedQuery(
    () => filters(),
    (current, page) => api.calls.queue.query({ ...queueInputFor(current), ...page }),
    { pageSize: 50, live: () => touchesCalls },
  );
  const refresh = () => {
    setNow(Date.now());
    void queue.refetch();
  };
  let heading!: HTMLHeadingElement;
  let page!: HTMLElement;
  /** The card whose outcome was just recorded, and where it stood, until the refreshed queue says where focus goes. */
  const [recorded, setRecorded] = createSignal<{ id: string; index: number } | null>(null);
  createEffect(() => {
    const pending = recorded();
    if (!pending) return;
    const me = currentUser()?.id;
    const target = focusAfterOutcome(
      queue.items().map((item) => ({ id: item.id, state: claimState(item, me, now()) })),
      pending,
    );
    if (target.kind === "wait") return;
    setRecorded(null);
    if (target.kind === "heading") heading.focus();
    else {
      // The next order opens on its first action: "Prendre en charge" when it can be taken.
      const card = page.querySelector<HTMLElement>(`.call-item[data-order-id="${target.id}"]`);
      const take = card?.querySelector<HTMLButtonElement>('[data-action="claim"]:not(:disabled)');
      if (take) {
        take.focus();
        card?.scrollIntoView({ block: "nearest" });
      } else focusCard(card);
    }
  });
  const regions = new Intl.DisplayNames([locale()], { type: "region" });
  return (
    <section class="page" aria-labelledby="calls-title" ref={page}>
      <header class="page__header">
        <div>
          <h1 id="calls-title" tabindex="-1" ref={heading}>
            {t("calls.title")}
          </h1>
          <p class="muted">{t("calls.intro")}</p>
        </div>
        <div class="page__tools">
          <NotificationToggle />
          <QueueKeyboard root={() => page} />
        </div>
      </header>
      <form class="call-filters" aria-label={t("calls.filter.label")} onSubmit={(event) => event.preventDefault()}>
        <label class="call-filters__field">
          <span class="visually-hidden">{t("calls.filter.reason")}</span>
          <select
            name="reason"
            value={filters().reason ?? ""}
            onChange={(event) => setFilter({ reason: (event.currentTarget.value || null) as CallFilters["reason"] })}
          >
            <option value="">{t("calls.filter.allReasons")}</option>
            <For each={CALL_QUEUE_REASON_FILTERS}>
              {(reason) => <option value={reason}>{reason === "review" ? t("calls.filter.review") : t(`calls.reason.${reason}`)}</option>}
            </For>
          </select>
        </label>
        <Show when={(stores.data()?.length ?? 0) > 0}>
          <label class="call-filters__field">
            <span class="visually-hidden">{t("calls.filter.store")}</span>
            <select name="store" value={filters().storeId ?? ""} onChange={(event) => setFilter({ storeId: event.currentTarget.value || null })}>
              <option value="">{t("calls.filter.allStores")}</option>
              <For each={stores.data() ?? []}>{(store) => <option value={store.id}>{store.name}</option>}</For>
            </select>
          </label>
        </Show>
        <label class="call-filters__field">
          <span class="visually-hidden">{t("calls.filter.country")}</span>
          <select name="country" value={filters().country ?? ""} onChange={(event) => setFilter({ country: event.currentTarget.value || null })}>
            <option value="">{t("calls.filter.allCountries")}</option>
            <For each={CALL_COUNTRIES}>{(country) => <option value={country}>{regions.of(country) ?? country}</option>}</For>
          </select>
        </label>
        <label class="call-filters__mine">
          <input type="checkbox" name="mine" checked={filters().mine} onChange={(event) => setFilter({ mine: event.currentTarget.checked })} />
          {t("calls.filter.mine")}
        </label>
      </form>
      <PagedList
        list={queue}
        listClass="call-list"
        dimWhileRefreshing
        empty={t("calls.empty")}
        summary={
          <p class="muted small list-count" aria-live="polite">
            {tp("calls.count", queue.items().length)}
          </p>
        }
      >
        {(item, index) => <CallItem item={item} now={now()} onChanged={refresh} onRecorded={() => setRecorded({ id: item.id, index: index() })} />}
      </PagedList>
    </section>
  );
}
