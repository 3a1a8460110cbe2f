import { A, Route, Router } from "@solidjs/router";
import { createEffect, lazy, Match, on, Switch } from "solid-js";
import { LoginPage } from "../auth/login-page.tsx";
import { loadSession, session } from "../auth/session.ts";
import { localeLoadFailures, t } from "../i18n/locale.ts";
import { startLive, stopLive } from "../live/live-connection.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { notify, Toasts } from "../ui/toasts.tsx";
import { Shell } from "./shell.tsx";

// Each page is its own chunk: the first load carries only the frame and the login form.
const OverviewPage = lazy(() => import("../overview/overview-page.tsx").then((module) => ({ default: module.OverviewPage })));
const ClientsPage = lazy(() => import("../clients/clients-page.tsx").then((module) => ({ default: module.ClientsPage })));
const ClientPage = lazy(() => import("../clients/client-page.tsx").then((module) => ({ default: module.ClientPage })));
const OrdersPage = lazy(() => import("../orders/orders-page.tsx").then((module) => ({ default: module.OrdersPage })));
const OrderPage = lazy(() => import("../orders/order-page.tsx").then((module) => ({ default: module.OrderPage })));
const StoresPage = lazy(() => import("../stores/stores-page.tsx").then((module) => ({ default: module.StoresPage })));
const ReviewPage = lazy(() => import("../review/review-page.tsx").then((module) => ({ default: module.ReviewPage })));
const CallsPage = lazy(() => import("../calls/calls-page.tsx").then((module) => ({ default: module.CallsPage })));
const AuditPage = lazy(() => import("../audit/audit-page.tsx").then((module) => ({ default: module.AuditPage })));
const UsersPage = lazy(() => import("../users/users-page.tsx").then((module) => ({ default: module.UsersPage })));
const OutboundWebhooksPage = lazy(() => import("../outbound-webhooks/outbound-webhooks-page.tsx").then((module) => ({ default: module.OutboundWebhooksPage })));
const SettingsPage = lazy(() => import("../settings/settings-page.tsx").then((module) => ({ default: module.SettingsPage })));

function NotFound() {
  return (
    <section class="page">
      <div class="state state--empty">
        <p>{t("app.notFound")}</p>
        <A href="/" class="button">
          {t("app.backHome")}
        </A>
      </div>
    </section>
  );
}

export function App() {
  createEffect(() => {
    if (session().status === "signed-in") startLive();
    else stopLive();
  });
  // A language that could not be fetched (offline, or a deploy replaced its file): the page stays
  // in the language it was in, French at start, and says why.
  createEffect(
    on(localeLoadFailures, (failures) => {
      if (failures > 0) notify(t("language.loadFailed"), "error");
    }),
  );

  return (
    <>
      <Switch>
        <Match when={session().status === "loading"}>
          <div class="splash">
            <Loading label={t("app.loading")} />
          </div>
        </Match>
        <Match when={session().status === "unreachable"}>
          <div class="splash">
            <ErrorState error={(session() as { error: unknown }).error} retry={() => void loadSession()} />
          </div>
        </Match>
        <Match when={session().status === "anonymous"}>
          <LoginPage />
        </Match>
        <Match when={session().status === "signed-in"}>
          <Router root={Shell}>
            <Route path="/" component={OverviewPage} />
            <Route path="/clients" component={ClientsPage} />
            <Route path="/clients/:id" component={ClientPage} />
            <Route path="/orders" component={OrdersPage} />
            <Route path="/orders/:id" component={OrderPage} />
            <Route path="/stores" component={StoresPage} />
            <Route path="/review" component={ReviewPage} />
            <Route path="/calls" component={CallsPage} />
            <Route path="/audit" component={AuditPage} />
            <Route path="/users" component={UsersPage} />
            <Route path="/outbound-webhooks" component={OutboundWebhooksPage} />
            <Route path="/settings" component={SettingsPage} />
            <Route path="*" component={NotFound} />
          </Router>
        </Match>
      </Switch>
      <Toasts />
    </>
  );
}
