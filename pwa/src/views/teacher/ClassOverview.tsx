import type { GoalOverview, StudentOverview } from "../../api/types";
import { SavedCopy } from "../../components/SavedCopy";
import { TimeBars } from "../../components/TimeBars";
import { t } from "../../i18n/en";
import { useCopy } from "../../state/hooks";
import { duration, hoursText, number } from "../../ui/format";

const FLAGGED = new Set(["behind", "at_risk", "unreachable"]);

function dateWords(day: string): string {
  return new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { day: "numeric", month: "long" });
}

/** The persistently behind first (as the server orders them), then by name. */
export function ordered(rows: StudentOverview[]): StudentOverview[] {
  return [...rows].sort(
    (a, b) => Number(b.persistently_behind) - Number(a.persistently_behind) || a.display_name.localeCompare(b.display_name),
  );
}

/** Each student's goals with pace, this week's time, and who has been behind for a week. */
export function ClassOverview({ owner, classId }: { owner: number; classId: number }) {
  const copy = useCopy<StudentOverview[]>(owner, `/api/classes/${classId}/overview`);
  const shown = copy.value === null ? null : ordered(copy.value);
  const behind = shown?.filter((r) => r.persistently_behind).length ?? 0;

  return (
    <section class="card" aria-labelledby={`overview-${classId}`}>
      <h2 id={`overview-${classId}`}>{t.overview.title}</h2>
      <SavedCopy copy={copy} />
      {shown === null && copy.phase === "failed" && <p class="muted">{t.overview.needsConnection}</p>}
      {shown !== null && shown.length === 0 && <p class="muted">{t.overview.noStudents}</p>}
      {shown !== null && shown.length > 0 && (
        <>
          <p role="status">{behind > 0 ? t.overview.behindCount(behind) : t.overview.noneBehind}</p>
          <ul class="overview" data-testid="overview">
            {shown.map((row) => (
              <StudentRow key={row.student_id} row={row} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function StudentRow({ row }: { row: StudentOverview }) {
  const headingId = `overview-student-${row.student_id}`;
  const study = row.study_minutes_this_week;
  const free = row.free_minutes_this_week;
  return (
    <li class={`card ${row.persistently_behind ? "behind" : ""}`} aria-labelledby={headingId} data-testid="overview-student">
      <h3 id={headingId}>{row.display_name}</h3>
      {row.persistently_behind && <p class="flag">{t.overview.behindFlag}</p>}
      {row.overloaded && <p class="flag">{t.overview.overloaded}</p>}
      <p>{t.time.weekSummary(duration(study), duration(free))}</p>
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
    </li>
  );
}

function GoalRow({ goal, persistent }: { goal: GoalOverview; persistent: boolean }) {
  const unit = t.goals.units[goal.unit] ?? goal.unit;
  const details = [
    t.overview.goalLine(number(goal.done), number(goal.target), unit),
    goal.projected_finish !== null ? t.overview.projected(dateWords(goal.projected_finish)) : t.overview.noProjection,
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
