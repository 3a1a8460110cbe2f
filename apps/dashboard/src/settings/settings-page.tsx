import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorMessageKey } from "../api/errors.ts";
import { createQuery } from "../api/query.ts";
import { isAdmin } from "../auth/session.ts";
import { LanguageSwitch } from "../app/language-switch.tsx";
import { t } from "../i18n/locale.ts";
import { CopyButton } from "../ui/copy-button.tsx";
import { ErrorState, Loading } from "../ui/states.tsx";
import { CannedRepliesCard } from "../canned-replies/canned-replies-card.tsx";
import { ConfirmationSettingsCard } from "./confirmation-settings.tsx";
import { BlocklistCard, CustomerRulesCard } from "./customer-rules.tsx";
import { RecentRejects } from "./recent-rejects.tsx";
import "./settings-page.css";

const SENDERS = new Set(["log", "meta", "evolution"]);

export function SettingsPage() {
  const [showKey, setShowKey] = createSignal(false);
  const integration = createQuery(
    () => "integration",
    () => api.settings.integration.query(),
  );
  const key = createQuery(
    () => isAdmin() && "integration-key",
    () => api.settings.integrationKey.query(),
  );
  const apiKey = () => (isAdmin() ? key.data()?.apiKey : undefined);
  const example = () => {
    const data = integration.data();
    if (!data) return "";
    return [
      `curl -X POST ${data.webhookUrl} \\`,
      `  -H "Content-Type: application/json" \\`,
      `  -H "x-api-key: ${apiKey() && showKey() ? apiKey() : "…"}" \\`,
      `  -d '{ "from": "33612345678@s.whatsapp.net", "body": "Oui, je confirme", "type": "text" }'`,
    ].join("\n");
  };

  return (
    <section class="page" aria-labelledby="settings-title">
      <header class="page__header">
        <h1 id="settings-title">{t("settings.title")}</h1>
      </header>

      <section class="card" aria-labelledby="integration-title">
        <h2 id="integration-title" class="card__title">
          {t("settings.integration")}
        </h2>
        <p class="muted">{t("settings.integrationHelp")}</p>
        <Show when={integration.data()} fallback={integration.error() ? <ErrorState error={integration.error()} retry={integration.refetch} /> : <Loading />}>
          {(data) => (
            <>
              <div class="field">
                <label class="field__label" for="webhook-url">
                  {t("settings.webhookUrl")}
                </label>
                <div class="copy-row">
                  <input id="webhook-url" type="text" readOnly value={data().webhookUrl} class="mono" onFocus={(event) => event.currentTarget.select()} />
                  <CopyButton text={data().webhookUrl} label={t("settings.webhookUrl")} />
                </div>
              </div>
              <Show
                when={apiKey()}
                fallback={
                  <p class="muted small">{isAdmin() ? (key.error() ? t(errorMessageKey(key.error())) : t("common.loading")) : t("settings.apiKeyAdminOnly")}</p>
                }
              >
                {(apiKey) => (
                  <div class="field">
                    <label class="field__label" for="api-key">
                      {t("settings.apiKey")}
                    </label>
                    <div class="copy-row">
                      <input
                        id="api-key"
                        type={showKey() ? "text" : "password"}
                        readOnly
                        value={apiKey()}
                        class="mono"
                        autocomplete="off"
                        onFocus={(event) => event.currentTarget.select()}
                      />
                      <button type="button" class="button button--small" aria-pressed={showKey()} onClick={() => setShowKey(!showKey())}>
                        {showKey() ? t("common.hide") : t("common.show")}
                      </button>
                      <CopyButton text={apiKey()} label={t("settings.apiKey")} />
                    </div>
                  </div>
                )}
              </Show>
              <dl class="facts">
                <div>
                  <dt>{t("settings.sender")}</dt>
                  <dd data-testid="sender">
                    {SENDERS.has(data().sender) ? t(`settings.sender.${data().sender as "log" | "meta" | "evolution"}`) : data().sender}
                  </dd>
                </div>
                <div>
                  <dt>{t("settings.defaultCountry")}</dt>
                  <dd>{data().defaultCountry}</dd>
                </div>
                <div>
                  <dt>{t("settings.defaultCurrency")}</dt>
                  <dd>{data().defaultCurrency}</dd>
                </div>
              </dl>
              <details class="example">
                <summary>{t("settings.example")}</summary>
                <pre class="mono">{example()}</pre>
              </details>
            </>
          )}
        </Show>
      </section>

      <ConfirmationSettingsCard />
      <CustomerRulesCard />
      <BlocklistCard />

      <CannedRepliesCard />

      <Show when={isAdmin()}>
        <RecentRejects />
        <section class="card" aria-labelledby="audit-link-title">
          <h2 id="audit-link-title" class="card__title">
            {t("audit.title")}
          </h2>
          <p class="muted">{t("settings.auditIntro")}</p>
          <A href="/audit" class="button align-start">
            {t("settings.openAudit")} →
          </A>
        </section>
      </Show>

      <section class="card" aria-labelledby="language-title">
        <h2 id="language-title" class="card__title">
          {t("settings.language")}
        </h2>
        <p class="muted">{t("settings.languageHelp")}</p>
        <LanguageSwitch hideLegend />
      </section>
    </section>
  );
}
