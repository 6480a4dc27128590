import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { ApprovalItem, DecisionItem, DecisionReport } from "../../api/types";
import { SavedCopy } from "../../components/SavedCopy";
import { t } from "../../i18n/en";
import { useCopy } from "../../state/hooks";

const NEW_GOAL_FIELDS = ["target", "unit", "deadline", "description"];

function shown(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The teacher's queue of new goals and goal changes, decided in bulk. */
export function Approvals({ owner }: { owner: number }) {
  const copy = useCopy<ApprovalItem[]>(owner, "/api/approvals");
  const items = copy.value;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [comment, setComment] = useState("");
  const [reports, setReports] = useState<{ report: DecisionReport; about: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A decision names the goal version it was made on and the server refuses it if the goal has
  // changed since, so deciding on a saved copy is safe; only a missing connection stops it.
  const canDecide = copy.online;
  const explained = !canDecide;

  useEffect(() => {
    if (items !== null) setSelected((old) => new Set(items.map((i) => i.id).filter((id) => old.has(id))));
  }, [items]);

  useEffect(() => {
    // Students' new requests poke the teacher's open app too.
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/sync/events", { withCredentials: true });
    source.addEventListener("poke", copy.reload);
    return () => source.close();
  }, [copy.reload]);

  async function decide(decision: "approve" | "return") {
    if (items === null || selected.size === 0 || !canDecide) return;
    setBusy(true);
    const decisions: DecisionItem[] = items
      .filter((i) => selected.has(i.id))
      .map((i) => ({ type: i.type, id: i.id, decision, goal_version: i.goal_version, comment }));
    try {
      const titles = new Map(items.map((i) => [i.id, t.approvals.about(i.student_name, i.goal_title)]));
      const answered = await api<DecisionReport[]>("POST", "/api/approvals/decisions", { decisions });
      setReports(answered.map((report) => ({ report, about: titles.get(report.id) ?? "" })));
      setComment("");
      setSelected(new Set());
      setError(null);
      copy.reload();
    } catch (e) {
      setError(e instanceof ApiError && !e.isNetwork ? e.detail : t.approvals.notSent);
    } finally {
      setBusy(false);
    }
  }

  function toggle(id: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  }

  return (
    <section class="card" aria-labelledby="approvals-title">
      <h2 id="approvals-title">{t.approvals.title}</h2>
      <SavedCopy copy={copy} />
      {items === null && copy.phase === "failed" && (
        <p class="muted" role="status">
          {copy.error?.isNetwork === false ? copy.error.detail : t.approvals.offline}
        </p>
      )}
      {error !== null && <p class="error" role="alert">{error}</p>}
      {/* The live region wraps the list: a role on the <ul> itself would hide that it is a list. */}
      {reports.length > 0 && (
        <div role="status">
          <ul class="list">
            {reports.map(({ report, about }) => (
              <li key={report.id} data-testid="decision-report">
                <p>
                  {about}
                  {t.approvals.outcome[report.outcome] ?? report.message}
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
      {items !== null && items.length === 0 && <p class="muted">{t.approvals.empty}</p>}
      {items !== null && items.length > 0 && (
        <>
          <label class="check">
            <input
              type="checkbox"
              checked={selected.size === items.length}
              onChange={(e) => setSelected(e.currentTarget.checked ? new Set(items.map((i) => i.id)) : new Set())}
            />
            {t.approvals.selectAll(items.length)}
          </label>
          <ul class="approvals" data-testid="approvals">
            {items.map((item) => (
              <li key={item.id} class="approval">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={selected.has(item.id)}
                    onChange={(e) => toggle(item.id, e.currentTarget.checked)}
                  />
                  <span>
                    <strong>{item.student_name}</strong>: {item.goal_title}
                    {item.class_name && <span class="muted"> · {item.class_name}</span>}
                    {item.reviewer === "mentor" && <span class="muted"> · {t.mentor.asksAdvice}</span>}
                    <span class="badge">{t.approvals.type[item.type] ?? item.type}</span>
                  </span>
                </label>
                <ul class="changes">
                  {item.type === "new_goal"
                    ? NEW_GOAL_FIELDS.filter((f) => item.current[f] !== undefined).map((field) => (
                        <li key={field}>{`${t.fields[field] ?? field}: ${shown(item.current[field])}`}</li>
                      ))
                    : Object.entries(item.proposed).map(([field, value]) => (
                        <li key={field}>
                          {t.approvals.change(t.fields[field] ?? field, shown(item.current[field]), shown(value))}
                        </li>
                      ))}
                </ul>
                {item.reason !== "" && <p>{t.approvals.reason(item.reason)}</p>}
                {item.changed_since_request && <p class="muted">{t.approvals.changedSince}</p>}
              </li>
            ))}
          </ul>
          <label>
            {t.approvals.comment}
            <textarea name="comment" maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          {explained && (
            <p class="muted" id="approvals-needs">
              {t.approvals.needsConnection}
            </p>
          )}
          <div class="row">
            <button
              type="button"
              class="primary"
              disabled={busy || selected.size === 0 || !canDecide}
              aria-describedby={explained ? "approvals-needs" : undefined}
              onClick={() => void decide("approve")}
            >
              {t.approvals.approve(selected.size)}
            </button>
            <button
              type="button"
              disabled={busy || selected.size === 0 || !canDecide}
              aria-describedby={explained ? "approvals-needs" : undefined}
              onClick={() => void decide("return")}
            >
              {t.approvals.return(selected.size)}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
