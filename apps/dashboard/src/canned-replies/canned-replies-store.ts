import { createSignal } from "solid-js";
import { api } from "../api/client.ts";
import type { RouterOutputs } from "../api/types.ts";

export type CannedReplyList = RouterOutputs["cannedReplies"]["list"];

const [list, setList] = createSignal<CannedReplyList | null>(null);
let loading: Promise<void> | null = null;

/**
 * The canned replies every reply box offers, fetched once for the whole page (fifty cards do not
 * fetch fifty times) and again with `reloadCannedReplies` — each time a `/` opens the list, so an
 * admin's edit shows without a reload.
 */
export function cannedReplyList(): CannedReplyList | null {
  if (!list() && !loading) void reloadCannedReplies();
  return list();
}

export function reloadCannedReplies(): Promise<void> {
  loading ??= api.cannedReplies.list
    .query()
    .then((fresh) => void setList(fresh))
    .catch(() => undefined)
    .finally(() => {
      loading = null;
    });
  return loading;
}
