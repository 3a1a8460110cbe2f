import { createRoot, createSignal } from "solid-js";
import { initialLocale, translate, translatePlural, type Locale, type MessageKey, type MessageParams, type PluralKey } from "./translate.ts";

const STORAGE_KEY = "confirma.locale";

function savedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const [locale, setLocaleSignal] = createRoot(() => createSignal<Locale>(initialLocale(savedLocale())));

/** The UI language (reactive). */
export { locale };

/** Switches the UI language and remembers it in this browser. */
export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this tab only.
  }
  document.documentElement.lang = next;
}

/** The message for `key` in the current language (reactive). */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(locale(), key, params);
}

/** The plural form of `base` for `count` in the current language (reactive). */
export function tp(base: PluralKey, count: number, params?: MessageParams): string {
  return translatePlural(locale(), base, count, params);
}
