import { Show } from "solid-js";
import { t } from "../i18n/locale.ts";

export function LoadMore(props: { hasMore: boolean; loading: boolean; onLoad: () => void }) {
  return (
    <Show when={props.hasMore}>
      <div class="load-more">
        <button type="button" class="button" disabled={props.loading} onClick={() => props.onLoad()}>
          {props.loading ? t("common.loadingMore") : t("common.loadMore")}
        </button>
      </div>
    </Show>
  );
}
