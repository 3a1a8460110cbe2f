import { createSignal, Show } from "solid-js";
import { api } from "../api/client.ts";
import { errorCodeOf, errorMessageKey } from "../api/errors.ts";
import type { User, UserRole } from "../api/types.ts";
import { t } from "../i18n/locale.ts";
import { createAction } from "../ui/action.ts";

export function UserForm(props: { onDone: (user: User) => void; onCancel: () => void }) {
  const [email, setEmail] = createSignal("");
  const [name, setName] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [role, setRole] = createSignal<UserRole>("agent");
  const create = createAction(
    async () => {
      const user = await api.users.create.mutate({ email: email().trim(), name: name().trim() || null, password: password(), role: role() });
      props.onDone(user);
    },
    { describe: (failure) => (errorCodeOf(failure) === "invalid_input" && password().length < 10 ? t("users.passwordHelp") : t(errorMessageKey(failure))) },
  );

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void create.run();
  }

  return (
    <form class="form" onSubmit={submit}>
      <Show when={create.error()}>
        <p class="form-error" role="alert">
          {create.error()}
        </p>
      </Show>
      <label class="field">
        <span class="field__label">{t("common.email")}</span>
        <input type="email" name="email" required autocomplete="off" value={email()} onInput={(event) => setEmail(event.currentTarget.value)} />
      </label>
      <label class="field">
        <span class="field__label">
          {t("common.name")} <span class="muted">({t("common.optional")})</span>
        </span>
        <input type="text" name="name" autocomplete="off" value={name()} onInput={(event) => setName(event.currentTarget.value)} />
      </label>
      <label class="field">
        <span class="field__label">{t("users.password")}</span>
        <input
          type="password"
          name="password"
          required
          minLength={10}
          autocomplete="new-password"
          aria-describedby="user-password-help"
          value={password()}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <span id="user-password-help" class="field__help">
          {t("users.passwordHelp")}
        </span>
      </label>
      <label class="field">
        <span class="field__label">{t("users.role")}</span>
        <select name="role" value={role()} onChange={(event) => setRole(event.currentTarget.value as UserRole)}>
          <option value="agent">{t("role.agent")}</option>
          <option value="admin">{t("role.admin")}</option>
        </select>
      </label>
      <div class="form__actions">
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={create.busy()}>
          {create.busy() ? t("common.creating") : t("users.submit")}
        </button>
      </div>
    </form>
  );
}
