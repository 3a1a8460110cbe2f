import { For } from "solid-js";
import { LOCALES, type Locale } from "../i18n/translate.ts";
import { locale, setLocale, t } from "../i18n/locale.ts";

/** Français / English, as a pair of radio buttons. */
export function LanguageSwitch(props: { compact?: boolean; hideLegend?: boolean }) {
  let fieldset!: HTMLFieldSetElement;

  async function choose(code: Locale) {
    if ((await setLocale(code)) !== "failed") return;
    // The language did not change (the app says why): the radio the browser just checked goes
    // back to the current one.
    const current = fieldset.querySelector<HTMLInputElement>(`input[value="${locale()}"]`);
    if (current) current.checked = true;
  }

  return (
    <fieldset ref={fieldset} class={props.compact ? "language-switch language-switch--compact" : "language-switch"}>
      <legend class={props.compact || props.hideLegend ? "visually-hidden" : undefined}>{t("settings.language")}</legend>
      <For each={LOCALES}>
        {(code) => (
          <label class="language-switch__option">
            <input
              type="radio"
              name={props.compact ? "language-compact" : "language"}
              value={code}
              checked={locale() === code}
              onChange={() => void choose(code)}
            />
            <span lang={code}>{props.compact ? code.toUpperCase() : t(`language.${code}`)}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}
