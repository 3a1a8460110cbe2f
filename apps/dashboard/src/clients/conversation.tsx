import { createEffect, For, on, Show } from "solid-js";
import type { PagedQuery } from "../api/query.ts";
import type { Message, Order } from "../api/types.ts";
import { formatDate, formatTime } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { DeliveryStatus } from "../ui/delivery-status.tsx";
import { MessageContent } from "../ui/message-content.tsx";
import { EmptyState, ErrorState, Loading } from "../ui/states.tsx";
import { ReplyBox } from "./reply-box.tsx";
import "./conversation.css";

function sameDay(a: string, b: string): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

function Bubble(props: { message: Message }) {
  return (
    <li
      class={`bubble bubble--${props.message.direction}`}
      classList={{ "bubble--failed": props.message.status === "failed" }}
      data-message-id={props.message.id}
      data-direction={props.message.direction}
      data-status={props.message.status}
    >
      <span class="visually-hidden">{props.message.direction === "in" ? t("client.inbound") : t("client.outbound")} </span>
      <p class="bubble__body">
        <MessageContent message={props.message} />
      </p>
      <p class="bubble__meta">
        <Show when={props.message.intent}>{(intent) => <span class={`intent intent--${intent()}`}>{t(`client.intent.${intent()}`)}</span>}</Show>
        <time datetime={props.message.sentAt}>{formatTime(props.message.sentAt, locale())}</time>
        <Show when={props.message.direction === "out"}>
          <DeliveryStatus status={props.message.status} errorCode={props.message.errorCode} errorReason={props.message.errorReason} />
        </Show>
      </p>
    </li>
  );
}

/**
 * The client's WhatsApp thread, oldest at the top, live (new messages, delivery ticks); older
 * pages load on demand. The reply box sits under it.
 */
export function Conversation(props: { clientId: string; messages: PagedQuery<Message>; orders: readonly Order[] }) {
  const messages = () => props.messages;
  const chronological = () => [...messages().items()].reverse();
  let scroller: HTMLDivElement | undefined;
  let stickToBottom = true;

  // New messages arrive at the bottom: follow them unless the person scrolled up to read.
  createEffect(
    on(
      () => messages().items()[0]?.id,
      () => {
        if (scroller && stickToBottom) queueMicrotask(() => scroller && (scroller.scrollTop = scroller.scrollHeight));
      },
    ),
  );

  return (
    <>
      <Show when={messages().loaded()} fallback={messages().error() ? <ErrorState error={messages().error()} retry={messages().refetch} /> : <Loading />}>
        <Show when={messages().items().length > 0} fallback={<EmptyState>{t("client.noMessages")}</EmptyState>}>
          <div
            class="thread"
            ref={scroller}
            tabindex="0"
            aria-label={t("client.conversation")}
            onScroll={(event) => {
              const element = event.currentTarget;
              stickToBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
            }}
          >
            <Show when={messages().hasMore()}>
              <div class="thread__older">
                <button type="button" class="button button--small" disabled={messages().loadingMore()} onClick={() => void messages().loadMore()}>
                  {messages().loadingMore() ? t("common.loadingMore") : t("client.olderMessages")}
                </button>
              </div>
            </Show>
            <ol class="thread__list">
              <For each={chronological()}>
                {(message, index) => (
                  <>
                    <Show when={index() === 0 || !sameDay(chronological()[index() - 1]!.sentAt, message.sentAt)}>
                      <li class="thread__day">
                        <span>{formatDate(message.sentAt, locale())}</span>
                      </li>
                    </Show>
                    <Bubble message={message} />
                  </>
                )}
              </For>
            </ol>
          </div>
        </Show>
      </Show>
      <ReplyBox
        clientId={props.clientId}
        orders={props.orders}
        onSent={() => {
          stickToBottom = true;
          void messages().refetch();
        }}
      />
    </>
  );
}
