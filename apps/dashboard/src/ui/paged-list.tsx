import { For, Show, type JSX } from "solid-js";
import type { PagedQuery } from "../api/query.ts";
import { LoadMore } from "./load-more.tsx";
import { EmptyState, ErrorState, Loading } from "./states.tsx";

/**
 * A paged table: the first load's error (with retry) or spinner, the empty text, then the rows
 * and "load more". `head` is the header row's cells; `children` renders one row per item.
 */
export function PagedList<T extends { id: string }>(props: {
  list: PagedQuery<T>;
  empty: JSX.Element;
  head: JSX.Element;
  children: (item: T) => JSX.Element;
  /** Above the table once there are rows (a count, totals). */
  summary?: JSX.Element;
  /** Dims the rows while a refetch runs. */
  dimWhileRefreshing?: boolean;
  testId?: string;
}) {
  return (
    <>
      <Show when={props.list.error() && !props.list.loaded()}>
        <ErrorState error={props.list.error()} retry={props.list.refetch} />
      </Show>
      <Show when={props.list.loaded()} fallback={props.list.error() ? null : <Loading />}>
        <Show when={props.list.items().length > 0} fallback={<EmptyState>{props.empty}</EmptyState>}>
          {props.summary}
          <div class="table-wrap" classList={{ "is-refreshing": Boolean(props.dimWhileRefreshing) && props.list.loading() }}>
            <table class="table table--cards" data-testid={props.testId}>
              <thead>
                <tr>{props.head}</tr>
              </thead>
              <tbody>
                <For each={props.list.items()}>{(item) => props.children(item)}</For>
              </tbody>
            </table>
          </div>
          <LoadMore hasMore={props.list.hasMore()} loading={props.list.loadingMore()} onLoad={() => void props.list.loadMore()} />
        </Show>
      </Show>
    </>
  );
}
