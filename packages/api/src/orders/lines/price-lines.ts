import { DomainError } from "../../errors/domain-error.ts";
import { toMinorUnits } from "../../money/money.ts";

const MAX_QUANTITY = 100_000;

export interface ProductLine {
  id: string;
  name: string;
  price: number;
  quantity: number;
}

export interface PricedOrderLine {
  position: number;
  productId: string;
  name: string;
  unitPriceMinor: number;
  quantity: number;
}

/**
 * Product lines as given (decimal prices) → lines in exact minor units, in their order. The one
 * rule for lines typed by a person or sent by an integration, used by `createOrder` and
 * `replaceOrderLines`. Throws `empty_order`, `invalid_quantity` (a whole number from 1 to
 * 100,000) or `invalid_price` naming the line (`products.1.price: …`).
 */
export function priceLines(products: readonly ProductLine[], currency: string): PricedOrderLine[] {
  if (products.length === 0) throw new DomainError("empty_order", "an order needs at least one product");
  return products.map((product, position) => {
    if (!Number.isInteger(product.quantity) || product.quantity < 1 || product.quantity > MAX_QUANTITY) {
      throw new DomainError("invalid_quantity", `products.${position}.quantity must be a whole number from 1 to ${MAX_QUANTITY}`);
    }
    let unitPriceMinor: number;
    try {
      unitPriceMinor = toMinorUnits(product.price, currency);
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError(error.code, `products.${position}.price: ${error.message}`);
      throw error;
    }
    return { position, productId: product.id, name: product.name, unitPriceMinor, quantity: product.quantity };
  });
}
