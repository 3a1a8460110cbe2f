import { createSignal, createUniqueId, For, onCleanup, Show } from "solid-js";
import { api } from "../api/client.ts";
import { createQuery } from "../api/query.ts";
import type { CatalogueProduct } from "../api/types.ts";
import { formatMoney } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { moveActive } from "./order-entry.ts";

/**
 * A line's product name with the products already sold offered as one types (ARIA combobox:
 * arrows move, Enter picks, Escape closes). Typing anything else makes a free line.
 */
export function ProductCombobox(props: {
  name: string;
  label: string;
  value: string;
  invalid: boolean;
  onInput: (text: string) => void;
  onPick: (product: CatalogueProduct) => void;
}) {
  const listId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [search, setSearch] = createSignal<string | null>(null);
  const [active, setActive] = createSignal(-1);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const products = createQuery(
    () => search() !== null && { search: search()! },
    (key) => api.orders.products.query({ search: key.search || undefined, limit: 8 }),
  );
  const options = () => (open() ? (products.data() ?? []) : []);
  const expanded = () => options().length > 0;
  const ask = (text: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => setSearch(text.trim()), 150);
  };
  const pick = (product: CatalogueProduct) => {
    props.onPick(product);
    setOpen(false);
    setActive(-1);
  };

  return (
    <div class="combobox">
      <input
        type="text"
        name={props.name}
        role="combobox"
        aria-label={props.label}
        aria-autocomplete="list"
        aria-expanded={expanded()}
        aria-controls={listId}
        aria-activedescendant={active() >= 0 && expanded() ? `${listId}-${active()}` : undefined}
        autocomplete="off"
        required
        value={props.value}
        aria-invalid={props.invalid}
        onFocus={(event) => {
          setOpen(true);
          ask(event.currentTarget.value);
        }}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
        onInput={(event) => {
          props.onInput(event.currentTarget.value);
          setOpen(true);
          setActive(-1);
          ask(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (!expanded()) return;
            event.preventDefault();
            setActive(moveActive(active(), event.key, options().length));
          } else if (event.key === "Enter" && expanded() && active() >= 0) {
            event.preventDefault();
            pick(options()[active()]!);
          } else if (event.key === "Escape" && expanded()) {
            event.preventDefault();
            event.stopPropagation();
            setOpen(false);
          }
        }}
      />
      <div id={listId} role="listbox" aria-label={t("orderForm.catalogue")} class="combobox__list" hidden={!expanded()}>
        <For each={options()}>
          {(product, index) => (
            <div
              id={`${listId}-${index()}`}
              role="option"
              tabIndex={-1}
              aria-selected={index() === active()}
              class="combobox__option"
              // mousedown, not click: the input must not lose the pick to its blur.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(product);
              }}
            >
              <span>{product.name}</span>
              <Show when={product.sku}>
                <span class="muted small"> · {product.sku}</span>
              </Show>
              <span class="muted small combobox__price">{formatMoney(product.price, product.currency, locale())}</span>
            </div>
          )}
        </For>
      </div>
    </div>
  );
}
