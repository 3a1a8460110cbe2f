import { For, Show, type Accessor, type JSX } from "solid-js";
import type { PagedQuery } from "../api/query.ts";
import { LoadMore } from "./load-more.tsx";
import { EmptyState, ErrorState, Loading } from "./states.tsx";
import "./table.css";

/**
 * A paged list: the first load's error (with retry) or spinner, the empty text, then the items
 * and "load more". The items are table rows under `head` (the header row's cells), or, given a
 * `listClass`, `<li>`s in a `<ul class={listClass}>`. `children` renders one item.
 */
export function PagedList<T extends { id: string }>(props: {
  list: PagedQuery<T>;
  empty: JSX.Element;
  children: (item: T, index: Accessor<number>) => JSX.Element;
  head?: JSX.Element;
  listClass?: string;
  /** Above the items once there are some (a count, totals). */
  summary?: JSX.Element;
  /** Dims the items while a refetch runs. */
  dimWhileRefreshing?: boolean;
  testId?: string;
}) {
  const refreshing = () => Boolean(props.dimWhileRefreshing) && props.list.loading();
  const items = () => <For each={props.list.items()}>{(item, index) => props.children(item, index)}</For>;
  return (
    <>
      <Show when={props.list.error() && !props.list.loaded()}>
        <ErrorState error={props.list.error()} retry={props.list.refetch} />
      </Show>
      <Show when={props.list.loaded()} fallback={props.list.error() ? null : <Loading />}>
        <Show when={props.list.items().length > 0} fallback={<EmptyState>{props.empty}</EmptyState>}>
          {props.summary}
          <Show
            when={props.listClass === undefined}
            fallback={
              <ul class={props.listClass} classList={{ "is-refreshing": refreshing() }} data-testid={props.testId}>
                {items()}
              </ul>
            }
          >
            <div class="table-wrap" classList={{ "is-refreshing": refreshing() }}>
              <table class="table table--cards" data-testid={props.testId}>
                <thead>
                  <tr>{props.head}</tr>
                </thead>
                <tbody>{items()}</tbody>
              </table>
            </div>
          </Show>
          <LoadMore hasMore={props.list.hasMore()} loading={props.list.loadingMore()} onLoad={() => void props.list.loadMore()} />
        </Show>
      </Show>
    </>
  );
}
