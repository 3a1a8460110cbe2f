import { Show } from "solid-js";
import type { MediaInfo } from "../format/media-display.ts";
import { summarizeMessage } from "../format/message-summary.ts";
import { locale } from "../i18n/locale.ts";
import { MessageMedia } from "./message-media.tsx";
import "./message-content.css";

/**
 * A message's text; its file (a voice note that plays, a photo, a document) when it has one; or
 * for a location, a contact…, its icon and label with the caption.
 */
export function MessageContent(props: { message: { type: string; body: string; media?: MediaInfo | null } }) {
  const summary = () => summarizeMessage(props.message, locale());
  return (
    <Show when={props.message.media} fallback={<MessageSummary summary={summary()} />}>
      {(media) => <MessageMedia message={props.message} media={media()} />}
    </Show>
  );
}

function MessageSummary(props: { summary: ReturnType<typeof summarizeMessage> }) {
  return (
    <Show when={props.summary.label} fallback={<span dir="auto">{props.summary.text}</span>}>
      {(label) => (
        <>
          <span class="message-kind" data-message-type={props.summary.type}>
            <Show when={props.summary.icon}>{(icon) => <span aria-hidden="true">{icon()} </span>}</Show>
            {label()}
          </span>
          <Show when={props.summary.text}>
            {(text) => (
              <>
                {" "}
                <span dir="auto">{text()}</span>
              </>
            )}
          </Show>
        </>
      )}
    </Show>
  );
}
