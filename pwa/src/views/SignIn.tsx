import { useState } from "preact/hooks";
import { ApiError } from "../api/http";
import type { Me } from "../api/types";
import { t } from "../i18n/en";
import { signIn } from "../state/session";

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(login.trim(), password));
    } catch (e) {
      if (e instanceof ApiError && e.isNetwork) setError(t.signIn.offline);
      else setError(e instanceof ApiError ? e.detail : t.signIn.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="signin" id="main">
      <h1>{t.signIn.title}</h1>
      <form onSubmit={submit} class="card stack">
        <label>
          {t.signIn.login}
          <input
            name="login"
            autocomplete="username"
            autocapitalize="none"
            required
            value={login}
            onInput={(e) => setLogin(e.currentTarget.value)}
          />
        </label>
        <label>
          {t.signIn.password}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error !== null && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.signIn.busy : t.signIn.submit}
        </button>
      </form>
    </main>
  );
}
