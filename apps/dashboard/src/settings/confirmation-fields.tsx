import { Show, type JSX } from "solid-js";
import { locale, t } from "../i18n/locale.ts";
import type { FieldErrors, FieldName } from "./confirmation-form.ts";
import { formatHumanDuration, parseHumanDuration } from "./duration-field.ts";

export const idOf = (name: FieldName) => `cf-${name.replace(/\./g, "-")}`;

/** The message under a field when it is wrong (and the link from the input to it). */
export function FieldMessage(props: { name: FieldName; errors: FieldErrors }) {
  const error = () => props.errors[props.name];
  return (
    <Show when={error()}>
      {(value) => (
        <p class="field__error" id={`${idOf(props.name)}-error`}>
          {t(value().key, value().params)}
        </p>
      )}
    </Show>
  );
}

/** `aria-invalid` and `aria-describedby` for an input: its help, and its error when it has one. */
export function fieldAria(name: FieldName, errors: FieldErrors, help?: boolean): { "aria-invalid": boolean; "aria-describedby"?: string } {
  const ids = [help ? `${idOf(name)}-help` : null, errors[name] ? `${idOf(name)}-error` : null].filter(Boolean);
  return { "aria-invalid": Boolean(errors[name]), ...(ids.length ? { "aria-describedby": ids.join(" ") } : {}) };
}

/** A duration typed as words ("2 h", "30 min"), tidied to the canonical spelling when the field is left. */
export function DurationInput(props: {
  name: FieldName;
  value: string;
  errors: FieldErrors;
  onChange: (value: string) => void;
  help?: boolean;
  label?: string;
}) {
  return (
    <input
      type="text"
      class="duration-input"
      id={idOf(props.name)}
      name={props.name}
      autocomplete="off"
      spellcheck={false}
      value={props.value}
      aria-label={props.label}
      {...fieldAria(props.name, props.errors, props.help)}
      onInput={(event) => props.onChange(event.currentTarget.value)}
      onBlur={(event) => {
        const ms = parseHumanDuration(event.currentTarget.value);
        if (ms !== null) props.onChange(formatHumanDuration(ms, locale()));
      }}
    />
  );
}

/** One part of the form, under its title. */
export function Section(props: { title: string; children: JSX.Element; help?: string }) {
  return (
    <fieldset class="settings-section">
      <legend>{props.title}</legend>
      <Show when={props.help}>
        <p class="muted small">{props.help}</p>
      </Show>
      {props.children}
    </fieldset>
  );
}

/** A labelled input with its help and, when it is wrong, its message. */
export function Field(props: { name: FieldName; label: string; errors: FieldErrors; help?: string; children: JSX.Element }) {
  return (
    <div class="field">
      <label class="field__label" for={idOf(props.name)}>
        {props.label}
      </label>
      {props.children}
      <Show when={props.help}>
        <span class="field__help" id={`${idOf(props.name)}-help`}>
          {props.help}
        </span>
      </Show>
      <FieldMessage name={props.name} errors={props.errors} />
    </div>
  );
}
