import { useState } from "preact/hooks";
import { api, ApiError, download } from "../api/http";
import { t } from "../i18n/messages";

/** "My data": download everything held about me, or ask for my account to be erased. */
export function MyData({ login, onErased }: { login: string; onErased: () => void }) {
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<string | null>(null);

  function failed(e: unknown) {
    setMessage(e instanceof ApiError && e.status !== 0 ? e.detail : t.myData.offline);
  }

  async function take() {
    if (password === "") return setMessage(t.myData.needsPassword);
    setMessage(t.myData.preparing);
    try {
      const file = await download("/api/me/export", { password });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(file);
      link.download = `waypoint-${login}.zip`;
      link.click();
      URL.revokeObjectURL(link.href);
      setPassword("");
      setMessage(t.myData.downloaded);
    } catch (e) {
      failed(e);
    }
  }

  async function erase() {
    if (password === "") return setMessage(t.myData.needsPassword);
    if (!window.confirm(t.myData.confirmErase)) return;
    try {
      await api("DELETE", "/api/me", { password });
      onErased();
    } catch (e) {
      failed(e);
    }
  }

  return (
    <section class="card stack" aria-labelledby="my-data-title">
      <h2 id="my-data-title">{t.myData.title}</h2>
      <p>{t.myData.intro}</p>
      <label>
        {t.myData.password}
        <input
          type="password"
          name="my-data-password"
          autocomplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <button type="button" onClick={() => void take()}>
        {t.myData.download}
      </button>
      <p class="muted">{t.myData.eraseIntro}</p>
      <button type="button" class="danger" onClick={() => void erase()}>
        {t.myData.erase}
      </button>
      {message !== null && <p role="status">{message}</p>}
    </section>
  );
}
