import { Show, type JSX } from "solid-js";
import { errorMessageKey } from "../api/errors.ts";
import { t } from "../i18n/locale.ts";

export function Loading(props: { label?: string }) {
  return (
    <div class="state state--loading" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label ?? t("common.loading")}</span>
    </div>
  );
}

export function EmptyState(props: { children: JSX.Element; action?: JSX.Element }) {
  return (
    <div class="state state--empty">
      <p>{props.children}</p>
      <Show when={props.action}>{props.action}</Show>
    </div>
  );
}

/** A failed load: what went wrong, in words, and a way to try again. */
export function ErrorState(props: { error: unknown; retry?: () => void }) {
  return (
    <div class="state state--error" role="alert">
      <p>
        <strong>{t("error.loadFailed")}</strong> {t(errorMessageKey(props.error))}
      </p>
      <Show when={props.retry}>
        <button type="button" class="button" onClick={() => props.retry?.()}>
          {t("common.retry")}
        </button>
      </Show>
    </div>
  );
}

/** A page only admins may see; the server enforces it, this only says so kindly. */
export function Forbidden(props: { help?: string }) {
  return (
    <div class="state state--forbidden" role="alert" data-testid="forbidden">
      <p>
        <strong>{t("users.forbidden")}</strong>
      </p>
      <Show when={props.help}>
        <p class="muted">{props.help}</p>
      </Show>
    </div>
  );
}
