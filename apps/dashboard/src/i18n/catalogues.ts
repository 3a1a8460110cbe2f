import { fr, type Messages } from "./fr.ts";
import type { Locale } from "./translate.ts";

/** A language's messages: bundled (in the entry chunk), or fetched when first needed. */
export type CatalogueSource = Messages | (() => Promise<Messages>);

export interface Catalogues {
  /** The messages of `locale` if they are already here (always for a bundled language). */
  loaded(locale: Locale): Messages | undefined;
  /**
   * Resolves with the messages of `locale`, fetching them once: callers asking while a fetch
   * runs share it, and a failed fetch (offline, a chunk gone after a deploy) is tried again by
   * the next call rather than remembered.
   */
  load(locale: Locale): Promise<Messages>;
}

export function createCatalogues(sources: Record<Locale, CatalogueSource>): Catalogues {
  const loaded = new Map<Locale, Messages>();
  const pending = new Map<Locale, Promise<Messages>>();
  for (const [locale, source] of Object.entries(sources) as [Locale, CatalogueSource][]) {
    if (typeof source !== "function") loaded.set(locale, source);
  }

  return {
    loaded: (locale) => loaded.get(locale),
    load(locale) {
      const ready = loaded.get(locale);
      if (ready) return Promise.resolve(ready);
      let fetching = pending.get(locale);
      if (!fetching) {
        const fetch = sources[locale] as () => Promise<Messages>;
        fetching = fetch()
          .then((messages) => {
            loaded.set(locale, messages);
            return messages;
          })
          .finally(() => pending.delete(locale));
        pending.set(locale, fetching);
      }
      return fetching;
    },
  };
}

/**
 * The dashboard's catalogues. French, the product's first language, is in the entry chunk so a
 * French visit renders at once; English is a chunk of its own that only English users fetch.
 */
export const catalogues = createCatalogues({
  fr,
  en: () => import("./en.ts").then((module) => module.en),
});
