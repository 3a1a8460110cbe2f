import { Show } from "solid-js";
import { t } from "../i18n/locale.ts";
import { askNotificationPermission, notificationPermission, setSoundEnabled, soundEnabled } from "./queue-notifier.ts";

/**
 * In a queue's header: "Activer les notifications" (the browser asks from this click), then the
 * state, and the sound choice (kept in this browser).
 */
export function NotificationToggle() {
  return (
    <div class="notification-toggle small">
      <Show when={notificationPermission() !== "unsupported"}>
        <Show
          when={notificationPermission() === "default"}
          fallback={<span class="muted">{notificationPermission() === "granted" ? t("notify.on") : t("notify.denied")}</span>}
        >
          <button type="button" class="button button--small" data-action="enable-notifications" onClick={() => void askNotificationPermission()}>
            {t("notify.enable")}
          </button>
        </Show>
      </Show>
      <label class="notification-toggle__sound">
        <input type="checkbox" checked={soundEnabled()} onChange={(event) => setSoundEnabled(event.currentTarget.checked)} /> {t("notify.sound")}
      </label>
    </div>
  );
}
