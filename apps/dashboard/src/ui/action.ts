import { createSignal, type Accessor } from "solid-js";

export interface Action<A extends unknown[], R, E> {
  /** Runs the action unless it is already running (a second submit while busy does nothing and resolves undefined). */
  run: (...args: A) => Promise<R | undefined>;
  busy: Accessor<boolean>;
  /** The last failure, as `describe` put it; cleared when the action runs again. */
  error: Accessor<E | undefined>;
  /** What the last successful run returned. */
  result: Accessor<R | undefined>;
}

/**
 * The busy / error / try / finally every form repeats. `describe` turns a failure into what the
 * form shows, at the moment it fails (so a message does not change as the person edits the form).
 */
export function createAction<A extends unknown[], R, E = unknown>(
  perform: (...args: A) => Promise<R>,
  options: { describe?: (failure: unknown) => E } = {},
): Action<A, R, E> {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<E | undefined>(undefined);
  const [result, setResult] = createSignal<R | undefined>(undefined);
  let running = false;

  async function run(...args: A): Promise<R | undefined> {
    if (running) return undefined;
    running = true;
    setBusy(true);
    setError(undefined);
    try {
      const value = await perform(...args);
      setResult(() => value);
      return value;
    } catch (failure) {
      const described = options.describe ? options.describe(failure) : (failure as E);
      setError(() => described);
      return undefined;
    } finally {
      running = false;
      setBusy(false);
    }
  }

  return { run, busy, error, result };
}

export interface RowAction<A extends unknown[]> {
  /** Runs the action for one row unless an action of this list is already running. */
  run: (id: string, ...args: A) => Promise<void>;
  /** The row whose action is running, if any: its buttons are disabled meanwhile. */
  busyId: Accessor<string | null>;
}

/**
 * The per-row variant for tables whose rows each carry actions (enable, delete, send a test):
 * one action at a time for the whole list, the row that runs it known, failures and successes
 * reported by `onError` / `onDone` (toasts, a refetch) rather than kept for a form to show.
 */
export function createRowAction<A extends unknown[]>(
  perform: (id: string, ...args: A) => Promise<unknown>,
  handlers: { onDone?: (id: string) => unknown; onError?: (failure: unknown) => void } = {},
): RowAction<A> {
  const [busyId, setBusyId] = createSignal<string | null>(null);
  async function run(id: string, ...args: A): Promise<void> {
    if (busyId() !== null) return;
    setBusyId(id);
    try {
      await perform(id, ...args);
      await handlers.onDone?.(id);
    } catch (failure) {
      handlers.onError?.(failure);
    } finally {
      setBusyId(null);
    }
  }
  return { run, busyId };
}
