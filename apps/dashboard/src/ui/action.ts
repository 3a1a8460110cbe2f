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
