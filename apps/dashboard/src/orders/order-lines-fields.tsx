import { fromMinorUnits } from "@confirma/domain";
import { Index } from "solid-js";
import { produce, type SetStoreFunction } from "solid-js/store";
import { formatMoney } from "../format/format.ts";
import { locale, t } from "../i18n/locale.ts";
import { checkLine, emptyLine, type DraftLine } from "./order-draft.ts";
import { lineFromProduct } from "./order-entry.ts";
import { ProductCombobox } from "./product-combobox.tsx";
import "./order-form.css";

/**
 * An order's product lines as a person types them (the new-order dialog, the items' edit): a
 * product from those already sold or a free line, price, quantity, subtotal; add and remove.
 */
export function OrderLinesFields(props: { lines: DraftLine[]; setLines: SetStoreFunction<DraftLine[]>; currency: string; showErrors: boolean }) {
  const lines = () => props.lines;
  const setLines = props.setLines;
  const currency = () => props.currency;
  const showErrors = () => props.showErrors;
  return (
    <>
      <Index each={lines()}>
        {(line, index) => {
          const check = () => checkLine(line(), currency());
          const label = (key: Parameters<typeof t>[0]) => `${t(key)} (${t("orderForm.line", { index: index + 1 })})`;
          const set = (field: "name" | "reference" | "price" | "quantity") => (event: InputEvent & { currentTarget: HTMLInputElement }) =>
            setLines(index, field, event.currentTarget.value);
          return (
            <div class="line" data-line={index}>
              <div class="field line__name">
                <span class="field__label" aria-hidden="true">
                  {t("orderForm.productName")}
                </span>
                <ProductCombobox
                  name={`lines.${index}.name`}
                  label={label("orderForm.productName")}
                  value={line().name}
                  invalid={showErrors() && !check().nameOk}
                  onInput={(text) => setLines(index, "name", text)}
                  onPick={(product) => setLines(index, lineFromProduct(line(), product, currency()))}
                />
              </div>
              <label class="field line__ref">
                <span class="field__label" aria-hidden="true">
                  {t("orderForm.productRef")}
                </span>
                <input
                  type="text"
                  name={`lines.${index}.reference`}
                  aria-label={label("orderForm.productRef")}
                  value={line().reference}
                  onInput={set("reference")}
                />
              </label>
              <label class="field line__price">
                <span class="field__label" aria-hidden="true">
                  {t("orderForm.price")}
                </span>
                <input
                  type="text"
                  inputmode="decimal"
                  name={`lines.${index}.price`}
                  aria-label={label("orderForm.price")}
                  required
                  value={line().price}
                  onInput={set("price")}
                  aria-invalid={(showErrors() || line().price !== "") && check().priceMinor === null}
                />
              </label>
              <label class="field line__qty">
                <span class="field__label" aria-hidden="true">
                  {t("orderForm.quantity")}
                </span>
                <input
                  type="number"
                  min="1"
                  step="1"
                  inputmode="numeric"
                  name={`lines.${index}.quantity`}
                  aria-label={label("orderForm.quantity")}
                  required
                  value={line().quantity}
                  onInput={set("quantity")}
                  aria-invalid={check().quantity === null}
                />
              </label>
              <div class="line__total">
                <span class="field__label" aria-hidden="true">
                  {t("orderForm.lineTotal")}
                </span>
                <output>{check().totalMinor === null ? "—" : formatMoney(fromMinorUnits(check().totalMinor!, currency()), currency(), locale())}</output>
              </div>
              <button
                type="button"
                class="button button--icon line__remove"
                aria-label={t("orderForm.removeLine", { index: index + 1 })}
                disabled={props.lines.length === 1}
                onClick={() => setLines(produce((draft) => void draft.splice(index, 1)))}
              >
                ×
              </button>
            </div>
          );
        }}
      </Index>
      <button type="button" class="button button--small" onClick={() => setLines(props.lines.length, emptyLine())}>
        + {t("orderForm.addLine")}
      </button>
    </>
  );
}
