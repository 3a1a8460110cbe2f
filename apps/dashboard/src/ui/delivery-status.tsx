import { Match, Switch } from "solid-js";
import type { MessageStatus } from "../api/types.ts";
import { t } from "../i18n/locale.ts";
import "./delivery-status.css";

const CHECK = "M1 6.2l3 3 6.6-7.4";
const SECOND_CHECK = "M6.6 7.8 8 9.2 14.6 1.8";

function Icon(props: { status: MessageStatus }) {
  return (
    <svg class="delivery__icon" viewBox="0 0 16 11" width="16" height="11" aria-hidden="true">
      <Switch>
        <Match when={props.status === "queued"}>
          <circle cx="6" cy="5.5" r="4.6" fill="none" stroke="currentColor" stroke-width="1.3" />
          <path d="M6 2.8v2.9l1.9 1.2" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linecap="round" />
        </Match>
        <Match when={props.status === "sent"}>
          <path d={CHECK} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" />
        </Match>
        <Match when={props.status === "delivered" || props.status === "read"}>
          <path d={CHECK} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" />
          <path d={SECOND_CHECK} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" />
        </Match>
        <Match when={props.status === "failed"}>
          <path d="M7 .8 13.6 10.2H.4z" fill="currentColor" />
          <path d="M7 4v3" stroke="#fff" stroke-width="1.4" stroke-linecap="round" />
          <circle cx="7" cy="8.6" r=".8" fill="#fff" />
        </Match>
      </Switch>
    </svg>
  );
}

/**
 * Where an outbound message stands, as WhatsApp shows it: ⏱ queued, ✓ sent, ✓✓ delivered,
 * blue ✓✓ read, ⚠ failed. Screen readers get the words (a failure with its reason, in the
 * button's name); sighted people see the reason on hover and on keyboard focus.
 */
export function DeliveryStatus(props: { status: MessageStatus; errorReason?: string | null; errorCode?: string | null }) {
  const label = () => t(`client.messageStatus.${props.status}`);
  const reason = () => [props.errorReason, props.errorCode ? `(${props.errorCode})` : null].filter(Boolean).join(" ") || t("client.failedNoReason");
  return (
    <Switch>
      <Match when={props.status === "failed"}>
        <button type="button" class="delivery delivery--failed" data-delivery="failed">
          <Icon status="failed" />
          <span class="delivery__word">{label()}</span>
          <span class="visually-hidden"> : {reason()}</span>
          <span class="delivery__tip" aria-hidden="true">
            {reason()}
          </span>
        </button>
      </Match>
      <Match when={props.status !== "received"}>
        <span class={`delivery delivery--${props.status}`} data-delivery={props.status} title={label()}>
          <Icon status={props.status} />
          <span class="visually-hidden">{label()}</span>
        </span>
      </Match>
    </Switch>
  );
}
