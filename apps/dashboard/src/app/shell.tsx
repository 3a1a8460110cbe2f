import { A, useLocation } from "@solidjs/router";
import { createEffect, createSignal, ErrorBoundary, For, on, onCleanup, Show, Suspense, type JSX } from "solid-js";
import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import { currentUser, isAdmin, signOut } from "../auth/session.ts";
import { t } from "../i18n/locale.ts";
import type { MessageKey } from "../i18n/translate.ts";
import { touchesOrders } from "../live/change-bus.ts";
import { useQueueNotifier } from "../live/queue-notifier.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { LanguageSwitch } from "./language-switch.tsx";
import { LiveIndicator } from "./live-indicator.tsx";

interface NavItem {
  href: string;
  label: MessageKey;
  icon: string;
  end?: boolean;
  adminOnly?: boolean;
  /** Which queue's size the badge shows. */
  queue?: "review" | "calls";
}

const NAV: NavItem[] = [
  { href: "/", label: "nav.overview", icon: "M3 13h8V3H3zm0 8h8v-6H3zm10 0h8V11h-8zm0-18v6h8V3z", end: true },
  { href: "/review", label: "nav.review", icon: "M12 2 1 21h22zm1 15h-2v-2h2zm0-4h-2V9h2z", queue: "review" },
  {
    href: "/calls",
    label: "nav.calls",
    icon: "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z",
    queue: "calls",
  },
  {
    href: "/orders",
    label: "nav.orders",
    icon: "M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM1 2v2h2l3.6 7.6L5.2 14A2 2 0 0 0 7 17h12v-2H7.4l1.1-2h7.5a2 2 0 0 0 1.7-1l3.6-6.5L19.6 4H5.2l-.9-2zm16 16a2 2 0 1 0 0 4 2 2 0 0 0 0-4z",
  },
  {
    href: "/clients",
    label: "nav.clients",
    icon: "M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 2c-2.3 0-7 1.2-7 3.5V19h14v-2.5C15 14.2 10.3 13 8 13zm8 0-1 .1a4.2 4.2 0 0 1 2 3.4V19h6v-2.5c0-2.3-4.7-3.5-7-3.5z",
  },
  {
    href: "/stores",
    label: "nav.stores",
    icon: "M20 4H4v2h16zm1 10v-2l-1-5H4l-1 5v2h1v6h10v-6h4v6h2v-6zm-9 4H6v-4h6z",
    adminOnly: true,
  },
  {
    href: "/audit",
    label: "nav.audit",
    icon: "M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zm-1 7V3.5L18.5 9zM8 13h8v2H8zm0 4h8v2H8zm0-8h3v2H8z",
    adminOnly: true,
  },
  {
    href: "/outbound-webhooks",
    label: "nav.outboundWebhooks",
    icon: "M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1.5 1.5 1.4 1.4L14.4 5.4a3 3 0 0 1 4.2 4.2l-3 3a3 3 0 0 1-4.2 0zm4-4a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1.5-1.5-1.4-1.4-1.5 1.5a3 3 0 0 1-4.2-4.2l3-3a3 3 0 0 1 4.2 0z",
    adminOnly: true,
  },
  { href: "/users", label: "nav.users", icon: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-2.7 0-8 1.3-8 4v2h16v-2c0-2.7-5.3-4-8-4z", adminOnly: true },
  {
    href: "/settings",
    label: "nav.settings",
    icon: "M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3h-4l-.4 2.7a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.7 1.7 1L11 21h4l.4-2.7c.6-.3 1.2-.6 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z",
  },
];

/** How many orders wait for a person in each queue, for the badges next to "À vérifier" and "Appels". */
function useQueueCounts() {
  const query = createQuery(
    () => "queue-counts",
    () => api.stats.queues.query(),
    { live: () => touchesOrders },
  );
  useQueueNotifier(query.data, () => void query.refetch());
  return (queue: "review" | "calls") => {
    const count = query.data()?.[queue] ?? 0;
    if (count === 0) return null;
    return count > 99 ? "99+" : String(count);
  };
}

/** The frame around every page: navigation, live state, who is signed in. */
export function Shell(props: { children?: JSX.Element }) {
  const [menuOpen, setMenuOpen] = createSignal(false);
  const location = useLocation();
  const queueCount = useQueueCounts();
  let main!: HTMLElement;
  let menuButton!: HTMLButtonElement;

  // Escape closes the phone menu and gives focus back to its button.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && menuOpen()) {
      setMenuOpen(false);
      menuButton.focus();
    }
  };
  document.addEventListener("keydown", onKeyDown);
  onCleanup(() => document.removeEventListener("keydown", onKeyDown));

  // Close the phone menu on navigation and move focus to the new page's content.
  createEffect(
    on(
      () => location.pathname,
      () => {
        setMenuOpen(false);
        main?.focus({ preventScroll: true });
      },
      { defer: true },
    ),
  );

  return (
    <div class="shell" classList={{ "shell--menu-open": menuOpen() }}>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link to #main (it works without script too); the handler only adds the focus move */}
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          // The router would take the link as a navigation to `#main`, which scrolls but leaves focus
          // on the link: the next Tab would land in the navigation again. Move focus itself instead.
          event.preventDefault();
          main.focus();
        }}
      >
        {t("app.skipToContent")}
      </a>
      <header class="topbar">
        <button
          ref={menuButton}
          type="button"
          class="topbar__menu"
          aria-expanded={menuOpen()}
          aria-controls="main-nav"
          aria-label={menuOpen() ? t("app.closeMenu") : t("app.menu")}
          onClick={() => setMenuOpen(!menuOpen())}
        >
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path
              fill="currentColor"
              d={
                menuOpen()
                  ? "M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z"
                  : "M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"
              }
            />
          </svg>
        </button>
        <A href="/" class="brand">
          <span class="brand__mark" aria-hidden="true">
            ✓
          </span>
          {t("app.name")}
        </A>
        <LiveIndicator />
      </header>
      <nav id="main-nav" class="sidebar" aria-label={t("app.mainNav")}>
        <ul class="nav">
          <For each={NAV.filter((item) => !item.adminOnly || isAdmin())}>
            {(item) => (
              <li>
                <A href={item.href} end={item.end} class="nav__link" activeClass="nav__link--active">
                  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                    <path fill="currentColor" d={item.icon} />
                  </svg>
                  <span>{t(item.label)}</span>
                  <Show when={item.queue && queueCount(item.queue)}>
                    {(count) => (
                      <span class="nav__count" data-queue={item.queue}>
                        {count()}
                        <span class="visually-hidden"> {t("nav.waiting")}</span>
                      </span>
                    )}
                  </Show>
                </A>
              </li>
            )}
          </For>
        </ul>
        <div class="sidebar__footer">
          <LanguageSwitch compact />
          <Show when={currentUser()}>
            {(user) => (
              <div class="whoami">
                <span class="whoami__name" title={user().email}>
                  {t("app.signedInAs", { name: user().name ?? user().email })}
                </span>
                <span class="whoami__role">{t(`role.${user().role}`)}</span>
                <button type="button" class="button button--ghost button--small" onClick={() => void signOut()}>
                  {t("app.logout")}
                </button>
              </div>
            )}
          </Show>
        </div>
      </nav>
      <main id="main" class="main" tabindex="-1" ref={main}>
        <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
          <Suspense fallback={<Loading />}>{props.children}</Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
