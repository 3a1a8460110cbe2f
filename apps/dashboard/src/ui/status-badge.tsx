import type { ClientStatus, OrderStatus } from "../api/types.ts";
import { t } from "../i18n/locale.ts";

export function OrderStatusBadge(props: { status: OrderStatus }) {
  return <span class={`badge badge--${props.status}`}>{t(`status.order.${props.status}`)}</span>;
}

export function ClientStatusBadge(props: { status: ClientStatus }) {
  return <span class={`badge badge--${props.status}`}>{t(`status.client.${props.status}`)}</span>;
}
