import { useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { GoalOverview, Objective, StudentOverview } from "../../api/types";
import { TimeBars } from "../../components/TimeBars";
import { t } from "../../i18n/messages";
import { useCopy } from "../../state/hooks";
import { calendarDay, duration, hoursText, number } from "../../ui/format";

const FLAGGED = new Set(["behind", "at_risk", "unreachable"]);

interface DetailProps {
  owner: number;
  row: StudentOverview;
  classId: number;
  onMarked: () => void;
}

/** What the class overview knows of one student: goals with pace, this week's time, the load
 * across subjects, the profile, and the class's objectives to mark. Opened from a table row. */
export function StudentDetail({ owner, row, classId, onMarked }: DetailProps) {
  const objectives = useCopy<Objective[]>(owner, `/api/classes/${classId}/objectives`).value ?? [];
  const study = row.study_minutes_this_week;
  const free = row.free_minutes_this_week;
  return (
    <div class="student-detail" data-testid="overview-student">
      {row.persistently_behind && <p class="flag">{t.overview.behindFlag}</p>}
      {row.overloaded && <p class="flag">{t.overview.overloaded}</p>}
      <TimeBars
        summary={t.staff.weekChart(row.display_name, duration(study), duration(free))}
        rows={[
          { key: "study", label: t.chart.study, minutes: study, tone: "study" },
          { key: "free", label: t.chart.free, minutes: free, tone: "free" },
        ]}
      />
      {row.goals.length === 0 ? (
        <p class="muted">{t.overview.noGoals}</p>
      ) : (
        <ul class="plain">
          {row.goals.map((g) => (
            <GoalRow key={g.goal_id} goal={g} persistent={row.behind_goal_ids.includes(g.goal_id)} />
          ))}
        </ul>
      )}
      {(row.other_goals ?? 0) > 0 && (
        <p class="muted" data-testid="other-subjects">
          {t.overview.otherSubjects(row.other_goals ?? 0, hoursText(row.other_hours_per_week ?? 0))}
        </p>
      )}
      <p class="muted">
        {t.overview.load(hoursText(row.required_hours_per_week ?? 0), hoursText(row.available_hours_per_week ?? 0))}
      </p>
      {(row.tags?.length || row.strengths || row.aims) && (
        <p class="muted" data-testid="student-profile">
          {[
            ...(row.strengths ? [t.overview.strengths(row.strengths)] : []),
            ...(row.aims ? [t.overview.aims(row.aims)] : []),
            ...(row.tags?.length ? [row.tags.join(", ")] : []),
          ].join(" · ")}
        </p>
      )}
      {objectives.length > 0 && <MasteryMarks row={row} classId={classId} objectives={objectives} onMarked={onMarked} />}
    </div>
  );
}

interface RowProps {
  row: StudentOverview;
  classId: number;
  objectives: Objective[];
  onMarked: () => void;
}

/** The class's objectives for one student: mark one mastered with its evidence, or undo it. */
function MasteryMarks({ row, classId, objectives, onMarked }: RowProps) {
  const mastered = new Set(row.mastered_objectives ?? []);
  const [evidence, setEvidence] = useState<Record<number, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function mark(objective: Objective, on: boolean) {
    setBusy(true);
    try {
      await api("PUT", `/api/classes/${classId}/students/${row.student_id}/objectives/${objective.id}`, {
        mastered: on,
        evidence: on ? (evidence[objective.id] ?? "").trim() : "",
      });
      setMessage(t.mastery.saved);
      onMarked();
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.mastery.notSaved);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details data-testid="mastery-marks">
      <summary>
        {t.mastery.markFor(row.display_name)} · {t.mastery.count(mastered.size, objectives.length)}
      </summary>
      <ul class="plain objectives">
        {objectives.map((o) => {
          const label = o.code !== "" ? `${o.code} ${o.title}` : o.title;
          return (
            <li key={o.id} class={mastered.has(o.id) ? "mastered" : "remaining"}>
              <p>{mastered.has(o.id) ? `✓ ${label}` : label}</p>
              {mastered.has(o.id) ? (
                <button type="button" disabled={busy} onClick={() => void mark(o, false)} aria-label={`${t.mastery.undo}: ${label}`}>
                  {t.mastery.undo}
                </button>
              ) : (
                <div class="row">
                  <label class="grow">
                    <span class="sr-only">{`${t.mastery.evidence}: ${label}`}</span>
                    <input
                      name="evidence"
                      maxLength={500}
                      placeholder={t.mastery.evidencePlaceholder}
                      value={evidence[o.id] ?? ""}
                      onInput={(e) => setEvidence({ ...evidence, [o.id]: e.currentTarget.value })}
                    />
                  </label>
                  <button type="button" class="primary" disabled={busy} onClick={() => void mark(o, true)} aria-label={`${t.mastery.markMastered}: ${label}`}>
                    {t.mastery.markMastered}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {message !== null && <p role="status">{message}</p>}
    </details>
  );
}

function GoalRow({ goal, persistent }: { goal: GoalOverview; persistent: boolean }) {
  const unit = t.goals.units[goal.unit] ?? goal.unit;
  const details = [
    t.units.of(goal.done, goal.target, goal.unit),
    t.goals.deadlineOn(calendarDay(goal.deadline)),
    goal.projected_finish !== null ? t.overview.projected(calendarDay(goal.projected_finish)) : t.overview.noProjection,
    ...(goal.daily_effort !== null ? [t.overview.effort(goal.daily_effort)] : []),
  ];
  return (
    <li>
      <p>
        <strong>{goal.title}</strong>
      </p>
      <span class={`badge ${FLAGGED.has(goal.status) ? "pending" : "active"}`}>
        {t.pace.status[goal.status] ?? goal.status}
        {persistent ? `, ${t.overview.persistentGoal}` : ""}
      </span>
      <p>{details.join("; ")}</p>
    </li>
  );
}
