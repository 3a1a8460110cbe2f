import { Match, Show, Switch } from "solid-js";
import { formatFileSize, formatMediaDuration, mediaPresentation, mediaReasonKey, type MediaInfo } from "../format/media-display.ts";
import { summarizeMessage } from "../format/message-summary.ts";
import { locale, t } from "../i18n/locale.ts";
import "./message-media.css";

/**
 * A message's file: a voice note plays in place (with its length), a photo shows as a thumbnail
 * that opens full size, a video plays, a document downloads; the caption follows. While the file
 * is being fetched, or when it could not be, the message says so and why.
 */
export function MessageMedia(props: { message: { type: string; body: string }; media: MediaInfo }) {
  const summary = () => summarizeMessage(props.message, locale());
  const label = () => `${summary().icon ?? ""} ${summary().label ?? ""}`.trim();
  const caption = () => props.media.caption;
  return (
    <span class="message-media" data-media-status={props.media.status} data-message-type={props.message.type}>
      <Switch>
        <Match when={props.media.status === "stored" && mediaPresentation(props.media) === "audio"}>
          <span class="message-media__audio">
            {/* biome-ignore lint/a11y/useMediaCaption: a customer's voice note comes with no transcript to offer */}
            <audio controls preload="metadata" src={props.media.url} aria-label={label()} />
            <Show when={props.media.durationSeconds !== null}>
              <span
                class="message-media__duration muted small"
                data-testid="media-duration"
                title={t("media.duration", { duration: formatMediaDuration(props.media.durationSeconds ?? 0) })}
              >
                {formatMediaDuration(props.media.durationSeconds ?? 0)}
              </span>
            </Show>
          </span>
        </Match>
        <Match when={props.media.status === "stored" && mediaPresentation(props.media) === "image"}>
          <a class="message-media__thumb" href={props.media.url} target="_blank" rel="noopener" title={t("media.openFull")}>
            <img src={props.media.url} alt={caption() ?? label()} loading="lazy" />
          </a>
        </Match>
        <Match when={props.media.status === "stored" && mediaPresentation(props.media) === "video"}>
          {/* biome-ignore lint/a11y/useMediaCaption: a customer's video comes with no captions to offer; its text shows beneath */}
          <video class="message-media__video" controls preload="metadata" src={props.media.url} aria-label={label()} />
        </Match>
        <Match when={props.media.status === "stored"}>
          <a class="message-media__download link" href={props.media.url} download="">
            <span aria-hidden="true">📄 </span>
            {t("media.download")} — {summary().label}
            <Show when={props.media.size !== null}>
              <span class="muted"> ({formatFileSize(props.media.size ?? 0, locale())})</span>
            </Show>
          </a>
        </Match>
        <Match when={true}>
          <span class="message-kind">{label()}</span>{" "}
          <span class="message-media__state" classList={{ "message-media__state--failed": props.media.status === "failed" }}>
            {props.media.status === "pending"
              ? t("media.fetching")
              : props.media.status === "expired"
                ? t("media.expired")
                : t("media.failed", { reason: t(mediaReasonKey(props.media.error)) })}
          </span>
        </Match>
      </Switch>
      <Show when={caption()}>{(text) => <span class="message-media__caption">{text()}</span>}</Show>
    </span>
  );
}
