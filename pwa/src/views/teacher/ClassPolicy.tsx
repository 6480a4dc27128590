import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { ClassPolicy as Policy } from "../../api/types";
import { SavedCopy } from "../../components/SavedCopy";
import { t } from "../../i18n/messages";
import { useCopy } from "../../state/hooks";

/** Which goal changes in a class wait for the teacher. */
export function ClassPolicy({ owner, classId }: { owner: number; classId: number }) {
  const copy = useCopy<Policy>(owner, `/api/classes/${classId}/policy`);
  const [draft, setDraft] = useState<Policy | null>(null);
  const [freeDays, setFreeDays] = useState("7");
  const [edited, setEdited] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The form follows the latest copy until the teacher starts changing it.
  useEffect(() => {
    if (copy.value === null || edited) return;
    setDraft(copy.value);
    setFreeDays(String(copy.value.deadline_shift_free_days));
  }, [copy.value, edited]);

  // Saving sends the whole policy, so it waits for the server's current one: a saved copy may be
  // older than a change made on another device.
  const canSave = copy.online && copy.phase === "fresh";
  const explained = !canSave && copy.phase !== "loading";
  const noteId = `policy-needs-${classId}`;

  function change(next: Policy) {
    setDraft(next);
    setEdited(true);
  }

  async function save(event: Event) {
    event.preventDefault();
    if (draft === null || !canSave) return;
    const days = Math.round(Number(freeDays));
    if (!(days >= 0 && days <= 365)) {
      setMessage(t.errors.range(0, 365));
      return;
    }
    setBusy(true);
    try {
      const saved = await api<Policy>("PUT", `/api/classes/${classId}/policy`, { ...draft, deadline_shift_free_days: days });
      setEdited(false);
      copy.replace(saved);
      setMessage(t.policy.saved);
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.policy.notSaved);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (field: "approve_new_goals" | "approve_target_decrease" | "approve_abandon", label: string) =>
    draft !== null && (
      <label class="check">
        <input
          type="checkbox"
          name={field}
          checked={draft[field]}
          disabled={!canSave}
          onChange={(e) => change({ ...draft, [field]: e.currentTarget.checked })}
        />
        {label}
      </label>
    );

  return (
    <section class="card" aria-labelledby={`policy-${classId}`} data-testid="policy">
      <h2 id={`policy-${classId}`}>{t.policy.title}</h2>
      <p>{t.policy.intro}</p>
      <SavedCopy copy={copy} />
      {draft === null && copy.phase === "failed" && <p role="status">{t.policy.offline}</p>}
      {draft !== null && (
        <form class="stack" onSubmit={save}>
          {toggle("approve_new_goals", t.policy.newGoals)}
          {toggle("approve_target_decrease", t.policy.targetDecrease)}
          {toggle("approve_abandon", t.policy.abandon)}
          <label>
            {t.policy.freeDays}
            <input
              name="deadline_shift_free_days"
              type="number"
              inputMode="numeric"
              min="0"
              max="365"
              required
              disabled={!canSave}
              value={freeDays}
              onInput={(e) => {
                setFreeDays(e.currentTarget.value);
                setEdited(true);
              }}
            />
          </label>
          {explained && (
            <p class="muted" id={noteId}>
              {t.policy.needsConnection}
            </p>
          )}
          <button type="submit" class="primary" disabled={busy || !canSave} aria-describedby={explained ? noteId : undefined}>
            {t.policy.save}
          </button>
        </form>
      )}
      {message !== null && <p role="status">{message}</p>}
    </section>
  );
}
