import { createRoot, createSignal } from "solid-js";
import { catalogues } from "./catalogues.ts";
import { createLocaleSwitch, type LocaleSwitchResult } from "./locale-switch.ts";
import { DEFAULT_LOCALE, initialLocale, translate, translatePlural, type Locale, type MessageKey, type MessageParams, type PluralKey } from "./translate.ts";

const STORAGE_KEY = "confirma.locale";

function savedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const saved = initialLocale(savedLocale());

// A saved language whose catalogue is not bundled reads French until it arrives; the first render
// waits for it (`startInSavedLocale`), so nobody sees that French.
const [locale, setLocaleSignal] = createRoot(() => createSignal<Locale>(catalogues.loaded(saved) ? saved : DEFAULT_LOCALE));

const switchLocale = createLocaleSwitch({
  load: (next) => catalogues.load(next),
  show: (next) => {
    setLocaleSignal(next);
    document.documentElement.lang = next;
  },
});

const [loadFailures, setLoadFailures] = createRoot(() => createSignal(0));

/** Switches, counting the choices whose catalogue could not be fetched. */
async function chooseLocale(next: Locale): Promise<LocaleSwitchResult> {
  const result = await switchLocale(next);
  if (result === "failed") setLoadFailures((count) => count + 1);
  return result;
}

/** The UI language (reactive). */
export { locale };

/**
 * How many chosen languages could not be fetched so far, at start or from the switch (reactive):
 * the app says so each time it grows.
 */
export { loadFailures as localeLoadFailures };

/**
 * Switches the UI language once its catalogue is here, and remembers it in this browser. Resolves
 * `"failed"` when the catalogue could not be fetched: the language stays as it was.
 */
export async function setLocale(next: Locale): Promise<LocaleSwitchResult> {
  const result = await chooseLocale(next);
  if (result === "switched") {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this tab only.
    }
  }
  return result;
}

/**
 * Runs `start` (the first render) once the saved language can be shown: at once for a bundled
 * one (French), after its catalogue has arrived for another, so an English user never sees French
 * first. If the catalogue cannot be fetched the app starts in French, and the saved choice is kept
 * for the next visit.
 */
export function startInSavedLocale(start: () => void): void {
  document.documentElement.lang = locale();
  if (locale() === saved) start();
  else void chooseLocale(saved).then(start);
}

/** The message for `key` in the current language (reactive). */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(locale(), key, params);
}

/** The plural form of `base` for `count` in the current language (reactive). */
export function tp(base: PluralKey, count: number, params?: MessageParams): string {
  return translatePlural(locale(), base, count, params);
}
