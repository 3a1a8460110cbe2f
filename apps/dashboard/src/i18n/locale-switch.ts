import type { Locale } from "./translate.ts";

/** How a language choice ended: shown, overtaken by a later choice, or its catalogue could not be fetched. */
export type LocaleSwitchResult = "switched" | "superseded" | "failed";

/**
 * Changing the UI language: the catalogue is fetched first and the language shown only once it is
 * there, so the page never mixes languages or shows keys. When choices overlap (English clicked,
 * then French before English arrived), the last one wins; an earlier one arriving late changes
 * nothing.
 */
export function createLocaleSwitch({
  load,
  show,
}: {
  load: (locale: Locale) => Promise<unknown>;
  show: (locale: Locale) => void;
}): (next: Locale) => Promise<LocaleSwitchResult> {
  let latestChoice = 0;
  return async (next) => {
    const choice = ++latestChoice;
    try {
      await load(next);
    } catch {
      return choice === latestChoice ? "failed" : "superseded";
    }
    if (choice !== latestChoice) return "superseded";
    show(next);
    return "switched";
  };
}
