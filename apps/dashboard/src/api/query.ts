import { createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { ChangeFilter } from "../live/change-bus.ts";
import { changes } from "../live/live-connection.ts";

const sameKey = <K>(a: K, b: K) => a === b || JSON.stringify(a) === JSON.stringify(b);

export interface Query<T> {
  /** The latest data; kept while a refetch runs, so live updates never flash a spinner. */
  data: Accessor<T | undefined>;
  error: Accessor<unknown>;
  loading: Accessor<boolean>;
  refetch: () => Promise<void>;
}

/**
 * Loads `fetcher(key)` whenever `key` changes (null/false: nothing to load), and again after
 * every burst of live changes that `live` says concern it. Late answers to an old key are
 * dropped; new data is reconciled into the old so unchanged rows keep their DOM and focus.
 */
export function createQuery<K, T>(key: () => K | null | false, fetcher: (key: K) => Promise<T>, options: { live?: (key: K) => ChangeFilter } = {}): Query<T> {
  const [state, setState] = createStore<{ data: T | undefined }>({ data: undefined });
  const [error, setError] = createSignal<unknown>(undefined);
  const [loading, setLoading] = createSignal(false);
  const currentKey = createMemo(key, undefined, { equals: sameKey });
  let sequence = 0;

  async function load(): Promise<void> {
    const k = currentKey();
    if (k === null || k === false) return;
    const mine = ++sequence;
    setLoading(true);
    try {
      const value = await fetcher(k);
      if (mine !== sequence) return;
      setState("data", reconcile(value as never, { key: "id", merge: false }));
      setError(undefined);
    } catch (failure) {
      if (mine === sequence) setError(() => failure);
    } finally {
      if (mine === sequence) setLoading(false);
    }
  }

  createEffect(on(currentKey, () => void load()));
  if (options.live) {
    const stop = changes.listen(
      (event) => {
        const k = currentKey();
        return k !== null && k !== false && options.live!(k)(event);
      },
      () => void load(),
    );
    onCleanup(stop);
  }
  return { data: () => state.data, error, loading, refetch: load };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedQuery<T> {
  items: () => T[];
  /** True once the first page arrived (for empty states). */
  loaded: Accessor<boolean>;
  hasMore: Accessor<boolean>;
  loading: Accessor<boolean>;
  loadingMore: Accessor<boolean>;
  error: Accessor<unknown>;
  loadMore: () => Promise<void>;
  refetch: () => Promise<void>;
}

const MAX_LIMIT = 200;

/**
 * A cursor-paginated list ("load more"). A refetch (key change or live change) reloads as many
 * rows as are shown, in one call, so the list a person scrolled stays in place.
 */
export function createPagedQuery<K, T extends { id: string }>(
  key: () => K | null | false,
  fetchPage: (key: K, page: { limit: number; cursor?: string }) => Promise<Page<T>>,
  options: { pageSize?: number; live?: (key: K) => ChangeFilter } = {},
): PagedQuery<T> {
  const pageSize = options.pageSize ?? 50;
  const [state, setState] = createStore<{ items: T[] }>({ items: [] });
  const [nextCursor, setNextCursor] = createSignal<string | null>(null);
  const [loaded, setLoaded] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [error, setError] = createSignal<unknown>(undefined);
  const currentKey = createMemo(key, undefined, { equals: sameKey });
  let sequence = 0;

  async function reload(keepCount: boolean): Promise<void> {
    const k = currentKey();
    if (k === null || k === false) return;
    const mine = ++sequence;
    setLoading(true);
    const limit = keepCount ? Math.min(MAX_LIMIT, Math.max(pageSize, state.items.length)) : pageSize;
    try {
      const page = await fetchPage(k, { limit });
      if (mine !== sequence) return;
      setState("items", reconcile(page.items, { key: "id", merge: false }));
      setNextCursor(page.nextCursor);
      setLoaded(true);
      setError(undefined);
    } catch (failure) {
      if (mine === sequence) setError(() => failure);
    } finally {
      if (mine === sequence) setLoading(false);
    }
  }

  async function loadMore(): Promise<void> {
    const k = currentKey();
    const cursor = nextCursor();
    if (k === null || k === false || !cursor || loadingMore()) return;
    const mine = sequence;
    setLoadingMore(true);
    try {
      const page = await fetchPage(k, { limit: pageSize, cursor });
      if (mine !== sequence) return;
      const known = new Set(state.items.map((item) => item.id));
      setState("items", (items) => [...items, ...page.items.filter((item) => !known.has(item.id))]);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(() => failure);
    } finally {
      setLoadingMore(false);
    }
  }

  createEffect(on(currentKey, () => void reload(false)));
  if (options.live) {
    const stop = changes.listen(
      (event) => {
        const k = currentKey();
        return k !== null && k !== false && options.live!(k)(event);
      },
      () => void reload(true),
    );
    onCleanup(stop);
  }
  return {
    items: () => state.items,
    loaded,
    hasMore: () => nextCursor() !== null,
    loading,
    loadingMore,
    error,
    loadMore,
    refetch: () => reload(true),
  };
}
