import { Show } from "solid-js";
import { summarizeMessage } from "../format/message-summary.ts";
import { locale } from "../i18n/locale.ts";
import "./message-content.css";

/** A message's text, or for a voice note, a photo, a location…, its icon and label with the caption. */
export function MessageContent(props: { message: { type: string; body: string } }) {
  const summary = () => summarizeMessage(props.message, locale());
  return (
    <Show when={summary().label} fallback={<span dir="auto">{summary().text}</span>}>
      {(label) => (
        <>
          <span class="message-kind" data-message-type={summary().type}>
            <Show when={summary().icon}>{(icon) => <span aria-hidden="true">{icon()} </span>}</Show>
            {label()}
          </span>
          <Show when={summary().text}>
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
