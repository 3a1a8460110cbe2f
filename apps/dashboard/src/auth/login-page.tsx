import { createSignal, Show } from "solid-js";
import { errorCodeOf, errorMessageKey } from "../api/errors.ts";
import { t } from "../i18n/locale.ts";
import { LanguageSwitch } from "../app/language-switch.tsx";
import { createAction } from "../ui/action.ts";
import { signIn } from "./session.ts";

export function LoginPage() {
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const signInAction = createAction(
    async () => {
      try {
        await signIn(email(), password());
      } catch (failure) {
        setPassword("");
        throw failure;
      }
    },
    {
      describe: (failure) => {
        const code = errorCodeOf(failure);
        return t(code === "unauthorized" || code === "invalid_input" ? "login.failed" : errorMessageKey(failure));
      },
    },
  );
  const error = signInAction.error;
  const busy = signInAction.busy;

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void signInAction.run();
  }

  return (
    <main class="login" id="main">
      <form class="login__card" onSubmit={submit} aria-describedby={error() ? "login-error" : undefined}>
        <div class="login__brand">
          <span class="brand__mark" aria-hidden="true">
            ✓
          </span>
          <span>{t("app.name")}</span>
        </div>
        <h1>{t("login.title")}</h1>
        <p class="muted">{t("login.subtitle")}</p>
        <Show when={error()}>
          <p id="login-error" class="form-error" role="alert">
            {error()}
          </p>
        </Show>
        <label class="field">
          <span class="field__label">{t("login.email")}</span>
          <input
            type="email"
            name="email"
            autocomplete="username"
            required
            autofocus
            value={email()}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t("login.password")}</span>
          <input
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password()}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button button--primary button--block" disabled={busy()}>
          {busy() ? t("login.submitting") : t("login.submit")}
        </button>
        <LanguageSwitch compact />
      </form>
    </main>
  );
}
