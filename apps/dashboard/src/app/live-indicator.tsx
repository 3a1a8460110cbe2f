import { liveError, liveState } from "../live/live-connection.ts";
import { t } from "../i18n/locale.ts";

export function LiveIndicator() {
  const label = () => {
    switch (liveState()) {
      case "live":
        return t("live.connected");
      case "connecting":
        return t("live.connecting");
      case "reconnecting":
        return t("live.reconnecting");
      default:
        return t("live.offline");
    }
  };
  return (
    <span
      class={`live live--${liveState()}`}
      title={liveState() === "offline" && liveError() ? t(liveError()!) : t("live.title")}
      role="status"
      aria-live="polite"
      data-live={liveState()}
    >
      <span class="live__dot" aria-hidden="true" />
      <span class="live__label">{label()}</span>
    </span>
  );
}
