import { For, Show } from "solid-js";
import type { Order, ShippingAddress } from "../api/types.ts";
import { formatDateTime } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { addressLines, storeReference, writeBackProblem } from "./order-source.ts";

/**
 * The store an order came from and its number there, linked to the order in the store's admin.
 * `withNumber={false}` where the store's number is already on screen: the store's name is the link.
 */
export function StoreReference(props: { order: Order; withNumber?: boolean }) {
  const openLabel = (reference: { storeName: string; number: string | null }) =>
    t("order.openInStore", { number: reference.number ?? "", store: reference.storeName });
  return (
    <Show when={storeReference(props.order)}>
      {(reference) => (
        <span class="store-ref" data-testid="store-ref">
          <Show
            when={props.withNumber !== false}
            fallback={
              <Show when={reference().url} fallback={<span class="store-ref__name">{reference().storeName}</span>}>
                {(url) => (
                  <a class="link store-ref__name" href={url()} target="_blank" rel="noopener noreferrer" aria-label={openLabel(reference())}>
                    {reference().storeName} ↗
                  </a>
                )}
              </Show>
            }
          >
            <span class="store-ref__name">{reference().storeName}</span>
            <Show when={reference().number}>
              {(number) => (
                <Show when={reference().url} fallback={<span class="mono">{number()}</span>}>
                  {(url) => (
                    <a class="link mono" href={url()} target="_blank" rel="noopener noreferrer" aria-label={openLabel(reference())}>
                      {number()} ↗
                    </a>
                  )}
                </Show>
              )}
            </Show>
          </Show>
          <Show when={props.order.isTest}>
            <span class="badge badge--test">{t("order.test")}</span>
          </Show>
        </span>
      )}
    </Show>
  );
}

/** The shipping address as on a parcel, or a dash. */
export function ShippingAddressBlock(props: { address: ShippingAddress | null }) {
  return (
    <Show when={addressLines(props.address).length > 0} fallback={<p class="muted">{t("order.noAddress")}</p>}>
      <address class="address" data-testid="shipping-address">
        <For each={addressLines(props.address)}>{(line) => <span class="address__line">{line}</span>}</For>
      </address>
    </Show>
  );
}

/** What happened to the last update sent to the store: the platform's refusal in its words, or when it went through. */
export function WriteBackState(props: { order: Order }) {
  return (
    <Show
      when={writeBackProblem(props.order)}
      fallback={
        <Show when={props.order.writeBack?.at}>{(at) => <p class="muted small">{t("order.writeBack.done", { date: formatDateTime(at(), locale()) })}</p>}</Show>
      }
    >
      {(problem) => (
        <p class="notice notice--error" role="status" data-testid="write-back-error">
          {t(problem().key, problem().params)}
        </p>
      )}
    </Show>
  );
}
