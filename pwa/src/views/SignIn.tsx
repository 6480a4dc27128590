import { useState } from "preact/hooks";
import { ApiError } from "../api/http";
import type { Me, RegisterRequest } from "../api/types";
import { t } from "../i18n/messages";
import { LanguagePicker } from "../components/LanguagePicker";
import { language, type Language } from "../i18n/language";
import { setLanguage } from "../i18n/messages";
import { redeemReset, register, saveLanguage, signIn } from "../state/session";

type Mode = "signin" | "register" | "reset";
type NewRole = "student" | "teacher" | "parent";

/** Sign in, create an account (student with a join code, invited teacher, parent), or use a
 * reset code from the school's administrator. */
export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [mode, setMode] = useState<Mode>("signin");
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<NewRole>("student");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A language picked here is the person's choice: their account takes it once they are in.
  const [picked, setPicked] = useState<Language | null>(null);

  async function signedIn(me: Me) {
    if (picked === null || picked === me.locale) return onSignedIn(me);
    // Offline, the device keeps speaking the pick and the account its own language.
    onSignedIn(await saveLanguage(picked).catch(() => me));
  }

  async function pick(next: Language) {
    setPicked(next);
    await setLanguage(next);
  }

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === "signin") await signedIn(await signIn(login.trim(), password));
      else if (mode === "reset") await signedIn(await redeemReset(login.trim(), code.trim(), password));
      else {
        const body: RegisterRequest = {
          role,
          login: login.trim(),
          password,
          display_name: name.trim() || login.trim(),
          time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
          locale: language(),
        };
        if (role === "student") body.join_code = code.trim();
        if (role === "teacher") body.invite_code = code.trim();
        onSignedIn(await register(body));
      }
    } catch (e) {
      if (e instanceof ApiError && e.isNetwork) setError(t.signIn.offline);
      // The server's detail says, in the reader's language, what to fix (the first field's why).
      else if (e instanceof ApiError) setError(e.detail);
      else setError(t.signIn.failed);
    } finally {
      setBusy(false);
    }
  }

  const title = mode === "signin" ? t.signIn.title : mode === "reset" ? t.reset.title : t.register.title;
  return (
    <main class="signin" id="main">
      <LanguagePicker onPick={(next) => void pick(next)} />
      <h1>{title}</h1>
      <form onSubmit={submit} class="card stack">
        {mode === "reset" && <p>{t.reset.body}</p>}
        {mode === "register" && (
          <fieldset>
            <legend>{t.register.role}</legend>
            {(["student", "teacher", "parent"] as const).map((r) => (
              <label key={r}>
                <input type="radio" name="role" checked={role === r} onChange={() => setRole(r)} />{" "}
                {t.register.roles[r]}
              </label>
            ))}
          </fieldset>
        )}
        {((mode === "register" && role !== "parent") || mode === "reset") && (
          <label>
            {mode === "reset" ? t.reset.code : role === "student" ? t.register.joinCode : t.register.inviteCode}
            <input
              name="code"
              autocapitalize="characters"
              required
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          </label>
        )}
        {mode === "register" && (
          <label>
            {t.register.name}
            <input name="display_name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
        )}
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
          {mode === "signin" ? t.signIn.password : t.reset.newPassword}
          <input
            name="password"
            type="password"
            autocomplete={mode === "signin" ? "current-password" : "new-password"}
            required
            minLength={mode === "signin" ? undefined : 10}
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
          {busy
            ? mode === "register"
              ? t.register.busy
              : t.signIn.busy
            : mode === "signin"
              ? t.signIn.submit
              : mode === "reset"
                ? t.reset.submit
                : t.register.submit}
        </button>
      </form>
      <p class="stack">
        {mode !== "signin" && (
          <button type="button" class="link" onClick={() => setMode("signin")}>
            {t.signIn.toSignIn}
          </button>
        )}
        {mode !== "register" && (
          <button type="button" class="link" onClick={() => setMode("register")}>
            {t.signIn.toRegister}
          </button>
        )}
        {mode !== "reset" && (
          <button type="button" class="link" onClick={() => setMode("reset")}>
            {t.signIn.toReset}
          </button>
        )}
      </p>
    </main>
  );
}
