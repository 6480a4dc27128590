import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api/http";
import type { SessionInfo } from "../api/types";
import { LanguagePicker } from "../components/LanguagePicker";
import { type Language } from "../i18n/language";
import { momentWords } from "../ui/format";
import { setLanguage, t } from "../i18n/messages";
import { saveLanguage } from "../state/session";

function problem(e: unknown): string {
  return e instanceof ApiError && !e.isNetwork ? e.detail : t.account.needsConnection;
}

/** The account's language: the app's words, and the language of its notifications and summaries. */
function AccountLanguage() {
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function pick(next: Language) {
    setBusy(true);
    try {
      await saveLanguage(next);
      await setLanguage(next);
      setNote(t.language.saved);
    } catch (e) {
      setNote(problem(e) === t.account.needsConnection ? t.language.needsConnection : problem(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card stack" aria-labelledby="language-title">
      <h2 id="language-title">{t.language.label}</h2>
      <LanguagePicker onPick={(next) => void pick(next)} disabled={busy} labelHidden />
      {note !== null && <p role="status">{note}</p>}
    </section>
  );
}

/** Change my password, and my sessions: where I am signed in, signing out one or all. */
export function Account({ onSignedOutEverywhere }: { onSignedOutEverywhere: () => void }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);

  async function load() {
    try {
      setSessions(await api<SessionInfo[]>("GET", "/api/auth/sessions"));
    } catch (e) {
      setMessage(problem(e));
    }
  }
  useEffect(() => void load(), []);

  async function change(event: Event) {
    event.preventDefault();
    try {
      await api("POST", "/api/auth/password", { current_password: current, new_password: next });
      setCurrent("");
      setNext("");
      setMessage(t.account.changed);
      await load();
    } catch (e) {
      setMessage(problem(e));
    }
  }

  async function endOne(id: number) {
    try {
      await api("DELETE", `/api/auth/sessions/${id}`);
      await load();
    } catch (e) {
      setMessage(problem(e));
    }
  }

  async function endAll() {
    try {
      await api("DELETE", "/api/auth/sessions");
      onSignedOutEverywhere();
    } catch (e) {
      setMessage(problem(e));
    }
  }

  return (
    <>
      <AccountLanguage />
      <section class="card stack" aria-labelledby="password-title">
        <h2 id="password-title">{t.account.passwordTitle}</h2>
        <form class="stack" onSubmit={change}>
          <label>
            {t.account.current}
            <input
              type="password"
              autocomplete="current-password"
              required
              value={current}
              onInput={(e) => setCurrent(e.currentTarget.value)}
            />
          </label>
          <label>
            {t.account.next}
            <input
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
              value={next}
              onInput={(e) => setNext(e.currentTarget.value)}
            />
          </label>
          <button type="submit">{t.account.change}</button>
        </form>
        {message !== null && <p role="status">{message}</p>}
      </section>
      <section class="card stack" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t.account.sessionsTitle}</h2>
        {sessions !== null && (
          <ul class="list" data-testid="sessions">
            {sessions.map((s) => (
              <li key={s.id}>
                <p>
                  {s.user_agent || t.account.unknownDevice}
                  {s.current && <strong> ({t.account.thisDevice})</strong>}
                </p>
                <p class="muted">
                  {t.account.lastSeen(
                    s.last_seen_at ? momentWords(Date.parse(s.last_seen_at)) : "",
                    s.client_address,
                  )}
                </p>
                {!s.current && (
                  <button type="button" onClick={() => void endOne(s.id)}>
                    {t.account.endOne}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <button type="button" onClick={() => void endAll()}>
          {t.account.endAll}
        </button>
      </section>
    </>
  );
}
