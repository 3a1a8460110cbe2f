import { createEffect, createSignal, onCleanup } from "solid-js";
import { api } from "../api/client.ts";
import { createPagedQuery } from "../api/query.ts";
import { currentUser } from "../auth/session.ts";
import { t, tp } from "../i18n/locale.ts";
import { touchesCalls } from "../live/change-bus.ts";
import { PagedList } from "../ui/paged-list.tsx";
import { claimState, focusAfterOutcome } from "./call-logic.ts";
import { CallItem } from "./call-item.tsx";
import "./calls-page.css";

/** Orders a person should call about: claim one, call or open WhatsApp, record what came of it. */
export function CallsPage() {
  const [now, setNow] = createSignal(Date.now());
  // Claims run out after 15 minutes: re-evaluate who holds what every half minute.
  const ticker = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(ticker));
  const queue = createPagedQuery(
    () => "calls",
    (_, page) => api.calls.queue.query(page),
    { pageSize: 50, live: () => touchesCalls },
  );
  const refresh = () => {
    setNow(Date.now());
    void queue.refetch();
  };
  let heading!: HTMLHeadingElement;
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
    else document.querySelector<HTMLElement>(`.call-item[data-order-id="${target.id}"] .call-item__who`)?.focus();
  });
  return (
    <section class="page" aria-labelledby="calls-title">
      <header class="page__header">
        <div>
          <h1 id="calls-title" tabindex="-1" ref={heading}>
            {t("calls.title")}
          </h1>
          <p class="muted">{t("calls.intro")}</p>
        </div>
      </header>
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
