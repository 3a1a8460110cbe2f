import { For, Show } from "solid-js";
import { api } from "../api/client.ts";
import type { Order, OrderStatus } from "../api/types.ts";
import { t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";
import { notify, notifyError } from "../ui/toasts.tsx";
import { awaitsReply } from "@confirma/domain";

/** Moves an order; tells the person what happened (or why not). */
export async function setOrderStatus(
  order: Pick<Order, "id">,
  status: OrderStatus,
  successKey: "action.order.done" | "review.done" = "action.order.done",
): Promise<boolean> {
  try {
    await api.orders.setStatus.mutate({ id: order.id, status });
    notify(t(successKey, { status: t(`status.order.${status}`) }));
    return true;
  } catch (error) {
    notifyError(error);
    return false;
  }
}

/** Sends the confirmation request (the approved template with its buttons) again. */
export async function requestConfirmationAgain(order: Pick<Order, "id">): Promise<boolean> {
  try {
    const result = await api.orders.requestConfirmation.mutate({ id: order.id });
    notify(result.scheduled ? t("action.order.resent") : t("action.order.resendAlready"));
    return true;
  } catch (error) {
    notifyError(error);
    return false;
  }
}

/** One button per status the order may move to (the server says which), and "ask again" while it awaits a reply. */
export function OrderActions(props: { order: Order; onChanged?: () => void; size?: "small" | "normal"; resend?: boolean }) {
  // One step at a time: each step tells the person what happened and says whether it worked.
  const step = createAction(async (action: () => Promise<boolean>) => {
    if (await action()) props.onChanged?.();
  });
  const busy = step.busy;
  const describe = () => [props.order.client?.name, props.order.client?.phoneNumber].filter(Boolean).join(" · ");
  const small = () => (props.size === "normal" ? "" : " button--small");
  return (
    <div class="actions" role="group" aria-label={t("common.actions")}>
      <For each={props.order.allowedTransitions}>
        {(status) => (
          <button
            type="button"
            class={`button button--${status === "confirmed" ? "confirm" : status === "cancelled" ? "danger" : "plain"}${small()}`}
            disabled={busy()}
            data-action={status}
            title={describe() ? `${t(`action.order.${status}`)} — ${describe()}` : undefined}
            onClick={() => void step.run(() => setOrderStatus(props.order, status))}
          >
            {t(`action.order.${status}`)}
          </button>
        )}
      </For>
      <Show when={props.resend && awaitsReply(props.order.status)}>
        <button
          type="button"
          class={`button button--ghost${small()}`}
          disabled={busy()}
          data-resend
          onClick={() => void step.run(() => requestConfirmationAgain(props.order))}
        >
          ↻ {t("action.order.resend")}
        </button>
      </Show>
    </div>
  );
}

/** "2 × Produit A, 1 × Produit B" */
export function productsSummary(order: Pick<Order, "products">): string {
  return order.products.map((product) => `${product.quantity} × ${product.name}`).join(", ");
}
