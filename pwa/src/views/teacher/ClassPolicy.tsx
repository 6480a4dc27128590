import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { ClassPolicy as Policy } from "../../api/types";
import { t } from "../../i18n/en";

/** Which goal changes in a class wait for the teacher. */
export function ClassPolicy({ classId }: { classId: number }) {
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [freeDays, setFreeDays] = useState("7");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPolicy(null);
    setMessage(null);
    api<Policy>("GET", `/api/classes/${classId}/policy`)
      .then((p) => {
        setPolicy(p);
        setFreeDays(String(p.deadline_shift_free_days));
      })
      .catch(() => setMessage(t.policy.offline));
  }, [classId]);

  async function save(event: Event) {
    event.preventDefault();
    if (policy === null) return;
    const days = Math.round(Number(freeDays));
    if (!(days >= 0 && days <= 365)) {
      setMessage(t.errors.range(0, 365));
      return;
    }
    setBusy(true);
    try {
      const saved = await api<Policy>("PUT", `/api/classes/${classId}/policy`, { ...policy, deadline_shift_free_days: days });
      setPolicy(saved);
      setFreeDays(String(saved.deadline_shift_free_days));
      setMessage(t.policy.saved);
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.policy.offline);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (field: "approve_new_goals" | "approve_target_decrease" | "approve_abandon", label: string) =>
    policy !== null && (
      <label class="check">
        <input
          type="checkbox"
          name={field}
          checked={policy[field]}
          onChange={(e) => setPolicy({ ...policy, [field]: e.currentTarget.checked })}
        />
        {label}
      </label>
    );

  return (
    <section class="card" aria-labelledby={`policy-${classId}`} data-testid="policy">
      <h2 id={`policy-${classId}`}>{t.policy.title}</h2>
      <p>{t.policy.intro}</p>
      {policy !== null && (
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
              value={freeDays}
              onInput={(e) => setFreeDays(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="primary" disabled={busy}>
            {t.policy.save}
          </button>
        </form>
      )}
      {message !== null && <p role="status">{message}</p>}
    </section>
  );
}
