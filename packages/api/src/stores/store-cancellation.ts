/**
 * Whether a store update that says the order is cancelled is a cancellation made in the store,
 * to apply here, or the echo of Confirma's own write-back.
 *
 * Why: a platform sends its update webhooks late (WooCommerce from a background queue, Shopify
 * for hours of retries). When Confirma cancels an order, its write-back cancels it in the store;
 * if an agent then reopens or confirms the order, the store's delayed "cancelled", caused by that
 * write-back, must not cancel it a second time.
 *
 * The rule, from what the last write-back left the store order as (`orders.store_written_*`,
 * recorded by `store-write-back.ts` from the adapter's `written`):
 * - Confirma never set the store order's state: any cancellation there is the store's own.
 * - Confirma left it cancelled: the store's "cancelled" is Confirma's own, however late or often
 *   it comes back (Shopify cannot reopen a cancelled order, so every later version says so).
 * - Confirma last left it not cancelled: a cancellation counts only when the store changed the
 *   order after that write (its last-modified time later than the write's, on the platform's
 *   clock); an earlier version is one that write already replaced. An update without a time
 *   cannot be placed, and counts (the store's word, as before).
 */
export function isStoreCancellation(
  update: { cancelled: boolean; updatedAt: Date | null },
  written: { storeWrittenCancelled: boolean | null; storeWrittenAt: Date | null },
): boolean {
  if (!update.cancelled) return false;
  if (written.storeWrittenCancelled === null || written.storeWrittenAt === null) return true;
  if (written.storeWrittenCancelled) return false;
  return update.updatedAt === null || update.updatedAt > written.storeWrittenAt;
}
