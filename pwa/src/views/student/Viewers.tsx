import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { AccessEntry, MentorNote, Viewer } from "../../api/types";
import { t } from "../../i18n/messages";
import { calendarDay, localDay, momentWords } from "../../ui/format";

/** Who can see my data and since when; a pending guardian link is confirmed or declined here. */
export function Viewers({ me }: { me: number }) {
  const [viewers, setViewers] = useState<Viewer[] | null>(null);
  const [notes, setNotes] = useState<MentorNote[]>([]);
  const [history, setHistory] = useState<AccessEntry[] | null>(null);
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<string | null>(null);

  async function load() {
    try {
      setViewers(await api<Viewer[]>("GET", "/api/me/viewers"));
      setNotes(await api<MentorNote[]>("GET", `/api/students/${me}/mentor-notes`));
      setHistory(await api<AccessEntry[]>("GET", "/api/me/access-log"));
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.account.needsConnection);
    }
  }
  useEffect(() => void load(), []);

  async function act(run: () => Promise<unknown>) {
    setMessage(null);
    try {
      await run();
      setPassword("");
      await load();
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.account.needsConnection);
    }
  }

  return (
    <section class="card stack" aria-labelledby="viewers-title">
      <h2 id="viewers-title">{t.viewers.title}</h2>
      {viewers !== null && viewers.length === 0 && <p class="muted">{t.viewers.empty}</p>}
      {viewers !== null && viewers.length > 0 && (
        <ul class="list" data-testid="viewers">
          {viewers.map((v) => (
            <li key={`${v.kind}-${v.user_id}-${v.link_id ?? v.class_name ?? ""}`}>
              <p>
                <strong>{v.name}</strong>,{" "}
                {v.kind === "parent" ? t.viewers.parent : v.kind === "mentor" ? t.viewers.mentor : t.viewers.teacher(v.class_name ?? "")}
              </p>
              <p class="muted">
                {v.status === "pending"
                  ? t.viewers.pending(v.invited_by_name ?? "")
                  : `${v.sees}; ${t.viewers.since(v.since ? momentWords(Date.parse(v.since)) : "")}`}
                {v.consent === "school" && ` (${t.viewers.bySchool})`}
              </p>
              {v.link_id != null && v.status === "pending" && (
                <div class="stack">
                  <label>
                    {t.viewers.password}
                    <input
                      type="password"
                      autocomplete="current-password"
                      value={password}
                      onInput={(e) => setPassword(e.currentTarget.value)}
                    />
                  </label>
                  <button
                    type="button"
                    class="primary"
                    onClick={() => void act(() => api("POST", `/api/guardian-links/${v.link_id}/confirm`, { password }))}
                  >
                    {t.viewers.confirm}
                  </button>
                </div>
              )}
              {v.link_id != null && (
                <button type="button" onClick={() => void act(() => api("DELETE", `/api/guardian-links/${v.link_id}`))}>
                  {v.status === "pending" ? t.viewers.decline : t.viewers.end}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {viewers !== null && viewers.some((v) => v.kind === "mentor") && (
        <>
          <h3>{t.viewers.notesTitle}</h3>
          {notes.length === 0 && <p class="muted">{t.viewers.noNotes}</p>}
          <ul class="list" data-testid="mentor-notes">
            {notes.map((n) => (
              <li key={n.id}>
                <p>{n.body}</p>
                {n.next_steps && <p>→ {n.next_steps}</p>}
                <p class="muted">{`${calendarDay(localDay(new Date(n.created_at)))} · ${n.author_name}`}</p>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={n.shared_with_parents}
                    onChange={(e) => {
                      const shared = e.currentTarget.checked;
                      void act(() => api("PUT", `/api/me/mentor-notes/${n.id}`, { shared_with_parents: shared }));
                    }}
                  />
                  {t.viewers.share}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      {history !== null && (
        <>
          <h3>{t.viewers.historyTitle}</h3>
          {history.length === 0 && <p class="muted">{t.viewers.noHistory}</p>}
          <ul class="list" data-testid="access-log">
            {history.slice(0, 20).map((entry, n) => (
              <li key={n}>{t.viewers.when(calendarDay(localDay(new Date(entry.at))), entry.what)}</li>
            ))}
          </ul>
        </>
      )}
      {message !== null && <p role="status">{message}</p>}
    </section>
  );
}
