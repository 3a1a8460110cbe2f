import { createSignal, For } from "solid-js";
import { api } from "../api/client.ts";
import type { Order, OrderStatus } from "../api/types.ts";
import { t } from "../i18n/locale.ts";
import { notify, notifyError } from "../ui/toasts.tsx";
import { nextOrderStatuses } from "./order-status.ts";

/** Moves an order; tells the person what happened (or why not). */
export async function setOrderStatus(order: Pick<Order, "id">, status: OrderStatus, successKey: "action.order.done" | "review.done" = "action.order.done"): Promise<boolean> {
  try {
    await api.orders.setStatus.mutate({ id: order.id, status });
    notify(t(successKey, { status: t(`status.order.${status}`) }));
    return true;
  } catch (error) {
    notifyError(error);
    return false;
  }
}

/** One button per status the order may move to (only allowed transitions are offered). */
export function OrderActions(props: { order: Order; onChanged?: () => void; size?: "small" | "normal" }) {
  const [busy, setBusy] = createSignal(false);
  const describe = () => [props.order.client?.name, props.order.client?.phoneNumber].filter(Boolean).join(" · ");
  return (
    <div class="actions" role="group" aria-label={t("common.actions")}>
      <For each={nextOrderStatuses(props.order.status)}>
        {(status) => (
          <button
            type="button"
            class={`button button--${status === "confirmed" ? "confirm" : status === "cancelled" ? "danger" : "plain"}${props.size === "normal" ? "" : " button--small"}`}
            disabled={busy()}
            data-action={status}
            title={describe() ? `${t(`action.order.${status}`)} — ${describe()}` : undefined}
            onClick={async () => {
              setBusy(true);
              const ok = await setOrderStatus(props.order, status);
              setBusy(false);
              if (ok) props.onChanged?.();
            }}
          >
            {t(`action.order.${status}`)}
          </button>
        )}
      </For>
    </div>
  );
}

/** "2 × Produit A, 1 × Produit B" */
export function productsSummary(order: Pick<Order, "products">): string {
  return order.products.map((product) => `${product.quantity} × ${product.name}`).join(", ");
}
